/**
 * `StrataReluBiasGrad` for the cpu backend: the first steps of the backward
 * pass of `relu(z + bias)` (denseAffine's and conv2dAffine's gradients, ops/),
 * `dz = dy · (y > 0)` and the bias gradient, dz summed over every axis but
 * the last (in float64), in one pass over the cpu backend's arrays, where tfjs
 * runs Step, Cast, Multiply and Sum. The wasm kernel of the same name is
 * wasm-kernels/relu-bias-grad.ts. Outputs: [dz, biasGradient of shape [channels]].
 */
import * as tf from '@tensorflow/tfjs-core';
import { STRATA_RELU_BIAS_GRAD } from '../kernel-names';
import { asCpuBackend, float32Values } from './cpu-backend';

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

export const strataReluBiasGrad: tf.KernelFunc = ({ inputs, backend: kernelBackend }) => {
  const backend = asCpuBackend(kernelBackend);
  const { dy, y } = inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
  const channels = dy.shape[dy.shape.length - 1];
  const dz = new Float32Array(tf.util.sizeFromShape(dy.shape));
  const dyValues = float32Values(backend, dy, STRATA_RELU_BIAS_GRAD, 'dy');
  const sums = reluGradAndSums(dyValues, float32Values(backend, y, STRATA_RELU_BIAS_GRAD, 'y'), dz, channels);
  return [backend.makeTensorInfo([...dy.shape], 'float32', dz), backend.makeTensorInfo([channels], 'float32', sums)];
};
