import * as tf from '@tensorflow/tfjs-core';

/**
 * The first steps of the backward pass of `relu(z + bias)`, for Dense and
 * Conv2D: `dz = dy · (y > 0)` and the bias gradient `Σ dz` over every axis but
 * the last, from the layer's output `y`. tfjs runs this as Step, Cast, Multiply
 * and Sum over the whole activation (four kernels, three temporary tensors;
 * about 4.4 ms of a 48 ms step of the tutorial CNN on wasm). A kernel named
 * `StrataReluBiasGrad` does it in one pass: on wasm the SIMD one that
 * `useBackend('wasm')` registers (@strata/backend), on cpu the JS loop below,
 * registered here on first use (never on import). Other backends, and wasm
 * started without `useBackend`, run the op chain.
 */
export const STRATA_RELU_BIAS_GRAD = 'StrataReluBiasGrad';

interface CpuBackend extends tf.KernelBackend {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
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

const cpuKernelFunc: tf.KernelFunc = ({ inputs, backend: kernelBackend }) => {
  const backend = kernelBackend as CpuBackend;
  const { dy, y } = inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
  const read = (info: tf.TensorInfo): Float32Array => {
    const values = backend.data.get(info.dataId).values;
    if (!(values instanceof Float32Array)) throw new Error(`${STRATA_RELU_BIAS_GRAD} takes float32 tensors; received dtype ${info.dtype}.`);
    return values;
  };
  const channels = dy.shape[dy.shape.length - 1];
  const dz = new Float32Array(tf.util.sizeFromShape(dy.shape));
  const sums = reluGradAndSums(read(dy), read(y), dz, channels);
  return [backend.makeTensorInfo([...dy.shape], 'float32', dz), backend.makeTensorInfo([channels], 'float32', sums)];
};

/**
 * `dz` and the bias gradient of `relu(z + bias)`, given the output `y` and its
 * gradient `dy` (same shape, channels last). The bias gradient has shape
 * `[channels]`.
 */
export function reluBiasGrad(dy: tf.Tensor, y: tf.Tensor): { dz: tf.Tensor; biasGrad: tf.Tensor1D } {
  const backendName = tf.getBackend();
  if (backendName === 'cpu' && tf.getKernel(STRATA_RELU_BIAS_GRAD, 'cpu') === undefined) {
    tf.registerKernel({ kernelName: STRATA_RELU_BIAS_GRAD, backendName, kernelFunc: cpuKernelFunc });
  }
  if (tf.getKernel(STRATA_RELU_BIAS_GRAD, backendName) === undefined || dy.dtype !== 'float32' || y.dtype !== 'float32') {
    const dz = tf.mul(dy, tf.step(y));
    const leading = Array.from({ length: dz.rank - 1 }, (_, axis) => axis);
    return { dz, biasGrad: tf.sum(dz, leading) as tf.Tensor1D };
  }
  const [dz, biasGrad] = tf.engine().runKernel(STRATA_RELU_BIAS_GRAD, { dy, y }) as [tf.Tensor, tf.Tensor1D];
  return { dz, biasGrad };
}
