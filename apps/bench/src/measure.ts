/**
 * Timing one library on one workload: the same calls for Strata and for
 * tfjs-layers behind a small adapter, so neither gets a different loop.
 */
import { STRATA_MAT_MUL } from '@strata/backend';
import type { Sequential } from '@strata/models';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Workload } from './workloads';

export type LibraryName = 'strata' | 'tfjs-layers';
export const libraryNames: readonly LibraryName[] = ['strata', 'tfjs-layers'];

/** What the bench does with a model, whichever library built it. */
export interface Trainee {
  /** One epoch over all of x, with the library's own fit (shuffled, as the tutorials do). */
  fitEpoch(x: tf.Tensor, y: tf.Tensor, batchSize: number): Promise<void>;
  /** predict over all of x; resolves once the output values are on the host. */
  predict(x: tf.Tensor, batchSize: number): Promise<void>;
  dispose(): void;
}

function strataTrainee(model: Sequential): Trainee {
  return {
    async fitEpoch(x, y, batchSize) {
      await model.fit(x, y, { epochs: 1, batchSize, verbose: 0 });
    },
    async predict(x, batchSize) {
      const output = (await model.predict(x, { batchSize })) as tf.Tensor;
      await output.data();
      output.dispose();
    },
    dispose: () => model.dispose(),
  };
}

function tfjsLayersTrainee(model: tfl.LayersModel): Trainee {
  return {
    async fitEpoch(x, y, batchSize) {
      await model.fit(x, y, { epochs: 1, batchSize, verbose: 0 });
    },
    async predict(x, batchSize) {
      const output = model.predict(x, { batchSize }) as tf.Tensor;
      await output.data();
      output.dispose();
    },
    dispose: () => model.dispose(),
  };
}

export function buildTrainee(workload: Workload, library: LibraryName): Trainee {
  return library === 'strata' ? strataTrainee(workload.strata()) : tfjsLayersTrainee(workload.tfjsLayers());
}

export interface KernelTime {
  name: string;
  /** Milliseconds per warm-up step (profiled, so slower than the timed steps, but the proportions hold). */
  milliseconds: number;
}

export interface WarmupResult {
  /** Highest tf.memory().numBytes during the warm-up steps, above what was allocated before the model was built. */
  peakTensorBytes: number;
  /** The kernels that took the longest during warm-up: where a step spends its time. */
  topKernels: KernelTime[];
}

/**
 * Runs the warm-up steps under tf.profile, which tracks the engine's peak
 * bytes; profiling slows kernels down, which is why only untimed steps run under it.
 */
export async function warmUp(trainee: Trainee, x: tf.Tensor, y: tf.Tensor, batchSize: number, bytesBefore: number): Promise<WarmupResult> {
  const profile = await tf.profile(() => trainee.fitEpoch(x, y, batchSize));
  const steps = Math.ceil(x.shape[0] / batchSize);
  const byName = new Map<string, number>();
  for (const kernel of profile.kernels) {
    // tf.profile has awaited the timings; a backend without a timer reports {error} instead of a number.
    const milliseconds = typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
    byName.set(kernel.name, (byName.get(kernel.name) ?? 0) + milliseconds);
  }
  const topKernels = [...byName]
    .map(([name, total]) => ({ name, milliseconds: total / steps }))
    .sort((a, b) => b.milliseconds - a.milliseconds)
    .slice(0, 5);
  return { peakTensorBytes: Math.max(0, profile.peakBytes - bytesBefore), topKernels };
}

export interface TimedEpoch {
  seconds: number;
  /**
   * CPU time of this process (all threads) over the epoch. On a shared
   * machine it varies far less than wall time (docs/BACKENDS.md, "Speed").
   */
  cpuSeconds: number;
  /** tf.memory().numTensors after the epoch minus before it: tensors that outlived the epoch. */
  leakedTensors: number;
  /** Process resident set size right after the epoch. */
  rssBytes: number;
}

/** Times one fit epoch over x; fit ends with a read of the metrics, so the device has finished when it resolves. */
export async function timeEpoch(trainee: Trainee, x: tf.Tensor, y: tf.Tensor, batchSize: number): Promise<TimedEpoch> {
  const tensorsBefore = tf.memory().numTensors;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await trainee.fitEpoch(x, y, batchSize);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { seconds, cpuSeconds, leakedTensors: tf.memory().numTensors - tensorsBefore, rssBytes: process.memoryUsage.rss() };
}

