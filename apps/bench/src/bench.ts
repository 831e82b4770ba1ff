/**
 * `pnpm bench`: Strata against @tensorflow/tfjs-layers on the same backend.
 *
 * The driver starts one child process per backend configuration, because
 * the wasm thread count is fixed once wasm has started in a process
 * (@strata/backend refuses a second count); each child alternates the two
 * libraries round by round and prints its raw numbers, which the driver
 * summarizes into one table and one JSON document.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BenchOptions, childArguments, defaultDatasetsDir, parseOptions, predictSamplesFor, stepsFor, usage, warmupFor, workloadsFor } from './options';
import { type BenchReport, type BackendSummary, formatReport, machineInfo, summarizeBackend, unmeasuredSummary } from './report';
import { type BackendRun, backendLabel, runBackend } from './run-backend';
import { runTorch } from './torch';
import type { WorkloadName } from './workloads';

/** Marks the child's result line, so that anything else a library prints on stdout cannot be mistaken for it. */
const resultMarker = '@@strata-bench-result@@';
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);

async function runChild(options: BenchOptions): Promise<void> {
  const backend = options.backends[0];
  const result = await runBackend({
    backend,
    workloads: workloadsFor(options, backend),
    steps: stepsFor(options, backend),
    warmupSteps: warmupFor(options),
    rounds: options.rounds,
    synthetic: options.synthetic,
    predictBatchSizes: options.predictBatchSizes,
    predictSingleSamples: predictSamplesFor(options, backend),
    matMulSize: options.matMulSize,
    scalingSizes: options.scalingSizes,
    log,
  });
  // Exit explicitly: wasm's pthread workers (threads > 1) keep the event loop alive forever.
  process.stdout.write(`\n${resultMarker}${JSON.stringify(result)}\n`, () => process.exit(0));
}

/** Runs one backend configuration in a child process; resolves with its result, or with the reason it failed. */
function runInChild(options: BenchOptions, label: string, env: NodeJS.ProcessEnv): Promise<BackendRun | string> {
  const backend = options.backends.find((b) => backendLabel(b) === label)!;
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...childArguments(options, backend, label)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve(`could not start: ${error.message}`));
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(resultMarker));
      if (code === 0 && line) resolve(JSON.parse(line.slice(resultMarker.length)) as BackendRun);
      else resolve(`the child process ended with ${signal ?? `exit code ${code}`} (its error is printed above)`);
    });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return;
  }
  const options = parseOptions(argv);
  if (options.child) return runChild(options);
  const datasetsDir = options.synthetic ? undefined : defaultDatasetsDir(repositoryRoot);
  const env = { ...process.env, ...(datasetsDir ? { STRATA_DATASETS_DIR: datasetsDir } : {}) };
  const report: BenchReport = {
    command: `node apps/bench/dist/bench.js ${argv.join(' ')}`.trim(),
    date: new Date().toISOString(),
    machine: machineInfo(),
    backends: [],
    training: [],
    predict: [],
    scaling: [],
    pytorch: { status: 'skipped', reason: '--no-torch' },
  };
  log(`Strata bench on ${report.machine.cores} cores, load average ${report.machine.loadAverage.map((v) => v.toFixed(2)).join(', ')}`);
  for (const backend of options.backends) {
    const label = backendLabel(backend);
    const outcome = await runInChild(options, label, env);
    if (typeof outcome === 'string') {
      const threads = backend.name === 'webgpu' ? null : backend.threads;
      const failed: BackendSummary = { ...unmeasuredSummary(label, threads), error: outcome };
      report.backends.push(failed);
      continue;
    }
    const { summary, training, predict, scaling } = summarizeBackend(outcome);
    report.backends.push(summary);
    report.training.push(...training);
    report.predict.push(...predict);
    report.scaling.push(...scaling);
  }
  if (options.torch) {
    const asked = new Set<WorkloadName>(options.backends.flatMap((b) => workloadsFor(options, b)));
    log('PyTorch reference...');
    report.pytorch = runTorch({ workloads: [...asked], steps: options.steps ?? 50, warmupSteps: options.warmupSteps ?? 2, rounds: options.rounds, datasetsDir, threads: options.torchThreads });
  }
  report.machine = machineInfo();
  console.log(formatReport(report));
  if (options.json === '-') console.log(JSON.stringify(report, null, 2));
  else if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
  if (report.backends.some((b) => b.error)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
