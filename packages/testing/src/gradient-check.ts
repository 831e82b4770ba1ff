import * as tf from '@tensorflow/tfjs-core';

export interface GradientCheckResult {
  /** Largest |analytic - numeric| / max(1, |numeric|) over the checked elements. */
  maxRelativeError: number;
  checked: number;
}

export interface GradientCheckOptions {
  /** Finite-difference step; 1e-2 suits float32 arithmetic on smooth functions. */
  epsilon?: number;
  /** Elements checked per tensor, evenly spaced. */
  samples?: number;
}

/**
 * The one finite-difference check: compares `analytic[k]` with central
 * differences of `evaluate(k, values)` on up to `samples` elements of each
 * `bases[k]`, where `values` is `bases[k]` with one element moved.
 */
function compare(
  analytic: ArrayLike<number>[],
  bases: Float32Array[],
  evaluate: (which: number, values: Float32Array) => number,
  { epsilon = 1e-2, samples = 20 }: GradientCheckOptions,
): GradientCheckResult {
  let maxRelativeError = 0;
  let checked = 0;
  bases.forEach((base, which) => {
    const step = Math.max(1, Math.floor(base.length / samples));
    for (let i = 0; i < base.length; i += step) {
      const at = (delta: number) => {
        const moved = base.slice();
        moved[i] += delta;
        return evaluate(which, moved);
      };
      const numeric = (at(epsilon) - at(-epsilon)) / (2 * epsilon);
      maxRelativeError = Math.max(maxRelativeError, Math.abs(analytic[which][i] - numeric) / Math.max(1, Math.abs(numeric)));
      checked++;
    }
  });
  return { maxRelativeError, checked };
}

/** Checks tfjs's analytic gradient of `loss(...inputs)` (a scalar) against finite differences, in float32. */
export function checkGradients(
  loss: (...inputs: tf.Tensor[]) => tf.Scalar,
  inputs: tf.Tensor[],
  options: GradientCheckOptions = {},
): GradientCheckResult {
  const analytic = tf.tidy(() => tf.grads(loss)(inputs).map((g) => g.dataSync().slice()));
  const bases = inputs.map((input) => Float32Array.from(input.dataSync() as ArrayLike<number>));
  return compare(analytic, bases, (which, values) =>
    tf.tidy(() => {
      const args = inputs.map((t, k) => (k === which ? tf.tensor(values, t.shape, t.dtype) : t));
      return loss(...args).dataSync()[0];
    }),
  options);
}

/**
 * The same check on the gradient of `objective()` with respect to variables
 * (a layer's trainable weights), moving each variable in place and restoring it.
 */
export function checkVariableGradients(
  objective: () => tf.Scalar,
  variables: tf.Variable[],
  options: GradientCheckOptions = {},
): GradientCheckResult {
  const analytic = tf.tidy(() => {
    const { grads } = tf.variableGrads(objective, variables);
    return variables.map((v) => grads[v.name].dataSync().slice());
  });
  const bases = variables.map((v) => Float32Array.from(v.dataSync() as ArrayLike<number>));
  const result = compare(analytic, bases, (which, values) => {
    tf.tidy(() => variables[which].assign(tf.tensor(values, variables[which].shape)));
    return tf.tidy(() => objective().dataSync()[0]);
  }, options);
  tf.tidy(() => variables.forEach((v, k) => v.assign(tf.tensor(bases[k], v.shape))));
  return result;
}
