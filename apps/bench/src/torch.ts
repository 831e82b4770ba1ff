/**
 * The PyTorch reference (W1, W2 and W3 on one thread), run from python/torch_bench.py
 * when Debian's python3-torch is installed; otherwise the report says why it was skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TorchResult, TorchRow } from './report';
import type { WorkloadName } from './workloads';

/** The script sits in apps/bench/python, one level above both src/ (tests) and dist/ (the built bench). */
export const torchScript = fileURLToPath(new URL('../python/torch_bench.py', import.meta.url));

export interface TorchOptions {
  workloads: WorkloadName[];
  steps: number;
  warmupSteps: number;
  rounds: number;
  datasetsDir: string | undefined;
}

/**
 * The interpreter: STRATA_PYTHON when set (for example Debian's own python3,
 * where python3-torch installs, when another python3 comes first on PATH), else python3.
 */
const python = process.env.STRATA_PYTHON || 'python3';

export function runTorch(options: TorchOptions): TorchResult {
  const workloads = options.workloads.filter((name) => name === 'W1' || name === 'W2' || name === 'W3');
  if (workloads.length === 0) return { status: 'skipped', reason: 'no workload was asked for' };
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error) return { status: 'skipped', reason: `${python} could not be started: ${probe.error.message}` };
  if (probe.status !== 0) {
    const lastLine = probe.stderr.trim().split('\n').pop() ?? '';
    return { status: 'skipped', reason: `\`${python} -c 'import torch'\` failed (${lastLine}); apt-get install python3-torch (and set STRATA_PYTHON to its interpreter) to run it` };
  }
  if (!existsSync(torchScript)) return { status: 'skipped', reason: `${torchScript} is missing` };
  const args = [torchScript, '--workloads', workloads.join(','), '--steps', String(options.steps)];
  args.push('--warmup', String(options.warmupSteps), '--rounds', String(options.rounds));
  if (options.datasetsDir) args.push('--data-dir', options.datasetsDir);
  // One thread for torch's own pool, and none for OpenMP/BLAS behind it.
  const env = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
  const run = spawnSync(python, args, { encoding: 'utf8', env });
  if (run.status !== 0) return { status: 'skipped', reason: `torch_bench.py failed: ${run.stderr.trim().split('\n').pop()}` };
  const parsed = JSON.parse(run.stdout) as { torchVersion: string; threads: number; rows: TorchRow[] };
  return { status: 'ran', torchVersion: parsed.torchVersion, threads: parsed.threads, rows: parsed.rows };
}
