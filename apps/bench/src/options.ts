/**
 * The bench's command line. Defaults are sized to finish in a few minutes on
 * the project's 2-core machine: the cpu backend is 5–30× slower than wasm
 * (docs/BACKENDS.md), so it runs fewer steps and leaves the CNN out unless asked.
 * webgpu runs last: where no adapter exists the report says it was skipped
 * and why, and on a software adapter (SwiftShader) it is slow, so it runs few
 * steps.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BackendSpec } from './run-backend';
import { type WorkloadName, workloadNames } from './workloads';

export interface BenchOptions {
  backends: BackendSpec[];
  /** Workloads asked for explicitly; undefined means the defaults of each backend. */
  workloads: WorkloadName[] | undefined;
  /** One step count for every workload, or undefined for the defaults below. */
  steps: number | undefined;
  /** Likewise for the untimed warm-up steps. */
  warmupSteps: number | undefined;
  rounds: number;
  synthetic: boolean;
  matMulSize: number;
  predictBatchSizes: number[];
  /** Samples predicted one at a time, or undefined for the default of each backend. */
  predictSingleSamples: number | undefined;
  /** Sample counts for the predict/evaluate scaling rows; empty skips them. */
  scalingSizes: number[];
  torch: boolean;
  /** PyTorch's thread counts; the report compares against the best. */
  torchThreads: number[];
  json: string | undefined;
  /** Set in the child processes: run this one backend and print its result. */
  child: boolean;
}

/** Timed steps per round, per workload and backend, when --steps is not given. */
export const defaultSteps: Record<WorkloadName, Record<BackendSpec['name'], number>> = {
  // webgpu's counts are sized for SwiftShader, the software adapter a machine without a GPU has, where
  // a step takes about 0.28 s (W1), 2.7 s (W2) and 8 s (W3); on a real GPU pass a larger --steps.
  // W1's wasm step is under a millisecond: 200 steps (0.15 s) time more than the timer's and the JIT's noise.
  W1: { wasm: 200, cpu: 10, webgpu: 10 },
  W2: { wasm: 6, cpu: 2, webgpu: 1 },
  // On wasm a W3 step takes about 60 ms with Strata's conv gradient kernels; on cpu it is tfjs's
  // Conv2DBackpropFilter, about 16 s a step.
  W3: { wasm: 30, cpu: 1, webgpu: 1 },
};

/** Untimed steps before timing, when --warmup is not given: enough for the allocator and caches to settle. */
export const defaultWarmup: Record<WorkloadName, number> = { W1: 5, W2: 2, W3: 3 };

/**
 * W3 runs by default on single-thread wasm only: on cpu a step costs about
 * 16 s (tfjs's Conv2DBackpropFilter), on webgpu through SwiftShader about
 * 8 s, and two wasm threads did not pay for W1 and W2. --workloads W3 runs it
 * on every backend asked for.
 */
export function workloadsFor(options: BenchOptions, backend: BackendSpec): WorkloadName[] {
  if (options.workloads) return options.workloads;
  return backend.name === 'wasm' && backend.threads === 1 ? ['W1', 'W2', 'W3'] : ['W1', 'W2'];
}

export function stepsFor(options: BenchOptions, backend: BackendSpec): Record<WorkloadName, number> {
  const steps = {} as Record<WorkloadName, number>;
  for (const name of workloadNames) steps[name] = options.steps ?? defaultSteps[name][backend.name];
  return steps;
}

export function warmupFor(options: BenchOptions): Record<WorkloadName, number> {
  const steps = {} as Record<WorkloadName, number>;
  for (const name of workloadNames) steps[name] = options.warmupSteps ?? defaultWarmup[name];
  return steps;
}

/**
 * Samples predicted at batch size 1 when --predict-samples is not given. On
 * webgpu each one waits for a readback (about 0.1 s on SwiftShader), so fewer.
 */
export function predictSamplesFor(options: BenchOptions, backend: BackendSpec): number {
  return options.predictSingleSamples ?? (backend.name === 'webgpu' ? 16 : 64);
}

export function parseBackend(text: string): BackendSpec {
  const match = /^(cpu|wasm|webgpu)(?::(\d+))?$/.exec(text.trim());
  if (!match || (match[1] !== 'wasm' && match[2] !== undefined) || match[2] === '0') {
    throw new Error(`--backends received '${text}', but expected cpu, wasm, wasm:<threads> (for example wasm:2) or webgpu.`);
  }
  return { name: match[1] as BackendSpec['name'], threads: match[2] === undefined ? 1 : Number(match[2]) };
}

function parseWorkload(text: string): WorkloadName {
  const name = text.trim().toUpperCase();
  if (!(workloadNames as readonly string[]).includes(name)) {
    throw new Error(`--workloads received '${text}', but expected some of ${workloadNames.join(', ')}.`);
  }
  return name as WorkloadName;
}

