import * as tf from '@tensorflow/tfjs-core';

export interface GradientCheckResult {
  /** Largest |analytic - numeric| / max(1, |numeric|) over the checked elements. */
  maxRelativeError: number;
  checked: number;
}

/**
 * Compares tfjs's analytic gradient of `loss(...inputs)` (a scalar) with
 * central finite differences, computed in float32 on up to `samples` elements of
 * each input. `epsilon` of 1e-2 suits float32 arithmetic on smooth functions.
 */
export function checkGradients(
  loss: (...inputs: tf.Tensor[]) => tf.Scalar,
  inputs: tf.Tensor[],
  { epsilon = 1e-2, samples = 20 } = {},
): GradientCheckResult {
  const analytic = tf.tidy(() => tf.grads(loss)(inputs).map((g) => g.dataSync().slice()));
  let maxRelativeError = 0;
  let checked = 0;
  inputs.forEach((input, which) => {
    const base = input.dataSync().slice() as Float32Array;
    const step = Math.max(1, Math.floor(base.length / samples));
    for (let i = 0; i < base.length; i += step) {
      const at = (delta: number) =>
        tf.tidy(() => {
          const moved = base.slice();
          moved[i] += delta;
          const args = inputs.map((t, k) => (k === which ? tf.tensor(moved, input.shape, input.dtype) : t));
          return loss(...args).dataSync()[0];
        });
      const numeric = (at(epsilon) - at(-epsilon)) / (2 * epsilon);
      const error = Math.abs(analytic[which][i] - numeric) / Math.max(1, Math.abs(numeric));
      maxRelativeError = Math.max(maxRelativeError, error);
      checked++;
    }
  });
  return { maxRelativeError, checked };
}
