/**
 * Runs the vitest suites of packages/* on other Node versions than the one CI runs `pnpm test` on (Node 20):
 * by default 22 and 24, in sequence, against the dist/ that `pnpm test` built (no rebuild, no type-check).
 * Each Node comes from the `node` package on npm (no system install): `npm install node@<major>` into a folder
 * in the temp directory, then the suites run with that Node first on PATH.
 * Run: `pnpm test:node-versions` (CI runs it after `pnpm test`); STRATA_NODE_VERSIONS="22" picks versions,
 * STRATA_NODE_PACKAGES="./packages/losses,./packages/metrics" picks packages (pnpm --filter each, comma-separated).
 * The suites run without the real data sets (STRATA_DATASETS_DIR is unset for them, unless STRATA_NODE_DATASETS=1):
 * what needs them is the tutorials' trainings to a test accuracy (six minutes of the models suite on 2 cores), a
 * numerical check of code that every other suite also runs; CI runs them once, on the Node of `pnpm test`.
 * Nor with a WebGPU adapter (VK_ICD_FILENAMES is unset, unless STRATA_NODE_WEBGPU=1): the webgpu suites then skip
 * with their reason. On SwiftShader they take minutes (every layer through the harness), and what they check is
 * Dawn's native module and the shaders, which do not change with Node's version; `pnpm test` runs them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const versions = (process.env.STRATA_NODE_VERSIONS ?? '22 24').split(/[\s,]+/).filter(Boolean);
const packages = process.env.STRATA_NODE_PACKAGES ?? './packages/*';
const pnpm = process.env.npm_execpath?.includes('pnpm') ? [process.execPath, process.env.npm_execpath] : ['pnpm'];

function installNode(major) {
  const folder = join(tmpdir(), `strata-node-${major}`);
  const binFolder = join(folder, 'node_modules', '.bin');
  if (!existsSync(join(binFolder, 'node'))) {
    mkdirSync(folder, { recursive: true });
    execFileSync('npm', ['install', '--prefix', folder, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `node@${major}`], {
      stdio: 'inherit',
    });
  }
  const version = execFileSync(join(binFolder, 'node'), ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${major}.`)) throw new Error(`npm's node@${major} package gave Node ${version}, not Node ${major}.`);
  return { binFolder, version };
}

const started = performance.now();
for (const major of versions) {
  const start = performance.now();
  const { binFolder, version } = installNode(major);
  console.log(`node-versions: running the packages' test suites on Node ${version}`);
  // pnpm itself runs on that Node too, so nothing it starts can fall back to this process's Node.
  const [file, ...prefix] = pnpm[0] === process.execPath ? [join(binFolder, 'node'), ...pnpm.slice(1)] : pnpm;
  const env = { ...process.env, PATH: `${binFolder}${delimiter}${process.env.PATH}` };
  if (process.env.STRATA_NODE_DATASETS !== '1') delete env.STRATA_DATASETS_DIR;
  if (process.env.STRATA_NODE_WEBGPU !== '1') delete env.VK_ICD_FILENAMES;
  const seen = execFileSync(file, [...prefix, 'exec', 'node', '--version'], { cwd: join(root, 'packages', 'ops'), env, encoding: 'utf8' }).trim();
  if (seen !== version) throw new Error(`The test scripts would run on Node ${seen}, not on the Node ${version} just installed.`);
  const filters = packages.split(',').flatMap((filter) => ['--filter', filter.trim()]);
  execFileSync(file, [...prefix, '--recursive', ...filters, '--workspace-concurrency=2', 'run', 'test'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  console.log(`node-versions: Node ${version} passed in ${((performance.now() - start) / 1000).toFixed(0)} s`);
}
console.log(`node-versions: ${versions.join(', ')} passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
