import * as tf from '@tensorflow/tfjs-core';

/**
 * The first steps of the backward pass of `relu(z + bias)`, for Dense and
 * Conv2D: `dz = dy · (y > 0)` and the bias gradient `Σ dz` over every axis but
 * the last, from the layer's output `y`. tfjs runs this as Step, Cast, Multiply
 * and Sum over the whole activation (four kernels, three temporary tensors);
 * `StrataReluBiasGrad` does it in one pass over the backend's memory on cpu
 * and wasm, summing in float64 (the tutorial CNN on wasm: about 4.4 ms of a
 * 48 ms step in those four kernels). Other backends run the op chain.
 *
 * The kernel is registered for the active backend on first use (never on import).
 */
export const STRATA_RELU_BIAS_GRAD = 'StrataReluBiasGrad';

/** The memory access the one-pass kernel needs: cpu's typed arrays or wasm's heap. */
interface HostBackend extends tf.KernelBackend {
  data?: { get(dataId: object): { values?: unknown } };
  makeTensorInfo?(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
  makeOutput?(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap?(info: tf.TensorInfo): Float32Array;
}

/**
 * `dz[i] = dy[i] · (y[i] > 0)`, as tfjs's `mul(dy, step(y))`; returns the
 * per-channel sums of dz. The product, not a branch: after a relu, whether
 * y > 0 is a coin toss, and the mispredicted branch made the loop 3× slower.
 */
function reluGradAndSums(dy: Float32Array, y: Float32Array, dz: Float32Array, channels: number): Float32Array {
  const sums = new Float64Array(channels);
  for (let offset = 0; offset < dy.length; offset += channels) {
    for (let c = 0; c < channels; ++c) {
      const value = dy[offset + c] * +(y[offset + c] > 0);
      dz[offset + c] = value;
      sums[c] += value;
    }
  }
  return Float32Array.from(sums);
}

const kernelFunc: tf.KernelFunc = ({ inputs, backend: kernelBackend }) => {
  const backend = kernelBackend as HostBackend;
  const { dy, y } = inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
  const channels = dy.shape[dy.shape.length - 1];
  if (backend.makeOutput !== undefined && backend.typedArrayFromHeap !== undefined) {
    // wasm: allocate first, then take views (an allocation may grow, and so detach, the heap).
    const dz = backend.makeOutput([...dy.shape], 'float32');
    const bias = backend.makeOutput([channels], 'float32');
    const sums = reluGradAndSums(backend.typedArrayFromHeap(dy), backend.typedArrayFromHeap(y), backend.typedArrayFromHeap(dz), channels);
    backend.typedArrayFromHeap(bias).set(sums);
    return [dz, bias];
  }
  const read = (info: tf.TensorInfo): Float32Array => {
    const values = backend.data?.get(info.dataId).values;
    if (!(values instanceof Float32Array)) throw new Error(`${STRATA_RELU_BIAS_GRAD} takes float32 tensors; received dtype ${info.dtype}.`);
    return values;
  };
  const dz = new Float32Array(tf.util.sizeFromShape(dy.shape));
  const sums = reluGradAndSums(read(dy), read(y), dz, channels);
  const makeTensorInfo = backend.makeTensorInfo!.bind(backend);
  return [makeTensorInfo([...dy.shape], 'float32', dz), makeTensorInfo([channels], 'float32', sums)];
};

const onePassBackends = new Set(['cpu', 'wasm']);

/**
 * `dz` and the bias gradient of `relu(z + bias)`, given the output `y` and its
 * gradient `dy` (same shape, channels last). The bias gradient has shape
 * `[channels]`.
 */
export function reluBiasGrad(dy: tf.Tensor, y: tf.Tensor): { dz: tf.Tensor; biasGrad: tf.Tensor1D } {
  const backendName = tf.getBackend();
  if (!onePassBackends.has(backendName) || dy.dtype !== 'float32' || y.dtype !== 'float32') {
    const dz = tf.mul(dy, tf.step(y));
    const leading = Array.from({ length: dz.rank - 1 }, (_, axis) => axis);
    return { dz, biasGrad: tf.sum(dz, leading) as tf.Tensor1D };
  }
  if (tf.getKernel(STRATA_RELU_BIAS_GRAD, backendName) === undefined) {
    tf.registerKernel({ kernelName: STRATA_RELU_BIAS_GRAD, backendName, kernelFunc });
  }
  const [dz, biasGrad] = tf.engine().runKernel(STRATA_RELU_BIAS_GRAD, { dy, y }) as [tf.Tensor, tf.Tensor1D];
  return { dz, biasGrad };
}