function positiveInteger(flag: string, text: string | undefined, fallback: number, allowZero = false): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(`${flag} received '${text}', but expected a whole number of at least ${allowZero ? 0 : 1}.`);
  }
  return value;
}

export const usage = `Usage: node apps/bench/dist/bench.js [options]
  --backends LIST      cpu, wasm, wasm:<threads>, webgpu (default wasm,wasm:2,cpu,webgpu; webgpu is
                       reported as skipped, with the reason, where no WebGPU adapter exists)
  --workloads LIST     W1,W2,W3 (default: all on wasm, W1,W2 on wasm:2, cpu and webgpu)
  --steps N            timed steps per round for every workload (default per workload and backend;
                       on webgpu 10, 1, 1, sized for a software adapter)
  --warmup N           untimed, profiled steps before timing (default 5, 2, 3 for W1, W2, W3)
  --rounds N           Strata/tfjs-layers alternations; medians are reported (default 3)
  --matmul-size N      side of the square matMul ceiling, 0 to skip (default 512)
  --predict-batch-sizes LIST  (default 1,256)
  --predict-samples N  samples predicted at batch size 1 (default 64; 16 on webgpu)
  --scaling-sizes LIST sample counts at which Strata's predict and evaluate rates are measured
                       (default 1000,10000; 'none' skips them)
  --synthetic          random data instead of Fashion-MNIST/MNIST
  --no-torch           skip the PyTorch reference
  --torch-threads LIST PyTorch's thread counts, each measured (default 1,2)
  --json FILE          also write the results as JSON to FILE ('-' for stdout)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      backends: { type: 'string' },
      workloads: { type: 'string' },
      steps: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      'matmul-size': { type: 'string' },
      'predict-batch-sizes': { type: 'string' },
      'predict-samples': { type: 'string' },
      'scaling-sizes': { type: 'string' },
      synthetic: { type: 'boolean', default: false },
      'no-torch': { type: 'boolean', default: false },
      'torch-threads': { type: 'string' },
      json: { type: 'string' },
      child: { type: 'boolean', default: false },
    },
  });
  return {
    backends: (values.backends ?? 'wasm,wasm:2,cpu,webgpu').split(',').map(parseBackend),
    workloads: values.workloads?.split(',').map(parseWorkload),
    steps: values.steps === undefined ? undefined : positiveInteger('--steps', values.steps, 1),
    warmupSteps: values.warmup === undefined ? undefined : positiveInteger('--warmup', values.warmup, 1),
    rounds: positiveInteger('--rounds', values.rounds, 3),
    synthetic: values.synthetic ?? false,
    matMulSize: positiveInteger('--matmul-size', values['matmul-size'], 512, true),
    predictBatchSizes: (values['predict-batch-sizes'] ?? '1,256').split(',').map((text) => positiveInteger('--predict-batch-sizes', text, 1)),
    predictSingleSamples: values['predict-samples'] === undefined ? undefined : positiveInteger('--predict-samples', values['predict-samples'], 1),
    scalingSizes:
      values['scaling-sizes'] === 'none' ? [] : (values['scaling-sizes'] ?? '1000,10000').split(',').map((text) => positiveInteger('--scaling-sizes', text, 1)),
    torch: !(values['no-torch'] ?? false),
    torchThreads: (values['torch-threads'] ?? '1,2').split(',').map((text) => positiveInteger('--torch-threads', text, 1)),
    json: values.json,
    child: values.child ?? false,
  };
}

/** The arguments that make a child process run `backend` with these options. */
export function childArguments(options: BenchOptions, backend: BackendSpec, label: string): string[] {
  const args = ['--child', '--backends', label, '--rounds', String(options.rounds)];
  if (options.warmupSteps !== undefined) args.push('--warmup', String(options.warmupSteps));
  args.push('--matmul-size', String(options.matMulSize), '--predict-batch-sizes', options.predictBatchSizes.join(','));
  args.push('--predict-samples', String(predictSamplesFor(options, backend)), '--workloads', workloadsFor(options, backend).join(','));
  if (options.steps !== undefined) args.push('--steps', String(options.steps));
  args.push('--scaling-sizes', options.scalingSizes.length === 0 ? 'none' : options.scalingSizes.join(','));
  if (options.synthetic) args.push('--synthetic');
  return args;
}

/**
 * Where the data sets are: STRATA_DATASETS_DIR when set, else the project's
 * shared copy next to the repository (docs/DESIGN.md, "Data") when it exists;
 * otherwise the datasets package searches its cache and downloads.
 */
export function defaultDatasetsDir(repositoryRoot: string): string | undefined {
  if (process.env.STRATA_DATASETS_DIR) return process.env.STRATA_DATASETS_DIR;
  const shared = `${repositoryRoot}/../shared/datasets`;
  return existsSync(shared) ? shared : undefined;
}
