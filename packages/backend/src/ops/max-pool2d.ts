import * as tf from '@tensorflow/tfjs-core';
import { STRATA_MAX_POOL, STRATA_MAX_POOL_GRAD } from '../kernel-names';
import { ensureCallOf, kernelFor } from './kernel-choice';

/**
 * 2-D max pooling, channels last, for MaxPooling1D and MaxPooling2D. The
 * forward pass is the backend's own `MaxPool`, run under the name
 * `StrataMaxPool` (registered on first use) so that the op carries its own
 * gradient: `StrataMaxPoolGrad` where the backend has it, else tfjs's
 * `MaxPoolGrad`. `useBackend('wasm')` registers `StrataMaxPoolGrad`
 * (wasm-kernels/max-pool-grad.ts) because tfjs-backend-wasm 4.22's
 * `MaxPoolGrad` sends the gradient of a window of negative values to the wrong
 * cell; under its own name it leaves tfjs's kernel to everything else.
 *
 * The gradient is registered on first use (never on import).
 */

interface MaxPoolAttrs {
  filterSize: [number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
}

let gradientRegistered = false;

function registerGradient(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: STRATA_MAX_POOL,
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, y] = saved;
      const kernelName = kernelFor(STRATA_MAX_POOL_GRAD, 'MaxPoolGrad');
      return { x: () => tf.engine().runKernel(kernelName, { dy: dy as tf.Tensor, input: x, output: y }, attrs) as tf.Tensor4D };
    },
  });
}

/**
 * The maximum of each `filterSize` window of `x` [batch, height, width,
 * channels], `strides` apart, with 'valid' or 'same' padding (as `tf.maxPool`).
 */
export function maxPool2d(x: tf.Tensor4D, filterSize: [number, number], strides: [number, number], pad: 'valid' | 'same'): tf.Tensor4D {
  if (!ensureCallOf(STRATA_MAX_POOL, 'MaxPool')) return tf.maxPool(x, filterSize, strides, pad);
  registerGradient();
  const attrs: MaxPoolAttrs = { filterSize, strides, pad };
  return tf.engine().runKernel(STRATA_MAX_POOL, { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}
