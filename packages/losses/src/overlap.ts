import * as tf from '@tensorflow/tfjs-core';
import { EPSILON } from './errors';
import { Loss, type LossOptions } from './loss';
import { squeezeOrExpandToSameRank } from './reduction';

/** Keras's `axis` of the overlap losses: null sums over every axis (one value for the whole batch). */
export type OverlapAxis = number | number[] | null;

export interface TverskyOptions {
  /** Weight of false positives. Default 0.5. */
  alpha?: number;
  /** Weight of false negatives. Default 0.5. */
  beta?: number;
  /** Axes summed over; null (the default) sums over all of them. */
  axis?: OverlapAxis;
}

function sumOver(x: tf.Tensor, axis: OverlapAxis | undefined): tf.Tensor {
  return axis === null || axis === undefined ? tf.sum(x) : tf.sum(x, axis);
}

/** `keras.losses.dice`: 1 − 2·Σ(y·ŷ) / (Σy + Σŷ + ε), summed over `axis`. */
export function dice(yTrue: tf.Tensor, yPred: tf.Tensor, options: { axis?: OverlapAxis } = {}): tf.Tensor {
  return tf.tidy(() => {
    const prediction = tf.cast(yPred, 'float32');
    const target = tf.cast(yTrue, 'float32');
    const intersection = sumOver(tf.mul(target, prediction), options.axis);
    const denominator = tf.add(tf.add(sumOver(target, options.axis), sumOver(prediction, options.axis)), EPSILON);
    return tf.sub(1, tf.div(tf.mul(2, intersection), denominator));
  });
}

/** `keras.losses.tversky`: 1 − TP / (TP + α·FP + β·FN + ε), summed over `axis`. */
export function tversky(yTrue: tf.Tensor, yPred: tf.Tensor, options: TverskyOptions = {}): tf.Tensor {
  const { alpha = 0.5, beta = 0.5, axis } = options;
  return tf.tidy(() => {
    const prediction = tf.cast(yPred, 'float32');
    const target = tf.cast(yTrue, 'float32');
    const truePositives = sumOver(tf.mul(target, prediction), axis);
    const falsePositives = sumOver(tf.mul(tf.sub(1, prediction), target), axis);
    const falseNegatives = sumOver(tf.mul(prediction, tf.sub(1, target)), axis);
    const denominator = tf.add(tf.add(tf.add(truePositives, tf.mul(falsePositives, alpha)), tf.mul(falseNegatives, beta)), EPSILON);
    return tf.sub(1, tf.div(truePositives, denominator));
  });
}

/** Keras's `Dice` loss class (a `LossFunctionWrapper` around `dice`). */
export class Dice extends Loss {
  static override className = 'Dice';
  readonly axis: OverlapAxis;

  constructor(options: {
    /** The axes the overlap is summed over; `null` sums over all axes but the batch axis. Default `null`. */
    axis?: OverlapAxis;
  } & LossOptions = {}) {
    super(options, 'dice');
    this.axis = options.axis ?? null;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.tidy(() => dice(...squeezeOrExpandToSameRank(yTrue, yPred), { axis: this.axis }));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Keras's `Tversky` loss class; with α = β = 0.5 it equals Dice. */
export class Tversky extends Loss {
  static override className = 'Tversky';
  readonly alpha: number;
  readonly beta: number;
  readonly axis: OverlapAxis;

  constructor(options: TverskyOptions & LossOptions = {}) {
    super(options, 'tversky');
    this.alpha = options.alpha ?? 0.5;
    this.beta = options.beta ?? 0.5;
    this.axis = options.axis ?? null;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tversky(...squeezeOrExpandToSameRank(yTrue, yPred), { alpha: this.alpha, beta: this.beta, axis: this.axis }));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha, beta: this.beta, axis: this.axis };
  }
}
