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

/** The elements the check moves: up to `samples` evenly spaced ones of each base, as [which base, index]. */
function* sampledElements(bases: Float32Array[], samples: number): Generator<[number, number]> {
  for (const [which, base] of bases.entries()) {
    const step = Math.max(1, Math.floor(base.length / samples));
    for (let i = 0; i < base.length; i += step) yield [which, i];
  }
}

function moved(base: Float32Array, i: number, delta: number): Float32Array {
  const values = base.slice();
  values[i] += delta;
  return values;
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
  for (const [which, i] of sampledElements(bases, samples)) {
    const numeric = (evaluate(which, moved(bases[which], i, epsilon)) - evaluate(which, moved(bases[which], i, -epsilon))) / (2 * epsilon);
    maxRelativeError = Math.max(maxRelativeError, Math.abs(analytic[which][i] - numeric) / Math.max(1, Math.abs(numeric)));
    checked++;
  }
  return { maxRelativeError, checked };
}

/** `compare` with an asynchronous `evaluate` (values read with `await tensor.data()`). */
async function compareAsync(
  analytic: ArrayLike<number>[],
  bases: Float32Array[],
  evaluate: (which: number, values: Float32Array) => Promise<number>,
  { epsilon = 1e-2, samples = 20 }: GradientCheckOptions,
): Promise<GradientCheckResult> {
  let maxRelativeError = 0;
  let checked = 0;
  for (const [which, i] of sampledElements(bases, samples)) {
    const numeric = ((await evaluate(which, moved(bases[which], i, epsilon))) - (await evaluate(which, moved(bases[which], i, -epsilon)))) / (2 * epsilon);
    maxRelativeError = Math.max(maxRelativeError, Math.abs(analytic[which][i] - numeric) / Math.max(1, Math.abs(numeric)));
    checked++;
  }
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

/** Reads a scalar made in a tidy asynchronously and disposes it. */
async function readScalar(make: () => tf.Scalar): Promise<number> {
  const scalar = tf.tidy(make);
  try {
    return (await scalar.data())[0];
  } finally {
    scalar.dispose();
  }
}

/**
 * checkVariableGradients with every value read asynchronously, for backends that
 * cannot read synchronously (webgpu in Node). `objective` runs inside tf.tidy.
 */
export async function checkVariableGradientsAsync(
  objective: () => tf.Scalar,
  variables: tf.Variable[],
  options: GradientCheckOptions = {},
): Promise<GradientCheckResult> {
  const gradients = tf.tidy(() => {
    const { grads } = tf.variableGrads(objective, variables);
    return variables.map((v) => grads[v.name]);
  });
  const analytic = await Promise.all(gradients.map(async (g) => Float32Array.from((await g.data()) as ArrayLike<number>)));
  tf.dispose(gradients);
  const bases = await Promise.all(variables.map(async (v) => Float32Array.from((await v.data()) as ArrayLike<number>)));
  try {
    return await compareAsync(analytic, bases, (which, values) => {
      tf.tidy(() => variables[which].assign(tf.tensor(values, variables[which].shape)));
      return readScalar(objective);
    }, options);
  } finally {
    tf.tidy(() => variables.forEach((v, k) => v.assign(tf.tensor(bases[k], v.shape))));
  }
}
