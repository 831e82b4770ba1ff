// Keras's normalized exponentials over an axis: softmax, log_softmax and sparsemax.
import * as tf from '@tensorflow/tfjs-core';
import { type Axis, normalizeAxes, normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { topkSafe } from '../math/math-utils';
import { floatInput } from './nn-utils';

export interface SoftmaxOptions {
  /** The axis, or several axes taken jointly, to normalize over; null means all axes. Default -1. */
  axis?: Axis;
}

function logSoftmaxOf(tensor: tf.Tensor, axis: Axis | undefined): tf.Tensor {
  // Keras's tuple axis normalizes over the axes jointly: the same as one reduction over all of them.
  const axes = normalizeAxes(axis === undefined ? -1 : axis, tensor.rank);
  const shifted = tf.sub(tensor, tf.max(tensor, axes, true));
  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), axes, true)));
}

/** `ops.softmax(x, {axis})`: exp(x) / sum(exp(x)) over `axis` (one axis, several taken jointly, or all for null). */
export const softmax = /* @__PURE__ */ defineOp({ name: 'softmax', module: 'nn' }, function softmax(x: TensorLike, options: SoftmaxOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    if (tensor.rank === 0) return tf.onesLike(tensor);
    return tf.exp(logSoftmaxOf(tensor, options.axis));
  });
});

/** `ops.log_softmax(x, {axis})`: x - logsumexp(x) over `axis`. */
export const logSoftmax = /* @__PURE__ */ defineOp({ name: 'log_softmax', module: 'nn' }, function logSoftmax(x: TensorLike, options: SoftmaxOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    if (tensor.rank === 0) return tf.zerosLike(tensor);
    return logSoftmaxOf(tensor, options.axis);
  });
});

export interface SparsemaxOptions {
  /** The axis to normalize over. Default -1. */
  axis?: number;
}

/**
 * `ops.sparsemax(x, {axis})`: the Euclidean projection of x onto the simplex along `axis`, as Keras computes it.
 * Keras (every backend alike) takes the threshold as (sum of the support's running sums - 1) / k rather than
 * (the k-th running sum - 1) / k, which differs from Martins & Astudillo once the support holds two or more
 * entries; Strata keeps Keras's formula so that results match.
 */
export const sparsemax = /* @__PURE__ */ defineOp({ name: 'sparsemax', module: 'nn' }, function sparsemax(x: TensorLike, options: SparsemaxOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    const axis = normalizeAxis(options.axis ?? -1, tensor.rank);
    const last = tensor.rank - 1;
    const permutation = Array.from({ length: tensor.rank }, (_, i) => i);
    permutation[axis] = last;
    permutation[last] = axis;
    const moved = axis === last ? tensor : tf.transpose(tensor, permutation);
    const size = moved.shape[last];
    const sorted = topkSafe(moved, size).values;
    const cumulative = tf.cumsum(sorted, last);
    const ranks = tf.range(1, size + 1, 1, 'float32');
    const support = tf.greater(tf.sub(sorted, tf.div(tf.sub(cumulative, 1), ranks)), 0);
    const k = tf.sum(tf.cast(support, 'float32'), last, true);
    const supportSums = tf.sum(tf.where(support, cumulative, tf.zerosLike(cumulative)), last, true);
    const tau = tf.div(tf.sub(supportSums, 1), k);
    const result = tf.relu(tf.sub(moved, tau));
    return axis === last ? result : tf.transpose(result, permutation);
  });
});
