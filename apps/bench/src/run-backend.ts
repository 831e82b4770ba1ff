/**
 * Everything the bench measures on one backend configuration, in one
 * process: the matMul ceiling, then each workload trained by Strata and
 * tfjs-layers in alternation, round after round, then predict.
 */
import { type BackendInfo, type BackendName, measureWasmSimdPeak, type WasmSimdPeak, type WebGpuAdapterDescription, requestWebGpuAdapter, useBackend } from '@strata/backend';
import { fashionMnist, mnist, toCategorical } from '@strata/datasets';
import { setRandomSeed } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import { type KernelTime, type LibraryName, type MatMulCeiling, type Trainee, buildTrainee, checkSharedEngine, libraryNames, measureMatMulCeiling, timeEpoch, timePredict, warmUp } from './measure';
import { describeAdapter } from './adapter';
import { type ScalingRun, measureScaling } from './scaling';
import { type Workload, type WorkloadName, workloads } from './workloads';

export interface BackendSpec {
  name: BackendName;
  /** wasm's thread count; 1 for cpu and webgpu, where it means nothing. */
  threads: number;
}

/** 'cpu', 'wasm' (one thread), 'wasm:2' or 'webgpu'. */
export function backendLabel(spec: BackendSpec): string {
  return spec.name === 'wasm' && spec.threads !== 1 ? `wasm:${spec.threads}` : spec.name;
}

export interface RunOptions {
  backend: BackendSpec;
  workloads: WorkloadName[];
  /** Timed steps per round, per workload (the CLI picks defaults per backend). */
  steps: Record<WorkloadName, number>;
  warmupSteps: Record<WorkloadName, number>;
  rounds: number;
  /** Random data instead of the real data sets (tests, or machines without the data). */
  synthetic: boolean;
  /** Replaces every workload's batch size (tests keep it tiny). */
  batchSize?: number;
  predictBatchSizes: number[];
  /** Samples predicted per measurement at batch size 1 (larger batch sizes predict two batches). */
  predictSingleSamples: number;
  /** 0 skips the ceiling. */
  matMulSize: number;
  /** Sample counts at which Strata's predict and evaluate rates are measured; empty skips them. */
  scalingSizes: number[];
  log: (message: string) => void;
}

export interface TrainingRun {
  workload: WorkloadName;
  library: LibraryName;
  batchSize: number;
  steps: number;
  secondsPerRound: number[];
  cpuSecondsPerRound: number[];
  leakedTensorsPerRound: number[];
  peakTensorBytes: number;
  rssBytes: number;
  topKernels: KernelTime[];
}

export interface PredictRun {
  workload: WorkloadName;
  library: LibraryName;
  batchSize: number;
  samples: number;
  samplesPerSecondPerRound: number[];
}

export interface BackendRun {
  backend: string;
  /** wasm's threads, 1 for cpu; null for webgpu, whose kernels run on the adapter. */
  threads: number | null;
  simd: boolean;
  /** webgpu: the adapter the kernels ran on, as @strata/backend reports it. */
  adapter?: WebGpuAdapterDescription;
  /** Why this configuration was not measured (webgpu without an adapter); then nothing else was run. */
  skipped?: string;
  matMul: MatMulCeiling | null;
  /** wasm: the SIMD arithmetic peak of this machine and runtime (both forms). */
  simdPeak?: WasmSimdPeak | null;
  /** wasm: the workers of Strata's product besides the calling thread. */
  productWorkers?: number;
  /** Peak RSS of this process (both libraries, all workloads). */
  maxRssBytes: number;
  training: TrainingRun[];
  predict: PredictRun[];
  /** Strata's predict and evaluate over growing n. */
  scaling: ScalingRun[];
}

interface Prepared {
  x: tf.Tensor;
  y: tf.Tensor;
}

