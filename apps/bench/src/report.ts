/**
 * Turns the raw runs into the reported numbers (medians over rounds, ratios,
 * GFLOP/s, extrapolated epochs) and prints them as a Markdown table, which
 * the README quotes as is.
 */
import { cpus, loadavg } from 'node:os';
import type { WebGpuAdapterDescription } from '@strata/backend';
import { describeAdapter, isSoftwareAdapter } from './adapter';
import type { KernelTime, LibraryName } from './measure';
import type { BackendRun } from './run-backend';
import { type WorkloadName, trainingFlops, workloads } from './workloads';

/** Fashion-MNIST and MNIST both train on 60,000 samples per epoch. */
export const epochSamples = 60_000;

export interface TrainingRow {
  backend: string;
  workload: WorkloadName;
  library: LibraryName;
  batchSize: number;
  steps: number;
  rounds: number;
  samplesPerSecond: number;
  secondsPerStep: number;
  /** Median process CPU time per step (all threads): steadier than wall time on a loaded machine. */
  cpuSecondsPerStep: number;
  /** Strata's CPU time per step over tfjs-layers's, on the Strata row (< 1: Strata does less work). */
  cpuRatio: number | null;
  /** Median step time × the steps of one 60,000-sample epoch. */
  secondsPerEpoch: number;
  /** Strata's samples/s over tfjs-layers's, on the Strata row (> 1: Strata is faster); null on tfjs-layers rows. */
  speedRatio: number | null;
  /** Training FLOPs per sample (dense and conv multiply-adds × 2) × samples/s. */
  gflops: number;
  rssMiB: number;
  peakTensorMiB: number;
  /** Largest tf.memory().numTensors growth over one fit epoch, across rounds. */
  leakedTensorsPerEpoch: number;
  /** The slowest kernels of the profiled warm-up, ms per step. */
  topKernels: KernelTime[];
}

export interface PredictRow {
  backend: string;
  workload: WorkloadName;
  library: LibraryName;
  batchSize: number;
  samplesPerSecond: number;
  speedRatio: number | null;
}

export interface BackendSummary {
  backend: string;
  threads: number | null;
  simd: boolean | null;
  matMulSize: number | null;
  matMulGflops: number | null;
  matMulTransposedGflops: number | null;
  maxRssMiB: number | null;
  /** webgpu: the adapter the kernels ran on. */
  adapter?: WebGpuAdapterDescription & { software: boolean };
  /** Why this configuration was not measured although nothing failed (webgpu where no adapter exists). */
  skipped?: string;
  /** Why this configuration produced no numbers, when it failed. */
  error?: string;
}

export interface TorchRow {
  workload: WorkloadName;
  batchSize: number;
  samplesPerSecond: number;
  secondsPerStep: number;
  secondsPerEpoch: number;
}

export type TorchResult = { status: 'ran'; torchVersion: string; threads: number; rows: TorchRow[] } | { status: 'skipped'; reason: string };

export interface BenchReport {
  command: string;
  date: string;
  machine: { cpu: string; cores: number; loadAverage: number[]; node: string; platform: string };
  backends: BackendSummary[];
  training: TrainingRow[];
  predict: PredictRow[];
  pytorch: TorchResult;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const mebibytes = (bytes: number) => bytes / 2 ** 20;

export function machineInfo(): BenchReport['machine'] {
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, loadAverage: loadavg(), node: process.version, platform: `${process.platform} ${process.arch}` };
}

export function summarizeBackend(run: BackendRun): { summary: BackendSummary; training: TrainingRow[]; predict: PredictRow[] } {
  const training = run.training.map((raw): TrainingRow => {
    const secondsPerStep = median(raw.secondsPerRound) / raw.steps;
    const samplesPerSecond = raw.batchSize / secondsPerStep;
    return {
      backend: run.backend,
      workload: raw.workload,
      library: raw.library,
      batchSize: raw.batchSize,
      steps: raw.steps,
      rounds: raw.secondsPerRound.length,
      samplesPerSecond,
      secondsPerStep,
      cpuSecondsPerStep: median(raw.cpuSecondsPerRound) / raw.steps,
      cpuRatio: null,
      secondsPerEpoch: secondsPerStep * Math.ceil(epochSamples / raw.batchSize),
      speedRatio: null,
      gflops: (trainingFlops(workloads[raw.workload]) * samplesPerSecond) / 1e9,
      rssMiB: mebibytes(raw.rssBytes),
      peakTensorMiB: mebibytes(raw.peakTensorBytes),
      leakedTensorsPerEpoch: Math.max(0, ...raw.leakedTensorsPerRound),
      topKernels: raw.topKernels,
    };
  });
  const predict = run.predict.map(
    (raw): PredictRow => ({ backend: run.backend, workload: raw.workload, library: raw.library, batchSize: raw.batchSize, samplesPerSecond: median(raw.samplesPerSecondPerRound), speedRatio: null }),
  );
  // The ratio goes on the Strata row of each pair: same backend, workload (and batch size for predict).
  for (const rows of [training, predict] as Array<Array<TrainingRow | PredictRow>>) {
    for (const row of rows) {
      if (row.library !== 'strata') continue;
      const other = rows.find((o) => o.library === 'tfjs-layers' && o.workload === row.workload && o.batchSize === row.batchSize);
      if (other) row.speedRatio = row.samplesPerSecond / other.samplesPerSecond;
    }
  }
  for (const row of training) {
    const other = training.find((o) => o.library === 'tfjs-layers' && o.workload === row.workload);
    if (row.library === 'strata' && other) row.cpuRatio = row.cpuSecondsPerStep / other.cpuSecondsPerStep;
  }
  const summary: BackendSummary = {
    backend: run.backend,
    threads: run.threads,
    simd: run.simd,
    matMulSize: run.matMul?.size ?? null,
    matMulGflops: run.matMul?.gflops ?? null,
    matMulTransposedGflops: run.matMul?.gflopsTransposedA ?? null,
    maxRssMiB: mebibytes(run.maxRssBytes),
  };
  if (run.adapter) summary.adapter = { ...run.adapter, software: isSoftwareAdapter(run.adapter) };
  if (run.skipped !== undefined) {
    summary.simd = null;
    summary.maxRssMiB = null;
    summary.skipped = run.skipped;
  }
  return { summary, training, predict };
}

