/**
 * Weight constraints with Keras 3's formulas and config keys
 * (`keras/src/constraints/constraints.py`). A layer applies `call(w)` to a
 * weight after each optimizer step. Norms are taken over `axis` (0 by
 * default: each column of a Dense kernel, each filter of a Conv2D kernel when
 * the axis is [0, 1, 2]), and epsilon (Keras's 1e-7) sits in the denominator
 * `epsilon + norm`, exactly where Keras puts it.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Keras's `backend.epsilon()`. */
const EPSILON = 1e-7;

export abstract class Constraint {
  /** Keras's class name, written as `class_name` when serialized. */
  static className = 'Constraint';

  abstract call(w: tf.Tensor): tf.Tensor;

  getConfig(): Record<string, unknown> {
    return {};
  }

  get className(): string {
    return (this.constructor as typeof Constraint).className;
  }
}

type Axis = number | number[];

/** `sqrt(sum(w^2))` over `axis`, kept for broadcasting. */
function norms(w: tf.Tensor, axis: Axis): tf.Tensor {
  return tf.sqrt(tf.sum(tf.square(w), axis, true));
}

export interface MaxNormArgs {
  /** The largest norm allowed; larger weight vectors are scaled down to it. Default `2`. */
  maxValue?: number;
  /** The axis (or axes) along which norms are computed: `0` for a Dense kernel's incoming weights per unit, `[0, 1, 2]` for a Conv2D kernel in channels-last. Default `0`. */
  axis?: Axis;
}

/** Rescales slices whose norm exceeds `maxValue` (default 2) down to it: `w * clip(n, 0, max) / (eps + n)`. */
export class MaxNorm extends Constraint {
  static override className = 'MaxNorm';
  readonly maxValue: number;
  readonly axis: Axis;

  constructor(args: MaxNormArgs = {}) {
    super();
    this.maxValue = args.maxValue ?? 2;
    this.axis = args.axis ?? 0;
  }

  call(w: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const current = norms(w, this.axis);
      const desired = tf.clipByValue(current, 0, this.maxValue);
      return tf.mul(w, tf.div(desired, tf.add(current, EPSILON)));
    });
  }

  override getConfig(): Record<string, unknown> {
    return { max_value: this.maxValue, axis: this.axis };
  }
}

export interface MinMaxNormArgs {
  /** The smallest norm allowed. Default `0`. */
  minValue?: number;
  /** The largest norm allowed. Default `1`. */
  maxValue?: number;
  /** 1 enforces the bounds strictly; a smaller rate moves the norm part of the way. */
  rate?: number;
  /** The axis (or axes) along which norms are computed. Default `0`. */
  axis?: Axis;
}

/**
 * Keeps slice norms within [minValue, maxValue] (default [0, 1]):
 * `w * (rate * clip(n, min, max) + (1 - rate) * n) / (eps + n)`.
 */
export class MinMaxNorm extends Constraint {
  static override className = 'MinMaxNorm';
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: Axis;

  constructor(args: MinMaxNormArgs = {}) {
    super();
    this.minValue = args.minValue ?? 0;
    this.maxValue = args.maxValue ?? 1;
    this.rate = args.rate ?? 1;
    this.axis = args.axis ?? 0;
  }

  call(w: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const current = norms(w, this.axis);
      const clipped = tf.clipByValue(current, this.minValue, this.maxValue);
      const desired = tf.add(tf.mul(clipped, this.rate), tf.mul(current, 1 - this.rate));
      return tf.mul(w, tf.div(desired, tf.add(current, EPSILON)));
    });
  }

  override getConfig(): Record<string, unknown> {
    return { min_value: this.minValue, max_value: this.maxValue, rate: this.rate, axis: this.axis };
  }
}

/** Zeroes negative weights: `maximum(w, 0)` (Keras 3; Keras 2 wrote `w * (w >= 0)`). */
export class NonNeg extends Constraint {
  static override className = 'NonNeg';

  call(w: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.maximum(w, 0));
  }
}

export interface UnitNormArgs {
  /** The axis (or axes) along which each weight vector is scaled to unit norm. Default `0`. */
  axis?: Axis;
}

/** Scales slices to unit norm: `w / (eps + n)`. */
export class UnitNorm extends Constraint {
  static override className = 'UnitNorm';
  readonly axis: Axis;

  constructor(args: UnitNormArgs = {}) {
    super();
    this.axis = args.axis ?? 0;
  }

  call(w: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.div(w, tf.add(norms(w, this.axis), EPSILON)));
  }

  override getConfig(): Record<string, unknown> {
    return { axis: this.axis };
  }
}
