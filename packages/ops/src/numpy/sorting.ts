// keras.ops.numpy's sorting and searching ops: sort, argsort, argpartition, searchsorted and digitize.
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { castTo, invertPermutation, moveAxisPermutation } from './array-helpers';
import { gatherLast } from './indexing';

/** Stable ascending order along the last axis (tfjs's topk keeps equal keys in index order). */
function orderOf(keys: tf.Tensor): tf.Tensor {
  const n = keys.shape[keys.rank - 1];
  return tf.topk(tf.neg(keys), n, true).indices;
}

/**
 * Indices that sort `x` along its last axis, stably, NaN last as torch and NumPy put it: first by value (NaN
 * counted as +Infinity), then stably by NaN-ness, which composes into one stable order.
 */
export function argsortLast(x: tf.Tensor): tf.Tensor {
  if (x.size === 0) return tf.zeros(x.shape, 'int32');
  const keys = x.dtype === 'float32' ? x : tf.cast(x, 'int32');
  if (keys.dtype !== 'float32') return orderOf(keys);
  const nan = tf.isNaN(keys);
  const byValue = orderOf(tf.where(nan, tf.fill(keys.shape, Number.POSITIVE_INFINITY), keys));
  const nanFlags = gatherLast(tf.cast(nan, 'int32'), byValue);
  return gatherLast(byValue, orderOf(nanFlags));
}

/** Applies `fn` to x with `axis` moved last (x flattened when axis is null), and moves the axis back. */
function alongAxis(x: tf.Tensor, axis: number | null, fn: (last: tf.Tensor) => tf.Tensor): tf.Tensor {
  if (axis === null) return fn(tf.reshape(x, [-1]));
  if (x.rank === 0) throw new RangeError(`axis ${axis} is out of bounds for array of dimension 0.`);
  const perm = moveAxisPermutation(x.rank, normalizeAxis(axis, x.rank), x.rank - 1);
  return tf.transpose(fn(tf.transpose(x, perm)), invertPermutation(perm));
}

export interface SortOptions {
  /** Axis to sort along; null sorts the flattened tensor. Default -1. */
  axis?: number | null;
}

/**
 * Sorted values along the last axis, with a gradient that sends each output's gradient back to the element it came
 * from. A custom gradient keeps the order's computation (topk, which has no gradient) off the tape.
 */
const sortLast = (x: tf.Tensor): tf.Tensor =>
  tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const order = argsortLast(input);
    save([order]);
    return {
      value: gatherLast(input, order),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => gatherLast(dy, argsortLast(saved[0])),
    };
  })(x);

/** `ops.sort(x, {axis})`: values in ascending order along an axis (NaN last); differentiable for float x. */
export const sort = /* @__PURE__ */ defineOp({ name: 'sort', module: 'numpy' }, function sort(x: TensorLike, options: SortOptions = {}): tf.Tensor {
  return tf.tidy(() =>
    alongAxis(toTensor(x), options.axis === undefined ? -1 : options.axis, (last) => (last.dtype === 'float32' && last.size > 0 ? sortLast(last) : gatherLast(last, argsortLast(last)))),
  );
});

/** `ops.argsort(x, {axis})`: int32 indices of a stable ascending sort along an axis. */
export const argsort = /* @__PURE__ */ defineOp({ name: 'argsort', module: 'numpy' }, function argsort(x: TensorLike, options: SortOptions = {}): tf.Tensor {
  return tf.tidy(() => alongAxis(toTensor(x), options.axis === undefined ? -1 : options.axis, argsortLast));
});

/**
 * `ops.argpartition(x, kth, {axis})`: int32 indices that put the kth smallest element at position kth, smaller
 * ones before and larger ones after. Any such order is valid; Strata returns the stable sorted one. As Keras's
 * torch backend, x is first converted to int32, so float values are compared truncated.
 */
export const argpartition = /* @__PURE__ */ defineOp({ name: 'argpartition', module: 'numpy' }, function argpartition(x: TensorLike, kth: number, options: SortOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x, 'int32');
    const axis = options.axis === undefined ? -1 : options.axis;
    const length = axis === null ? tensor.size : tensor.shape[normalizeAxis(axis, tensor.rank)];
    if (!Number.isInteger(kth) || kth < -length || kth >= length) {
      throw new RangeError(`ops.argpartition: kth ${kth} is out of bounds for an axis of length ${length}.`);
    }
    return alongAxis(tensor, axis, argsortLast);
  });
});

export interface SearchsortedOptions {
  /** `"left"` (the default): the first position where the value fits; `"right"`: the last. */
  side?: 'left' | 'right';
}

function search(sequence: tf.Tensor, values: tf.Tensor, side: 'left' | 'right'): tf.Tensor {
  const dtype = resultType(sequence, values);
  const flat = tf.reshape(castTo(values, dtype), [1, values.size]);
  if (values.size === 0) return tf.zeros(values.shape, 'int32');
  const found = tf.searchSorted(tf.reshape(castTo(sequence, dtype), [1, sequence.size]), flat, side);
  return tf.reshape(found, values.shape);
}

/** `ops.searchsorted(sortedSequence, values, {side})`: int32 insertion positions of values in a sorted 1-D tensor. */
export const searchsorted = /* @__PURE__ */ defineOp({ name: 'searchsorted', module: 'numpy' }, function searchsorted(sortedSequence: TensorLike, values: TensorLike, options: SearchsortedOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const sequence = toTensor(sortedSequence);
    if (sequence.rank !== 1) {
      throw new RangeError(`ops.searchsorted supports only 1-D sorted sequences; received shape [${sequence.shape.join(', ')}].`);
    }
    const side = options.side ?? 'left';
    if (side !== 'left' && side !== 'right') throw new RangeError(`ops.searchsorted expects side "left" or "right"; received "${side}".`);
    return search(sequence, toTensor(values), side);
  });
});

/** `ops.digitize(x, bins)`: int32 index of the bin each value falls in, `bins[i-1] <= x < bins[i]` (increasing bins). */
export const digitize = /* @__PURE__ */ defineOp({ name: 'digitize', module: 'numpy' }, function digitize(x: TensorLike, bins: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const edges = toTensor(bins);
    if (edges.rank !== 1) throw new RangeError(`ops.digitize expects 1-D bins; received shape [${edges.shape.join(', ')}].`);
    const values = toTensor(x);
    return search(edges, values.dtype === 'bool' ? tf.cast(values, 'int32') : values, 'right');
  });
});