/** The first `count` samples of the workload's data set, scaled to [0, 1] and shaped as the model takes them. */
async function prepareData(workload: Workload, count: number, synthetic: boolean): Promise<Prepared> {
  let labels: tf.Tensor;
  let x: tf.Tensor;
  if (synthetic) {
    x = tf.randomUniform([count, ...workload.sampleShape], 0, 1, 'float32', 7);
    labels = tf.tidy(() => tf.cast(tf.floor(tf.randomUniform([count], 0, 10, 'float32', 8)), 'int32'));
  } else {
    const loader = workload.dataset === 'mnist' ? mnist : fashionMnist;
    const [[trainImages, trainLabels], [testImages, testLabels]] = await loader.loadData();
    if (trainImages.shape[0] < count) throw new Error(`${workload.name} needs ${count} samples; the data set has ${trainImages.shape[0]}.`);
    x = tf.tidy(() => tf.reshape(tf.div(tf.cast(tf.slice(trainImages, 0, count), 'float32'), 255), [count, ...workload.sampleShape]));
    labels = tf.slice(trainLabels, 0, count);
    for (const tensor of [trainImages, trainLabels, testImages, testLabels]) tensor.dispose();
  }
  // float32 labels: tfjs-layers's sparse cross-entropy rejects int32 (it floors them), Strata takes either.
  if (!workload.oneHotLabels) {
    const floatLabels = tf.cast(labels, 'float32');
    labels.dispose();
    return { x, y: floatLabels };
  }
  // The labels' values, read asynchronously: toCategorical reads a tensor with dataSync, which webgpu in Node cannot do.
  const oneHot = toCategorical(await labels.data(), 10);
  labels.dispose();
  return { x, y: oneHot };
}

function firstRows(tensor: tf.Tensor, count: number): tf.Tensor {
  return tf.slice(tensor, 0, Math.min(count, tensor.shape[0]));
}

async function trainWorkload(workload: Workload, options: RunOptions, result: BackendRun): Promise<void> {
  const batchSize = options.batchSize ?? workload.batchSize;
  const steps = options.steps[workload.name];
  const warmupSteps = options.warmupSteps[workload.name];
  const largestPredict = Math.max(0, ...options.predictBatchSizes.map((b) => (b === 1 ? options.predictSingleSamples : 2 * b)));
  const count = Math.max(steps, warmupSteps) * batchSize;
  const data = await prepareData(workload, workload.timePredict ? Math.max(count, largestPredict) : count, options.synthetic);
  const trainX = firstRows(data.x, steps * batchSize);
  const trainY = firstRows(data.y, steps * batchSize);
  const warmX = firstRows(data.x, warmupSteps * batchSize);
  const warmY = firstRows(data.y, warmupSteps * batchSize);
  const trainees = new Map<LibraryName, Trainee>();
  const runs = new Map<LibraryName, TrainingRun>();
  try {
    for (const library of libraryNames) {
      const bytesBefore = tf.memory().numBytes;
      setRandomSeed(1);
      const trainee = buildTrainee(workload, library);
      trainees.set(library, trainee);
      // Warm-up also builds weights and optimizer slots, so the timed epochs start from a steady state.
      const { peakTensorBytes, topKernels } = await warmUp(trainee, warmX, warmY, batchSize, bytesBefore);
      const run: TrainingRun = { workload: workload.name, library, batchSize, steps, secondsPerRound: [], cpuSecondsPerRound: [], leakedTensorsPerRound: [], peakTensorBytes, rssBytes: 0, topKernels };
      runs.set(library, run);
      result.training.push(run);
    }
    // Alternate the libraries round by round, so that a burst of load on the shared machine hits both alike.
    for (let round = 0; round < options.rounds; round++) {
      for (const library of libraryNames) {
        const epoch = await timeEpoch(trainees.get(library)!, trainX, trainY, batchSize);
        const run = runs.get(library)!;
        run.secondsPerRound.push(epoch.seconds);
        run.cpuSecondsPerRound.push(epoch.cpuSeconds);
        run.leakedTensorsPerRound.push(epoch.leakedTensors);
        run.rssBytes = Math.max(run.rssBytes, epoch.rssBytes);
        options.log(`${backendLabel(options.backend)} ${workload.name} ${library} round ${round + 1}: ${((1000 * epoch.seconds) / steps).toFixed(1)} ms/step (CPU ${((1000 * epoch.cpuSeconds) / steps).toFixed(1)})`);
      }
    }
    if (workload.timePredict) await predictWorkload(workload, options, data.x, trainees, result);
  } finally {
    for (const trainee of trainees.values()) trainee.dispose();
    for (const tensor of [data.x, data.y, trainX, trainY, warmX, warmY]) tensor.dispose();
  }
}

