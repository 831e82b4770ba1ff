// Keras's `normalize` (x over its p-norm) and `psnr` (peak signal-to-noise ratio).
import * as tf from '@tensorflow/tfjs-core';
import { type Axis, normalizeAxes } from '../core/axis';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { EPSILON, floatInput } from './nn-utils';

export interface NormalizeOptions {
  /** The axis (a vector norm) or two axes (a matrix norm) normalized over. Default -1. */
  axis?: Axis;
  /** The norm's order, an integer >= 1. Default 2. */
  order?: number;
  /** The smallest norm divided by. Default Keras's epsilon, 1e-7. */
  epsilon?: number | null;
}

/** `ops.normalize(x, {axis, order, epsilon})`: x / max(norm(x), epsilon) over `axis`. */
export const normalize = /* @__PURE__ */ defineOp({ name: 'normalize', module: 'nn' }, function normalize(x: TensorLike, options: NormalizeOptions = {}): tf.Tensor {
  const order = options.order ?? 2;
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`normalize: order must be an integer >= 1; received ${order}.`);
  return tf.tidy(() => {
    let tensor = floatInput(x);
    if (tensor.rank === 0) tensor = tf.reshape(tensor, [1]);
    const epsilon = options.epsilon ?? EPSILON;
    const axisOption = options.axis === undefined ? -1 : options.axis;
    const axes = normalizeAxes(axisOption, tensor.rank);
    if (order === 2) {
      // Keras's L2 case: x * min(rsqrt(sum(x²)), 1 / epsilon).
      const inverse = tf.minimum(tf.rsqrt(tf.sum(tf.square(tensor), axes, true)), 1 / epsilon);
      return tf.mul(tensor, inverse);
    }
    let norm: tf.Tensor;
    if (Array.isArray(axisOption) && axisOption.length === 2) {
      if (order !== 1) throw new RangeError(`normalize: a matrix norm over two axes takes order 1 or 2; received order ${order}.`);
      // The matrix 1-norm: the largest column sum of |x|, columns running along the first axis given.
      const [rows, columns] = axisOption.map((a) => (a < 0 ? a + tensor.rank : a));
      norm = tf.max(tf.sum(tf.abs(tensor), rows, true), columns, true);
    } else if (order === 1) {
      norm = tf.sum(tf.abs(tensor), axes, true);
    } else {
      norm = tf.pow(tf.sum(tf.pow(tf.abs(tensor), order), axes, true), 1 / order);
    }
    return tf.div(tensor, tf.maximum(norm, epsilon));
  });
});

/** `ops.psnr(x1, x2, maxVal)`: 20 log10(maxVal) - 10 log10(mean((x1 - x2)²)), a scalar. */
export const psnr = /* @__PURE__ */ defineOp({ name: 'psnr', module: 'nn' }, function psnr(x1: TensorLike, x2: TensorLike, maxVal: number): tf.Tensor {
  return tf.tidy(() => {
    const a = floatInput(x1);
    const b = floatInput(x2);
    if (a.shape.length !== b.shape.length || a.shape.some((size, i) => size !== b.shape[i])) {
      throw new RangeError(`psnr: x1 and x2 must have the same shape; received [${a.shape}] and [${b.shape}].`);
    }
    const mse = tf.mean(tf.squaredDifference(a, b));
    const log10 = (value: tf.Tensor) => tf.div(tf.log(value), Math.LN10);
    return tf.sub(tf.mul(20, log10(tf.scalar(maxVal))), tf.mul(10, log10(mse)));
  });
});
