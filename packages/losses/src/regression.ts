import * as tf from '@tensorflow/tfjs-core';
import { EPSILON, assertBroadcastable } from './errors';
import { LossFunctionWrapper, type LossOptions } from './loss';
import { squeezeOrExpandToSameRank } from './reduction';

/** Casts both to float32, matches their ranks as Keras does, and checks that they broadcast. */
function prepare(lossName: string, yTrue: tf.Tensor, yPred: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const [target, output] = squeezeOrExpandToSameRank(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32'));
  assertBroadcastable(lossName, target, output);
  return [target, output];
}

/** mean(square(yTrue - yPred), -1). */
export function meanSquaredError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = prepare('mean_squared_error', yTrue, yPred);
    return tf.mean(tf.square(tf.sub(target, output)), -1);
  });
}

/** mean(abs(yTrue - yPred), -1). */
export function meanAbsoluteError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = prepare('mean_absolute_error', yTrue, yPred);
    return tf.mean(tf.abs(tf.sub(target, output)), -1);
  });
}

/** 100 * mean(abs((yTrue - yPred) / max(abs(yTrue), eps)), -1): Keras guards the division with epsilon. */
export function meanAbsolutePercentageError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = prepare('mean_absolute_percentage_error', yTrue, yPred);
    const ratio = tf.abs(tf.div(tf.sub(target, output), tf.maximum(tf.abs(target), EPSILON)));
    return tf.mul(100, tf.mean(ratio, -1));
  });
}

/** mean(square(log(max(yPred, eps) + 1) - log(max(yTrue, eps) + 1)), -1). */
export function meanSquaredLogarithmicError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = prepare('mean_squared_logarithmic_error', yTrue, yPred);
    const predLog = tf.log(tf.add(tf.maximum(output, EPSILON), 1));
    const trueLog = tf.log(tf.add(tf.maximum(target, EPSILON), 1));
    return tf.mean(tf.square(tf.sub(predLog, trueLog)), -1);
  });
}

/** Keras's `ops.normalize` with order 2: x * min(rsqrt(sum(x^2)), 1/eps), so a zero vector stays zero. */
function l2Normalize(x: tf.Tensor, axis: number): tf.Tensor {
  const inverseNorm = tf.minimum(tf.rsqrt(tf.sum(tf.square(x), axis, true)), 1 / EPSILON);
  return tf.mul(x, inverseNorm);
}

/** -sum(l2Normalize(yTrue) * l2Normalize(yPred), axis): -1 for identical directions. */
export function cosineSimilarity(yTrue: tf.Tensor, yPred: tf.Tensor, { axis = -1 }: { axis?: number } = {}): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = prepare('cosine_similarity', yTrue, yPred);
    return tf.neg(tf.sum(tf.mul(l2Normalize(target, axis), l2Normalize(output, axis)), axis));
  });
}

/**
 * Huber loss, mean over the last axis. Keras writes it with `where(|e| <= delta, ...)`;
 * we use the equal form 0.5 * m^2 + delta * (|e| - m) with m = min(|e|, delta),
 * because a comparison inside `tf.grads` has no gradient in tfjs.
 */
export function huber(yTrue: tf.Tensor, yPred: tf.Tensor, { delta = 1 }: { delta?: number } = {}): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = prepare('huber_loss', yTrue, yPred);
    const absoluteError = tf.abs(tf.sub(output, target));
    const quadratic = tf.minimum(absoluteError, delta);
    const linear = tf.sub(absoluteError, quadratic);
    return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(delta, linear)), -1);
  });
}

/** log(cosh(yPred - yTrue)) averaged over the last axis, in Keras's overflow-free form x + softplus(-2x) - log 2. */
export function logCosh(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = prepare('log_cosh', yTrue, yPred);
    const error = tf.sub(output, target);
    return tf.mean(tf.sub(tf.add(error, tf.softplus(tf.mul(error, -2))), Math.log(2)), -1);
  });
}

export class MeanSquaredError extends LossFunctionWrapper {
  static override className = 'MeanSquaredError';
  constructor(options: LossOptions = {}) {
    super(meanSquaredError, { ...options, name: options.name ?? 'mean_squared_error' });
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

export class MeanAbsoluteError extends LossFunctionWrapper {
  static override className = 'MeanAbsoluteError';
  constructor(options: LossOptions = {}) {
    super(meanAbsoluteError, { ...options, name: options.name ?? 'mean_absolute_error' });
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

export class MeanAbsolutePercentageError extends LossFunctionWrapper {
  static override className = 'MeanAbsolutePercentageError';
  constructor(options: LossOptions = {}) {
    super(meanAbsolutePercentageError, { ...options, name: options.name ?? 'mean_absolute_percentage_error' });
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

export class MeanSquaredLogarithmicError extends LossFunctionWrapper {
  static override className = 'MeanSquaredLogarithmicError';
  constructor(options: LossOptions = {}) {
    super(meanSquaredLogarithmicError, { ...options, name: options.name ?? 'mean_squared_logarithmic_error' });
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

export class CosineSimilarity extends LossFunctionWrapper {
  static override className = 'CosineSimilarity';
  readonly axis: number;
  constructor(options: LossOptions & {
    /** The axis along which the cosine similarity is computed. Default `-1`. */
    axis?: number;
  } = {}) {
    const axis = options.axis ?? -1;
    super((yTrue, yPred) => cosineSimilarity(yTrue, yPred, { axis }), {
      ...options,
      name: options.name ?? 'cosine_similarity',
    });
    this.axis = axis;
  }
  // Keras's config for this class leaves out `axis` (it returns Loss.get_config).
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

export class Huber extends LossFunctionWrapper {
  static override className = 'Huber';
  readonly delta: number;
  constructor(options: LossOptions & {
    /** Where the loss changes from quadratic to linear. Default `1`. */
    delta?: number;
  } = {}) {
    const delta = options.delta ?? 1;
    super((yTrue, yPred) => huber(yTrue, yPred, { delta }), { ...options, name: options.name ?? 'huber_loss' });
    this.delta = delta;
  }
  // Keras's config for this class leaves out `delta` (it returns Loss.get_config).
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

export class LogCosh extends LossFunctionWrapper {
  static override className = 'LogCosh';
  constructor(options: LossOptions = {}) {
    super(logCosh, { ...options, name: options.name ?? 'log_cosh' });
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}
