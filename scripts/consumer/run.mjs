/**
 * The consumer test (issue 19): what a user gets from npm, checked outside the workspace.
 * 1. Packs every package of packages/ with pnpm (workspace:* becomes the version, as on publish).
 * 2. Checks each tarball with publint (warnings fail) and are-the-types-wrong (ESM-only profile: the packages
 *    ship ESM only, so the CommonJS resolutions are out of scope).
 * 3. Installs the tarballs into a fresh project in the system's temp folder, once with npm and once with pnpm,
 *    and in each: type-checks the README's example, the tutorials of apps/examples and a training script under
 *    `strict` with `skipLibCheck: false` (npm: `nodenext` resolution; pnpm: `nodenext` and `bundler`); runs the
 *    training on the cpu and wasm backends (fit, save .keras, load, same prediction).
 * 4. In the pnpm project (its node_modules hides undeclared dependencies): bundles a page importing
 *    `{ Sequential, layers }` from @strata/keras with esbuild, Vite and webpack, without extra options.
 * Needs the packages built (dist/) and the npm registry for the third-party dependencies.
 * Run: `pnpm test:consumer` (CI runs it after `pnpm test`). STRATA_CONSUMER_KEEP=1 keeps the temp folder.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWithEsbuild, bundleWithVite, bundleWithWebpack } from './bundlers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const pnpm = process.env.npm_execpath?.includes('pnpm') ? [process.execPath, process.env.npm_execpath] : ['pnpm'];
const TFJS = '4.22.0';

function run(command, args, cwd) {
  const [file, ...prefix] = Array.isArray(command) ? command : [command];
  try {
    return execFileSync(file, [...prefix, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
  } catch (error) {
    throw new Error(`\`${[file, ...prefix, ...args].join(' ')}\` failed in ${cwd} (exit ${error.status}):\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

/** run(), without blocking: for the checks of the tarballs, `limit` at a time. */
async function runAll(jobs, limit = 3) {
  const execFileAsync = promisify(execFile);
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      const [file, ...args] = job.command;
      try {
        await execFileAsync(file, args, { cwd: job.cwd, maxBuffer: 64 * 1024 * 1024 });
      } catch (error) {
        throw new Error(`\`${job.command.join(' ')}\` failed in ${job.cwd} (exit ${error.code}):\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

async function step(name, action) {
  const start = performance.now();
  const detail = await action();
  console.log(`consumer: ${name} (${((performance.now() - start) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}`);
}

function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((folder) => join(root, 'packages', folder))
    .filter((folder) => existsSync(join(folder, 'package.json')))
    .map((folder) => ({ folder, manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true);
}

async function pack(packages, destination) {
  mkdirSync(destination, { recursive: true });
  for (const { folder, manifest } of packages) {
    if (!existsSync(join(folder, 'dist'))) throw new Error(`${manifest.name} has no dist/ to pack: build first (pnpm build).`);
  }
  await runAll(packages.map(({ folder }) => ({ command: [...pnpm, 'pack', '--pack-destination', destination], cwd: folder })));
  return packages.map(({ manifest }) => {
    const tarball = join(destination, `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`);
    if (!existsSync(tarball)) throw new Error(`pnpm pack of ${manifest.name} did not write ${tarball}.`);
    return { name: manifest.name, tarball };
  });
}

/** The first ```ts block under "## A short example" in the root README, as a user copies it. */
function readmeExample() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('## A short example')[1];
  const code = section?.match(/```ts\n([\s\S]*?)```/)?.[1];
  if (code === undefined) throw new Error('README.md has no ```ts block under "## A short example" for the consumer test to check.');
  return `${code}export {};\n`;
}

/** The picture libraries the tutorials import (vega, vega-lite, resvg), at apps/examples's own ranges. */
function examplePictureDependencies() {
  const examples = JSON.parse(readFileSync(join(root, 'apps', 'examples', 'package.json'), 'utf8'));
  const wanted = ['vega', 'vega-lite', '@resvg/resvg-js'];
  return Object.fromEntries(wanted.map((name) => [name, examples.dependencies[name]]));
}

/** apps/examples/src (the tutorials), with relative imports spelled with `.js` as `nodenext` needs. */
function copyTutorials(destination) {
  const source = join(root, 'apps', 'examples', 'src');
  for (const entry of readdirSync(source, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(destination, relative(source, from));
    mkdirSync(dirname(to), { recursive: true });
    const text = readFileSync(from, 'utf8').replace(/(from '\.{1,2}\/[^']*?)(?<!\.js)'/g, "$1.js'");
    writeFileSync(to, text);
  }
}

function writeProject(folder, tarballs, manager) {
  cpSync(join(root, 'scripts', 'consumer', 'project'), folder, { recursive: true });
  writeFileSync(join(folder, 'src', 'readme-example.ts'), readmeExample());
  copyTutorials(join(folder, 'src', 'tutorials'));
  const local = Object.fromEntries(tarballs.map(({ name, tarball }) => [name, `file:${tarball}`]));
  const manifest = {
    name: 'strata-consumer',
    private: true,
    type: 'module',
    dependencies: {
      ...local,
      '@tensorflow/tfjs-core': TFJS,
      '@tensorflow/tfjs-backend-cpu': TFJS,
      '@tensorflow/tfjs-backend-wasm': TFJS,
      // Known gap: @strata/backend imports each tfjs backend with import('@tensorflow/tfjs-backend-…'), so a
      // bundler fails on a backend package that is not installed (esbuild: "Could not resolve"). Until the
      // backends are entry points of their own, an app that bundles installs all three.
      '@tensorflow/tfjs-backend-webgpu': TFJS,
      '@types/node': '^20.19.0',
      // The tutorials draw their pictures with these, as apps/examples does (same ranges).
      ...examplePictureDependencies(),
    },
  };
  // The tarballs depend on each other at version 0.0.0: point those at the tarballs too, never at the registry.
  if (manager === 'npm') manifest.overrides = Object.fromEntries(tarballs.map(({ name }) => [name, `$${name}`]));
  else manifest.pnpm = { overrides: local };
  // tfjs-core's declarations use the global `Long` of @types/long, its own dependency; npm hoists it where
  // TypeScript looks, pnpm does not, so with skipLibCheck: false a pnpm user adds it (a tfjs-core issue).
  if (manager === 'pnpm') manifest.dependencies['@types/long'] = '^4.0.1';
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function install(folder, manager) {
  if (manager === 'npm') run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], folder);
  else run(pnpm, ['install', '--no-frozen-lockfile', '--reporter=silent'], folder);
}

/**
 * One consumer project. `resolutions`: the tsconfigs to type-check it with. npm's hoisted node_modules checks
 * nodenext; pnpm's, which hides undeclared dependencies, checks both (CI time: each check takes ~40 s).
 */
async function checkProject(work, tarballs, manager, { resolutions, bundle }) {
  const folder = join(work, manager);
  writeProject(folder, tarballs, manager);
  await step(`${manager} install of ${tarballs.length} tarballs`, () => install(folder, manager));
  const tsc = [process.execPath, join(root, 'node_modules', 'typescript', 'bin', 'tsc')];
  for (const resolution of resolutions) {
    const what = resolution === 'nodenext' ? ' (README example, tutorials, training)' : '';
    await step(`${manager}: tsc strict, skipLibCheck false, ${resolution}${what}`, () => run(tsc, ['-p', `tsconfig.${resolution}.json`], folder));
  }
  for (const backend of ['cpu', 'wasm']) {
    await step(`${manager}: training on ${backend}`, () => run(process.execPath, [join('dist', 'train.js'), backend], folder).trim());
  }
  if (!bundle) return;
  await step(`${manager}: esbuild bundle of web/main.js`, async () => `${await bundleWithEsbuild(folder)} B gzip`);
  await step(`${manager}: Vite build of web/index.html`, async () => `${await bundleWithVite(folder)} B gzip`);
  await step(`${manager}: webpack build of web/main.js`, async () => `${await bundleWithWebpack(folder)} B gzip (not minified)`);
}

const work = mkdtempSync(join(tmpdir(), 'strata-consumer-'));
const started = performance.now();
try {
  let tarballs = [];
  await step('pnpm pack of every package', async () => {
    tarballs = await pack(publishedPackages(), join(work, 'tarballs'));
    return tarballs.map(({ name }) => name).join(', ');
  });
  await step('publint (warnings fail)', () =>
    runAll(tarballs.map(({ tarball }) => ({ command: [bin('publint'), 'run', tarball, '--level', 'warning', '--strict'], cwd: work }))),
  );
  await step('are-the-types-wrong (esm-only profile)', () =>
    runAll(tarballs.map(({ tarball }) => ({ command: [bin('attw'), tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color'], cwd: work }))),
  );
  await checkProject(work, tarballs, 'npm', { resolutions: ['nodenext'], bundle: false });
  await checkProject(work, tarballs, 'pnpm', { resolutions: ['nodenext', 'bundler'], bundle: true });
  console.log(`consumer: all checks passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
} finally {
  if (process.env.STRATA_CONSUMER_KEEP === '1') console.log(`consumer: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
