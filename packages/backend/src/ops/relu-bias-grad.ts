import * as tf from '@tensorflow/tfjs-core';
import { STRATA_RELU_BIAS_GRAD } from '../kernel-names';

/**
 * The first steps of the backward pass of `relu(z + bias)`, for Dense and
 * Conv2D: `dz = dy · (y > 0)` and the bias gradient `Σ dz` over every axis but
 * the last, from the layer's output `y`. tfjs runs this as Step, Cast, Multiply
 * and Sum over the whole activation (four kernels, three temporary tensors;
 * about 4.4 ms of a 48 ms step of the tutorial CNN on wasm). A kernel named
 * `StrataReluBiasGrad` does it in one pass; `useBackend('cpu')` and
 * `useBackend('wasm')` register it (cpu-kernels/relu-bias-grad.ts, a JS loop;
 * wasm-kernels/relu-bias-grad.ts, SIMD). Other backends, and backends started without `useBackend`, run the
 * op chain.
 */

/**
 * `dz` and the bias gradient of `relu(z + bias)`, given the output `y` and its
 * gradient `dy` (same shape, channels last). The bias gradient has shape
 * `[channels]`.
 */
export function reluBiasGrad(dy: tf.Tensor, y: tf.Tensor): { dz: tf.Tensor; biasGrad: tf.Tensor1D } {
  if (tf.getKernel(STRATA_RELU_BIAS_GRAD, tf.getBackend()) === undefined || dy.dtype !== 'float32' || y.dtype !== 'float32') {
    const dz = tf.mul(dy, tf.step(y));
    const leading = Array.from({ length: dz.rank - 1 }, (_, axis) => axis);
    return { dz, biasGrad: tf.sum(dz, leading) as tf.Tensor1D };
  }
  const [dz, biasGrad] = tf.engine().runKernel(STRATA_RELU_BIAS_GRAD, { dy, y }) as [tf.Tensor, tf.Tensor1D];
  return { dz, biasGrad };
}
