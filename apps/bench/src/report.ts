/**
 * Turns the raw runs into the reported numbers (medians over rounds, ratios,
 * GFLOP/s, extrapolated epochs) and prints them as a Markdown table, which
 * the README quotes as is.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { relaxedSimdAvailable, type WebGpuAdapterDescription } from '@strata/backend';
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

export interface ScalingRow {
  backend: string;
  what: 'predict' | 'evaluate';
  samples: number;
  samplesPerSecond: number;
  /** samples/s here ÷ samples/s at the smallest n (the target: ≥ 0.8 at n = 10,000). */
  rateToSmallest: number;
}

export interface BackendSummary {
  backend: string;
  threads: number | null;
  simd: boolean | null;
  matMulSize: number | null;
  matMulGflops: number | null;
  matMulTransposedGflops: number | null;
  /** Strata's StrataMatMul on the same matrices (null where the backend has none). */
  strataMatMulGflops: number | null;
  strataMatMulTransposedGflops: number | null;
  /** wasm: the SIMD arithmetic peak, GFLOP/s, with mul+add and with relaxed_madd (null: not compiled here). */
  simdPeakGflops: number | null;
  relaxedPeakGflops: number | null;
  /** wasm: workers of Strata's product besides the calling thread. */
  productWorkers: number | null;
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
  threads: number;
  batchSize: number;
  samplesPerSecond: number;
  secondsPerStep: number;
  secondsPerEpoch: number;
}

export type TorchResult = { status: 'ran'; torchVersion: string; threads: number[]; rows: TorchRow[] } | { status: 'skipped'; reason: string };

export interface BenchReport {
  command: string;
  date: string;
  machine: { cpu: string; cores: number; loadAverage: number[]; node: string; platform: string; isa: string[]; relaxedSimd: boolean };
  backends: BackendSummary[];
  training: TrainingRow[];
  predict: PredictRow[];
  scaling: ScalingRow[];
  pytorch: TorchResult;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const mebibytes = (bytes: number) => bytes / 2 ** 20;

/** The vector extensions that decide native BLAS speed (AVX2, AVX-512, FMA), from /proc/cpuinfo where it exists. */
function vectorExtensions(): string[] {
  try {
    const flags = new Set(/^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim().split(/\s+/) ?? []);
    return ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f'].filter((flag) => flags.has(flag));
  } catch {
    return [];
  }
}

export function machineInfo(): BenchReport['machine'] {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    loadAverage: loadavg(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    isa: vectorExtensions(),
    relaxedSimd: relaxedSimdAvailable(),
  };
}

function summarizeScaling(run: BackendRun): ScalingRow[] {
  const rows = run.scaling.map((raw) => ({ backend: run.backend, what: raw.what, samples: raw.samples, samplesPerSecond: median(raw.samplesPerSecondPerRound), rateToSmallest: 1 }));
  for (const row of rows) {
    const smallest = rows.filter((o) => o.what === row.what).reduce((a, b) => (b.samples < a.samples ? b : a));
    row.rateToSmallest = row.samplesPerSecond / smallest.samplesPerSecond;
  }
  return rows;
}

export function summarizeBackend(run: BackendRun): { summary: BackendSummary; training: TrainingRow[]; predict: PredictRow[]; scaling: ScalingRow[] } {
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
    strataMatMulGflops: run.matMul?.strataGflops ?? null,
    strataMatMulTransposedGflops: run.matMul?.strataGflopsTransposedA ?? null,
    simdPeakGflops: run.simdPeak?.mulAdd ?? null,
    relaxedPeakGflops: run.simdPeak?.relaxedMadd ?? null,
    productWorkers: run.productWorkers ?? null,
    maxRssMiB: mebibytes(run.maxRssBytes),
  };
  if (run.adapter) summary.adapter = { ...run.adapter, software: isSoftwareAdapter(run.adapter) };
  if (run.skipped !== undefined) {
    summary.simd = null;
    summary.maxRssMiB = null;
    summary.skipped = run.skipped;
  }
  return { summary, training, predict, scaling: summarizeScaling(run) };
}

