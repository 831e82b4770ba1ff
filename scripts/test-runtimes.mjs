/**
 * Smoke-runs the main job (the Fashion-MNIST tutorial, apps/examples/dist/fashion-mnist.js) on Bun and Deno,
 * each from its npm package (`bun`, `deno`; no system install), for one epoch (STRATA_EPOCHS=1), and checks
 * that it prints a test accuracy a trained model reaches (> 0.75 after one epoch; chance is 0.1).
 * Run after `pnpm build`: `pnpm test:runtimes`; STRATA_RUNTIMES="bun" picks runtimes. Needs the data sets
 * (STRATA_DATASETS_DIR), as the main job does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mainJob = join(root, 'apps', 'examples', 'dist', 'fashion-mnist.js');
const runtimes = {
  bun: { args: [mainJob], version: ['--version'] },
  deno: { args: ['run', '--allow-all', mainJob], version: ['--version'] },
};
const chosen = (process.env.STRATA_RUNTIMES ?? 'bun deno').split(/[\s,]+/).filter(Boolean);
const MIN_ACCURACY = 0.75;

function installRuntime(name) {
  const folder = join(tmpdir(), `strata-runtime-${name}`);
  const bin = join(folder, 'node_modules', '.bin', name);
  if (!existsSync(bin)) {
    mkdirSync(folder, { recursive: true });
    execFileSync('npm', ['install', '--prefix', folder, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', name], { stdio: 'inherit' });
  }
  return bin;
}

if (!existsSync(mainJob)) throw new Error(`${mainJob} is missing: build first (pnpm build).`);
const out = mkdtempSync(join(tmpdir(), 'strata-runtimes-'));
try {
  for (const name of chosen) {
    const runtime = runtimes[name];
    if (!runtime) throw new Error(`Unknown runtime '${name}': this script runs ${Object.keys(runtimes).join(' and ')}.`);
    const start = performance.now();
    const bin = installRuntime(name);
    const version = execFileSync(bin, runtime.version, { encoding: 'utf8' }).split('\n')[0].replace(name, '').trim();
    const output = execFileSync(bin, runtime.args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, STRATA_EPOCHS: '1', STRATA_OUT: join(out, name) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const accuracy = Number(/Test accuracy: ([\d.]+)/.exec(output)?.[1]);
    if (!(accuracy > MIN_ACCURACY)) {
      throw new Error(`The main job on ${name} ${version} printed no test accuracy above ${MIN_ACCURACY}:\n${output}`);
    }
    console.log(`runtimes: main job on ${name} ${version}, 1 epoch: test accuracy ${accuracy} (${((performance.now() - start) / 1000).toFixed(0)} s)`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
