/**
 * `StrataReluBiasGrad` for wasm: the first steps of the backward pass of
 * `relu(z + bias)` (denseAffine's and conv2dAffine's gradients, ops/):
 * `dz = dy · (y > 0)` from the layer's output y, and the bias gradient, dz
 * summed over every axis but the last. tfjs runs Step, Cast, Multiply and a
 * Sum over the whole activation for this; here it is one SIMD pass over the
 * heap (simd.ts), summing in float32 as wasm's own Sum does. Where SIMD is
 * unavailable or the channels are not a multiple of four, it is composed of
 * wasm's native kernels (Step, Multiply, Sum).
 * Outputs: [dz, biasGradient of shape [channels]].
 */
import type * as tf from '@tensorflow/tfjs-core';
import { simdKernelsFor } from './simd';
import { asWasmBackend, composed, runWasmKernel, type TensorInfo } from './wasm-backend';
import { STRATA_RELU_BIAS_GRAD } from '../kernel-names';

export { STRATA_RELU_BIAS_GRAD };

export const reluBiasGrad: tf.KernelFunc = ({ inputs, backend: kernelBackend }) => {
  const backend = asWasmBackend(kernelBackend);
  const { dy, y } = inputs as { dy: TensorInfo; y: TensorInfo };
  const channels = dy.shape[dy.shape.length - 1];
  const kernels = simdKernelsFor(kernelBackend);
  if (kernels === null || channels % 4 !== 0 || dy.dtype !== 'float32' || y.dtype !== 'float32') {
    return composed(backend, (intermediates) => {
      const step = intermediates.run('Step', { x: y }, { alpha: 0 });
      const dz = runWasmKernel(backend, 'Multiply', { a: dy, b: step });
      const leading = Array.from({ length: dy.shape.length - 1 }, (_, axis) => axis);
      return [dz, runWasmKernel(backend, 'Sum', { x: dz }, { axis: leading, keepDims: false })];
    });
  }
  const dz = backend.makeOutput([...dy.shape], 'float32');
  const biasGradient = backend.makeOutput([channels], 'float32');
  // Views after the allocations, which may have grown the heap.
  const sums = backend.typedArrayFromHeap(biasGradient);
  sums.fill(0);
  const gradient = backend.typedArrayFromHeap(dy);
  kernels.reluBiasGrad(
    gradient.byteOffset,
    backend.typedArrayFromHeap(y).byteOffset,
    backend.typedArrayFromHeap(dz).byteOffset,
    sums.byteOffset,
    gradient.byteOffset + gradient.byteLength,
    channels * 4,
  );
  return [dz, biasGradient];
};