async function predictWorkload(workload: Workload, options: RunOptions, x: tf.Tensor, trainees: Map<LibraryName, Trainee>, result: BackendRun): Promise<void> {
  for (const batchSize of options.predictBatchSizes) {
    const inputs = firstRows(x, batchSize === 1 ? options.predictSingleSamples : 2 * batchSize);
    const warm = firstRows(x, batchSize);
    const runs = libraryNames.map((library) => ({ workload: workload.name, library, batchSize, samples: inputs.shape[0], samplesPerSecondPerRound: [] as number[] }));
    try {
      for (const library of libraryNames) await trainees.get(library)!.predict(warm, batchSize);
      for (let round = 0; round < options.rounds; round++) {
        for (const run of runs) run.samplesPerSecondPerRound.push(await timePredict(trainees.get(run.library)!, inputs, batchSize));
      }
    } finally {
      inputs.dispose();
      warm.dispose();
    }
    result.predict.push(...runs);
  }
}

/** Whether a WebGPU adapter exists here; false also when the webgpu package (Dawn) is missing in Node. */
async function webGpuAdapterExists(): Promise<boolean> {
  try {
    return (await requestWebGpuAdapter()) !== null;
  } catch {
    return false;
  }
}

/**
 * Starts the backend. webgpu without an adapter is not a failure of the
 * bench but a property of the machine: it resolves with the reason that
 * useBackend gives (what to install or set), and the report says it was skipped.
 */
async function startBackend(spec: BackendSpec): Promise<BackendInfo | { skipped: string }> {
  const options = spec.name === 'wasm' ? { threads: spec.threads } : {};
  try {
    return await useBackend(spec.name, options);
  } catch (error) {
    if (spec.name !== 'webgpu' || (await webGpuAdapterExists())) throw error;
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
}

export async function runBackend(options: RunOptions): Promise<BackendRun> {
  const label = backendLabel(options.backend);
  const started = await startBackend(options.backend);
  if ('skipped' in started) {
    options.log(`${label}: skipped, ${started.skipped}`);
    return { backend: label, threads: null, simd: false, skipped: started.skipped, matMul: null, maxRssBytes: 0, training: [], predict: [], scaling: [] };
  }
  const info = started;
  checkSharedEngine();
  const device = info.adapter ? `adapter ${describeAdapter(info.adapter)}` : `${info.threads} thread(s), SIMD ${info.simd}`;
  options.log(`${label}: tfjs backend '${tf.getBackend()}', ${device}`);
  const result: BackendRun = { backend: label, threads: info.threads ?? null, simd: info.simd, matMul: null, maxRssBytes: 0, training: [], predict: [], scaling: [] };
  if (info.adapter) result.adapter = info.adapter;
  if (info.productWorkers !== undefined) result.productWorkers = info.productWorkers;
  if (options.matMulSize > 0) {
    if (tf.getBackend() === 'wasm') {
      result.simdPeak = measureWasmSimdPeak();
      const peak = result.simdPeak;
      options.log(`${label}: wasm SIMD peak ${peak ? `${peak.mulAdd.toFixed(1)} GFLOP/s (mul+add), ${peak.relaxedMadd?.toFixed(1) ?? 'no'} relaxed_madd` : 'not measured (no SIMD)'}`);
    }
    result.matMul = await measureMatMulCeiling(options.matMulSize);
    const strata = result.matMul.strataGflops === null ? '' : `, Strata's ${result.matMul.strataGflops.toFixed(2)}`;
    options.log(`${label}: matMul ${options.matMulSize}² ${result.matMul.gflops.toFixed(2)} GFLOP/s${strata}`);
  }
  for (const name of options.workloads) await trainWorkload(workloads[name], options, result);
  if (options.scalingSizes.length > 0) {
    result.scaling = await measureScaling(options.scalingSizes, options.rounds);
    options.log(`${label}: predict and evaluate measured at n = ${options.scalingSizes.join(', ')}`);
  }
  // ru_maxrss is in kilobytes on Linux.
  result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
  return result;
}