/** Samples per second of predict over all of x at this batch size. */
export async function timePredict(trainee: Trainee, x: tf.Tensor, batchSize: number): Promise<number> {
  const start = performance.now();
  await trainee.predict(x, batchSize);
  return x.shape[0] / ((performance.now() - start) / 1000);
}

export interface MatMulCeiling {
  size: number;
  /** GFLOP/s of tf.matMul(a, b), square float32 matrices. */
  gflops: number;
  /** GFLOP/s of tf.matMul(a, b, true, false): the transposed product of a weight gradient (xᵀ · dy). */
  gflopsTransposedA: number;
  /** The same two products with Strata's StrataMatMul kernel (null where the backend has none). */
  strataGflops: number | null;
  strataGflopsTransposedA: number | null;
}

/** Products queued before each read: on webgpu a read waits for the queue, so three products share one readback's latency. */
const productsPerRead = 3;

type Product = (a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean) => tf.Tensor;

const tfjsProduct: Product = (a, b, transposeA) => tf.matMul(a, b, transposeA, false);

/** Strata's product through its kernel name, as Dense runs it; undefined where the backend has none. */
function strataProduct(): Product | undefined {
  if (tf.getKernel(STRATA_MAT_MUL, tf.getBackend()) === undefined) return undefined;
  return (a, b, transposeA) => tf.engine().runKernel(STRATA_MAT_MUL, { a, b }, { transposeA, transposeB: false } as unknown as tf.NamedAttrMap) as tf.Tensor;
}

async function matMulRate(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, minimumSeconds: number, multiply: Product = tfjsProduct): Promise<number> {
  // Read asynchronously: dataSync is not available on webgpu in Node, and on cpu and wasm data() costs the same.
  const run = async (count: number) => {
    let product: tf.Tensor | undefined;
    for (let i = 0; i < count; i++) {
      product?.dispose();
      product = multiply(a, b, transposeA);
    }
    await product!.data();
    product!.dispose();
  };
  await run(1); // first call: kernel set-up (shader compilation on webgpu), memory growth
  let iterations = 0;
  const start = performance.now();
  while (iterations === 0 || performance.now() - start < minimumSeconds * 1000) {
    await run(productsPerRead);
    iterations += productsPerRead;
  }
  const seconds = (performance.now() - start) / 1000;
  const size = a.shape[0];
  return (2 * size ** 3 * iterations) / seconds / 1e9;
}

/** The backend's matrix-multiply speed (tfjs's product, and Strata's where registered), the ceiling that dense training can at best approach. */
export async function measureMatMulCeiling(size: number, minimumSeconds = 0.5): Promise<MatMulCeiling> {
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1) as tf.Tensor2D;
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2) as tf.Tensor2D;
  try {
    const strata = strataProduct();
    return {
      size,
      gflops: await matMulRate(a, b, false, minimumSeconds),
      gflopsTransposedA: await matMulRate(a, b, true, minimumSeconds),
      strataGflops: strata === undefined ? null : await matMulRate(a, b, false, minimumSeconds, strata),
      strataGflopsTransposedA: strata === undefined ? null : await matMulRate(a, b, true, minimumSeconds, strata),
    };
  } finally {
    a.dispose();
    b.dispose();
  }
}

/**
 * tfjs-layers's Node entry is a CommonJS bundle that requires
 * '@tensorflow/tfjs-core' on its own; the comparison is only fair if that is
 * the very engine Strata configured. Throws when it is another copy.
 */
export function checkSharedEngine(): void {
  const require = createRequire(import.meta.url);
  const fromLayers = createRequire(require.resolve('@tensorflow/tfjs-layers'))('@tensorflow/tfjs-core') as typeof tf;
  if (fromLayers.engine() !== tf.engine() || fromLayers.getBackend() !== tf.getBackend()) {
    throw new Error(
      `tfjs-layers loads another copy of @tensorflow/tfjs-core (backend '${fromLayers.getBackend()}', Strata's '${tf.getBackend()}'); ` +
        'the two libraries would not run on the same backend. Dedupe @tensorflow/tfjs-core.',
    );
  }
}