/** The Backends table's note: the failure, the reason for a skip, or the adapter a webgpu run used. */
function backendNote(summary: BackendSummary): string {
  if (summary.error !== undefined) return summary.error;
  if (summary.skipped !== undefined) return 'skipped (the reason is below the table)';
  if (summary.adapter === undefined) return '';
  const adapter = `adapter: ${describeAdapter(summary.adapter)}`;
  return summary.adapter.software ? `${adapter}, a software adapter on the CPU: says nothing about GPU speed` : adapter;
}

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

function significant(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function formatReport(report: BenchReport): string {
  const lines: string[] = [];
  const load = report.machine.loadAverage.map((v) => v.toFixed(2)).join(', ');
  lines.push(`${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.machine.node}, load average ${load} (at the end)`, '');
  lines.push('Training (median over rounds; s/epoch extrapolated to 60,000 samples; ratio = Strata samples/s ÷ tfjs-layers samples/s, > 1: Strata faster; CPU ratio = Strata CPU time ÷ tfjs-layers CPU time, < 1: Strata cheaper)', '');
  lines.push('| backend | workload | library | batch | steps×rounds | samples/s | ms/step | CPU ms/step | s/epoch | ratio | CPU ratio | GFLOP/s | matMul GFLOP/s | RSS MiB | tf peak MiB | leaked tensors/epoch |');
  lines.push('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of report.training) {
    const backend = report.backends.find((b) => b.backend === row.backend);
    lines.push(
      `| ${row.backend} | ${row.workload} | ${row.library} | ${row.batchSize} | ${row.steps}×${row.rounds} | ${significant(row.samplesPerSecond)} | ${significant(1000 * row.secondsPerStep)} | ` +
        `${significant(1000 * row.cpuSecondsPerStep)} | ${significant(row.secondsPerEpoch)} | ${row.speedRatio === null ? '' : `${fixed(row.speedRatio, 2)}×`} | ` +
        `${row.cpuRatio === null ? '' : `${fixed(row.cpuRatio, 2)}`} | ${fixed(row.gflops, 2)} | ` +
        `${fixed(backend?.matMulGflops, 2)} | ${fixed(row.rssMiB, 0)} | ${fixed(row.peakTensorMiB, 1)} | ${row.leakedTensorsPerEpoch} |`,
    );
  }
  if (report.predict.length > 0) {
    lines.push('', 'Predict (median samples/s)', '', '| backend | workload | library | batch | samples/s | ratio |', '| --- | --- | --- | ---: | ---: | ---: |');
    for (const row of report.predict) {
      lines.push(`| ${row.backend} | ${row.workload} | ${row.library} | ${row.batchSize} | ${significant(row.samplesPerSecond)} | ${row.speedRatio === null ? '' : `${fixed(row.speedRatio, 2)}×`} |`);
    }
  }
  lines.push('', 'Slowest kernels per step (profiled warm-up; profiling adds overhead, the proportions hold)', '');
  for (const row of report.training) {
    const kernels = row.topKernels.slice(0, 3).map((k) => `${k.name} ${significant(k.milliseconds)} ms`);
    lines.push(`- ${row.backend} ${row.workload} ${row.library}: ${kernels.join(', ')}`);
  }
  lines.push('', 'Backends', '', '| backend | threads | SIMD | matMul n×n | A·B GFLOP/s | Aᵀ·B GFLOP/s | process max RSS MiB | note |', '| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |');
  for (const b of report.backends) {
    lines.push(
      `| ${b.backend} | ${b.threads ?? '–'} | ${b.simd ?? '–'} | ${b.matMulSize ?? '–'} | ${fixed(b.matMulGflops, 2)} | ${fixed(b.matMulTransposedGflops, 2)} | ${fixed(b.maxRssMiB, 0)} | ${backendNote(b).replaceAll('|', '\\|')} |`,
    );
  }
  lines.push('');
  for (const b of report.backends) if (b.skipped !== undefined) lines.push(`${b.backend}: skipped, ${b.skipped}`, '');
  if (report.pytorch.status === 'skipped') lines.push(`PyTorch reference: skipped (${report.pytorch.reason}).`);
  else {
    lines.push(`PyTorch ${report.pytorch.torchVersion}, ${report.pytorch.threads} thread, same loop`, '', '| workload | batch | samples/s | ms/step | s/epoch |', '| --- | ---: | ---: | ---: | ---: |');
    for (const row of report.pytorch.rows) {
      lines.push(`| ${row.workload} | ${row.batchSize} | ${significant(row.samplesPerSecond)} | ${significant(1000 * row.secondsPerStep)} | ${significant(row.secondsPerEpoch)} |`);
    }
  }
  return lines.join('\n');
}
