/**
 * The PyTorch reference (W1, W2 and W3), run from python/torch_bench.py when
 * Debian's python3-torch is installed; otherwise the report says why it was
 * skipped. It runs at each thread count asked for (1 and 2 by default), and
 * the report compares against the best of them per workload.
 *
 * OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from its environment:
 * some machines set them, and they slow OpenBLAS (W2 took 2.45 s/epoch with
 * them and 1.50 s without on one machine), which would flatter Strata.
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
  /** Thread counts to run at (torch's pool and BLAS alike). */
  threads: number[];
}

/**
 * glibc's malloc returns blocks above its mmap threshold to the system when
 * freed, so a process whose first workload frees large tensors every step pays
 * page faults for them on every step; the threshold only rises after such a
 * block is freed. Measured on a 2-core AMD EPYC: PyTorch's W3 alone at 28.6 ms
 * a step, after W1 and W2 in the same process 12.0, and alone with these two
 * settings 12.1. Fixed thresholds keep PyTorch at its best whatever the order
 * of the workloads (the bench runs them in one process).
 */
const mallocSettings = { MALLOC_MMAP_THRESHOLD_: String(32 * 1024 * 1024), MALLOC_TRIM_THRESHOLD_: String(256 * 1024 * 1024) };

/** The environment torch runs in: `threads` threads everywhere, no OpenBLAS tuning variables, and malloc's thresholds fixed. */
export function torchEnvironment(threads: number, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { OPENBLAS_CORETYPE: _coreType, OPENBLAS_L2_SIZE: _l2Size, ...rest } = base;
  const count = String(threads);
  return { ...rest, ...mallocSettings, OMP_NUM_THREADS: count, MKL_NUM_THREADS: count, OPENBLAS_NUM_THREADS: count };
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
  const rows: TorchRow[] = [];
  let torchVersion = '';
  for (const threads of options.threads) {
    const args = [torchScript, '--workloads', workloads.join(','), '--steps', String(options.steps), '--threads', String(threads)];
    args.push('--warmup', String(options.warmupSteps), '--rounds', String(options.rounds));
    if (options.datasetsDir) args.push('--data-dir', options.datasetsDir);
    const run = spawnSync(python, args, { encoding: 'utf8', env: torchEnvironment(threads) });
    if (run.status !== 0) return { status: 'skipped', reason: `torch_bench.py failed: ${run.stderr.trim().split('\n').pop()}` };
    const parsed = JSON.parse(run.stdout) as { torchVersion: string; threads: number; rows: Omit<TorchRow, 'threads'>[] };
    torchVersion = parsed.torchVersion;
    rows.push(...parsed.rows.map((row) => ({ ...row, threads: parsed.threads })));
  }
  return { status: 'ran', torchVersion, threads: options.threads, rows };
}