/** A Backends row with nothing measured: a configuration that failed or was skipped (the caller adds why). */
export function unmeasuredSummary(backend: string, threads: number | null): BackendSummary {
  return {
    backend,
    threads,
    simd: null,
    matMulSize: null,
    matMulGflops: null,
    matMulTransposedGflops: null,
    strataMatMulGflops: null,
    strataMatMulTransposedGflops: null,
    simdPeakGflops: null,
    relaxedPeakGflops: null,
    productWorkers: null,
    maxRssMiB: null,
  };
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
  const isa = report.machine.isa.length > 0 ? report.machine.isa.join(' ') : 'unknown';
  const relaxed = report.machine.relaxedSimd ? 'wasm relaxed SIMD available' : 'no wasm relaxed SIMD';
  lines.push(`${report.machine.cpu}, ${report.machine.cores} cores (${isa}), Node ${report.machine.node}, ${relaxed}, load average ${load} (at the end)`, '');
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
  if (report.scaling.length > 0) {
    lines.push('', "Strata's predict and evaluate over growing n (W1's model, batch 32; rate = samples/s ÷ samples/s at the smallest n, target ≥ 0.8)", '');
    lines.push('| backend | call | n | samples/s | rate |', '| --- | --- | ---: | ---: | ---: |');
    for (const row of report.scaling) {
      lines.push(`| ${row.backend} | ${row.what} | ${row.samples} | ${significant(row.samplesPerSecond)} | ${fixed(row.rateToSmallest, 2)} |`);
    }
  }
  lines.push('', 'Slowest kernels per step (profiled warm-up; profiling adds overhead, the proportions hold)', '');
  for (const row of report.training) {
    const kernels = row.topKernels.slice(0, 3).map((k) => `${k.name} ${significant(k.milliseconds)} ms`);
    lines.push(`- ${row.backend} ${row.workload} ${row.library}: ${kernels.join(', ')}`);
  }
  lines.push(
    '',
    "Backends (n×n float32 products: tfjs's tf.matMul and Strata's StrataMatMul; the wasm SIMD peak from a register-only probe, mul+add and relaxed_madd)",
    '',
    '| backend | threads | product workers | SIMD | matMul n×n | tfjs A·B GFLOP/s | tfjs Aᵀ·B GFLOP/s | Strata A·B GFLOP/s | Strata Aᵀ·B GFLOP/s | SIMD peak GFLOP/s | relaxed_madd peak GFLOP/s | Strata A·B ÷ (peak × threads) | process max RSS MiB | note |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const b of report.backends) {
    const peak = b.simdPeakGflops === null ? null : Math.max(b.simdPeakGflops, b.relaxedPeakGflops ?? 0) * Math.max(1, b.threads ?? 1);
    const ofPeak = b.strataMatMulGflops !== null && peak !== null ? `${((100 * b.strataMatMulGflops) / peak).toFixed(0)} %` : '–';
    const relaxed = b.simdPeakGflops === null ? '–' : b.relaxedPeakGflops === null ? 'not compiled' : b.relaxedPeakGflops.toFixed(1);
    const cells = [
      b.backend,
      b.threads ?? '–',
      b.productWorkers ?? '–',
      b.simd ?? '–',
      b.matMulSize ?? '–',
      fixed(b.matMulGflops, 2),
      fixed(b.matMulTransposedGflops, 2),
      fixed(b.strataMatMulGflops, 2),
      fixed(b.strataMatMulTransposedGflops, 2),
      fixed(b.simdPeakGflops, 1),
      relaxed,
      ofPeak,
      fixed(b.maxRssMiB, 0),
      backendNote(b).replaceAll('|', '\\|'),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('');
  for (const b of report.backends) if (b.skipped !== undefined) lines.push(`${b.backend}: skipped, ${b.skipped}`, '');
  if (report.pytorch.status === 'skipped') lines.push(`PyTorch reference: skipped (${report.pytorch.reason}).`);
  else {
    const rows = report.pytorch.rows;
    const best = (row: TorchRow) => rows.filter((o) => o.workload === row.workload).every((o) => o.secondsPerEpoch >= row.secondsPerEpoch);
    lines.push(
      `PyTorch ${report.pytorch.torchVersion} at ${report.pytorch.threads.join(' and ')} thread(s), OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, same loop; Strata ÷ PyTorch = Strata's best s/epoch on any backend ÷ PyTorch's best`,
      '',
      '| workload | threads | batch | samples/s | ms/step | s/epoch | best | Strata ÷ PyTorch |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    );
    for (const row of rows) {
      const strata = report.training.filter((t) => t.library === 'strata' && t.workload === row.workload).map((t) => t.secondsPerEpoch);
      const ratio = best(row) && strata.length > 0 ? `${fixed(Math.min(...strata) / row.secondsPerEpoch, 2)}×` : '';
      lines.push(
        `| ${row.workload} | ${row.threads} | ${row.batchSize} | ${significant(row.samplesPerSecond)} | ${significant(1000 * row.secondsPerStep)} | ${significant(row.secondsPerEpoch)} | ${best(row) ? 'yes' : ''} | ${ratio} |`,
      );
    }
  }
  return lines.join('\n');
}
