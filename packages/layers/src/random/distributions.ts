/**
 * Keras's `keras.random` draws: normal, uniform, truncated normal, integers,
 * gamma, beta, binomial and categorical samples of a given shape, seeded as
 * Keras seeds them (see ./seed-generator). The numbers come from tfjs-core's
 * generators, so they follow Keras's distributions, not its exact draws.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type RandomSeed, deriveSeed, drawSeed } from './seed-generator';

export interface DrawOptions {
  /** The dtype of the samples. Default `'float32'`. */
  dtype?: 'float32' | 'int32';
  /**
   * A number (the same samples every call), a `SeedGenerator` (a new seed from it each call, reproducible from its
   * own seed) or null/absent (the next seed of the stream `setRandomSeed` starts), as Keras's `seed` argument.
   */
  seed?: RandomSeed;
}

function checkShape(op: string, shape: number[]): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new TypeError(`random.${op}: \`shape\` must be an array of non-negative integers. Received: ${JSON.stringify(shape)}.`);
  }
  return shape;
}

/** Samples of a normal distribution (Keras's `random.normal`). */
export function normal(shape: number[], options: DrawOptions & { mean?: number; stddev?: number } = {}): tf.Tensor {
  return tf.randomNormal(checkShape('normal', shape), options.mean ?? 0, options.stddev ?? 1, 'float32', drawSeed(options.seed));
}

/** Samples of a uniform distribution on [minval, maxval) (Keras's `random.uniform`). */
export function uniform(shape: number[], options: DrawOptions & { minval?: number; maxval?: number } = {}): tf.Tensor {
  if ((options.dtype ?? 'float32') !== 'float32') throw new TypeError(`random.uniform draws floats; use random.randint for integers. Received dtype: ${options.dtype}.`);
  return tf.randomUniform(checkShape('uniform', shape), options.minval ?? 0, options.maxval ?? 1, 'float32', drawSeed(options.seed));
}

/** Samples of a normal distribution redrawn beyond two standard deviations (Keras's `random.truncated_normal`). */
export function truncatedNormal(shape: number[], options: DrawOptions & { mean?: number; stddev?: number } = {}): tf.Tensor {
  return tf.truncatedNormal(checkShape('truncatedNormal', shape), options.mean ?? 0, options.stddev ?? 1, 'float32', drawSeed(options.seed));
}

/** Uniform integers in [minval, maxval) (Keras's `random.randint`). */
export function randint(shape: number[], minval: number, maxval: number, options: DrawOptions = {}): tf.Tensor {
  if (!(maxval > minval)) throw new RangeError(`random.randint: \`maxval\` must be greater than \`minval\`. Received: minval=${minval}, maxval=${maxval}.`);
  return tf.tidy(() => {
    const draws = tf.randomUniform(checkShape('randint', shape), 0, 1, 'float32', drawSeed(options.seed));
    const integers = tf.floor(tf.add(tf.mul(draws, Math.floor(maxval) - Math.ceil(minval)), Math.ceil(minval)));
    return tf.cast(integers, options.dtype ?? 'int32');
  });
}

/** Samples of a gamma distribution with shape `alpha` and scale 1 (Keras's `random.gamma`). */
export function gamma(shape: number[], alpha: number, options: DrawOptions = {}): tf.Tensor {
  if (!(alpha > 0)) throw new RangeError(`random.gamma: \`alpha\` must be positive. Received: ${alpha}.`);
  return tf.randomGamma(checkShape('gamma', shape), alpha, 1, 'float32', drawSeed(options.seed));
}

/** Samples of a beta distribution, X / (X + Y) of two gamma draws (Keras's `random.beta`). */
export function beta(shape: number[], alpha: number, betaParameter: number, options: DrawOptions = {}): tf.Tensor {
  if (!(alpha > 0) || !(betaParameter > 0)) throw new RangeError(`random.beta: \`alpha\` and \`beta\` must be positive. Received: alpha=${alpha}, beta=${betaParameter}.`);
  const seed = drawSeed(options.seed);
  return tf.tidy(() => {
    const x = tf.randomGamma(checkShape('beta', shape), alpha, 1, 'float32', deriveSeed(seed, 1));
    const y = tf.randomGamma(shape, betaParameter, 1, 'float32', deriveSeed(seed, 2));
    return tf.div(x, tf.add(x, y));
  });
}

/**
 * Samples of a binomial distribution: the number of successes in `counts`
 * trials of probability `probabilities` (numbers, or tensors that broadcast to
 * `shape`), as floats (Keras's `random.binomial`).
 */
export function binomial(shape: number[], counts: number | tf.Tensor, probabilities: number | tf.Tensor, options: DrawOptions = {}): tf.Tensor {
  checkShape('binomial', shape);
  return tf.tidy(() => {
    const n = tf.broadcastTo(tf.cast(counts, 'float32'), shape);
    const p = tf.broadcastTo(tf.cast(probabilities, 'float32'), shape);
    const trials = Math.max(0, Math.ceil(n.size === 0 ? 0 : tf.max(n).dataSync()[0]));
    if (trials === 0) return tf.zeros(shape, options.dtype ?? 'float32');
    const draws = tf.randomUniform([...shape, trials], 0, 1, 'float32', drawSeed(options.seed));
    const index = tf.range(0, trials, 1, 'float32');
    const success = tf.logicalAnd(tf.less(draws, tf.expandDims(p, -1)), tf.less(index, tf.expandDims(n, -1)));
    return tf.cast(tf.sum(tf.cast(success, 'float32'), -1), options.dtype ?? 'float32');
  });
}

/** `numSamples` class indices per row of `logits` (batch, classes), drawn from its softmax (Keras's `random.categorical`). */
export function categorical(logits: tf.Tensor, numSamples: number, options: DrawOptions = {}): tf.Tensor {
  if (logits.rank !== 2) throw new TypeError(`random.categorical: \`logits\` must have shape (batch, classes). Received shape: [${logits.shape}].`);
  return tf.tidy(() => tf.cast(tf.multinomial(logits as tf.Tensor2D, numSamples, drawSeed(options.seed), false), options.dtype ?? 'int32'));
}
