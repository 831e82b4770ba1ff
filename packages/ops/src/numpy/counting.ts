// keras.ops.numpy's counting ops: bincount and histogram.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { castTo } from './array-helpers';

export interface BincountOptions {
  /** A weight per element of x, summed instead of counting 1. */
  weights?: TensorLike | null;
  /** The smallest length of the result. Default 0. */
  minlength?: number;
  /** Sparse results are not supported by Strata (nor by Keras's torch backend). */
  sparse?: boolean;
}

/**
 * `ops.bincount(x, {weights, minlength, sparse})`: occurrences of each non-negative integer of x (per row for a
 * 2-D x), as int32, or the sums of the weights in their Keras result dtype. The result's length depends on x's
 * largest value, which is read on the host.
 */
export const bincount = /* @__PURE__ */ defineOp({ name: 'bincount', module: 'numpy' }, function bincount(x: TensorLike, options: BincountOptions = {}): tf.Tensor {
  if (options.sparse) throw new TypeError('ops.bincount cannot return sparse tensors in Strata; received sparse=true.');
  return tf.tidy(() => {
    const values = toTensor(x);
    if (values.dtype === 'float32' || values.rank === 0 || values.rank > 2) {
      throw new TypeError(`ops.bincount expects a 1-D or 2-D integer tensor; received a ${values.dtype} tensor of shape [${values.shape.join(', ')}].`);
    }
    const data = values.dataSync() as ArrayLike<number>;
    let largest = -1;
    for (let i = 0; i < data.length; i++) {
      if (data[i] < 0) throw new RangeError(`ops.bincount expects non-negative values; received ${data[i]}.`);
      largest = Math.max(largest, data[i]);
    }
    const length = Math.max(largest + 1, options.minlength ?? 0);
    const hasWeights = options.weights !== undefined && options.weights !== null;
    const dtype = hasWeights ? resultType(values, options.weights as TensorLike) : 'int32';
    if (length === 0) return tf.zeros([...values.shape.slice(0, -1), 0], dtype);
    const oneHot = tf.oneHot(tf.cast(values, 'int32'), length);
    if (!hasWeights) return tf.sum(oneHot, values.rank - 1);
    const weights = toTensor(options.weights as TensorLike, dtype === 'bool' ? 'int32' : dtype);
    if (weights.shape.join() !== values.shape.join()) {
      throw new RangeError(`ops.bincount expects weights of x's shape [${values.shape.join(', ')}]; received [${weights.shape.join(', ')}].`);
    }
    return castTo(tf.sum(tf.mul(castTo(oneHot, weights.dtype as 'float32' | 'int32'), tf.expandDims(weights, -1)), values.rank - 1), dtype);
  });
});

export interface HistogramOptions {
  /** Number of equal-width bins. Default 10. */
  bins?: number;
  /** The lower and upper edge; the data's minimum and maximum by default. */
  range?: [number, number] | null;
}

/**
 * `ops.histogram(x, {bins, range})`: `[counts, edges]` of a 1-D tensor, both float32; the last bin includes its
 * upper edge and values outside the range are not counted.
 */
export const histogram = /* @__PURE__ */ defineOp({ name: 'histogram', module: 'numpy' }, function histogram(x: TensorLike, options: HistogramOptions = {}): [tf.Tensor, tf.Tensor] {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 0) throw new TypeError(`ops.histogram expects a non-negative integer number of bins; received ${bins}.`);
  const range = options.range ?? null;
  if (range !== null && (!Array.isArray(range) || range.length !== 2 || range[1] < range[0])) {
    throw new RangeError(`ops.histogram expects range as [low, high] with low <= high; received ${JSON.stringify(range)}.`);
  }
  return tf.tidy(() => {
    const values = toTensor(x, 'float32');
    if (values.rank > 1) throw new RangeError(`ops.histogram expects a 1-D tensor; received shape [${values.shape.join(', ')}].`);
    const flat = tf.reshape(values, [-1]);
    let low = range === null ? tf.min(flat) : tf.scalar(range[0]);
    let high = range === null ? tf.max(flat) : tf.scalar(range[1]);
    // Equal bounds widen by half a unit each way, as NumPy and torch do.
    const same = tf.equal(low, high);
    low = tf.where(same, tf.sub(low, 0.5), low);
    high = tf.where(same, tf.add(high, 0.5), high);
    const width = tf.sub(high, low);
    const edges = tf.add(low, tf.mul(width, tf.div(tf.range(0, bins + 1, 1, 'float32'), bins)));
    const position = tf.floor(tf.mul(tf.div(tf.sub(flat, low), width), bins));
    const inside = tf.logicalAnd(tf.greaterEqual(flat, low), tf.lessEqual(flat, high));
    const bin = tf.cast(tf.minimum(position, bins - 1), 'int32');
    const counts = tf.sum(tf.mul(tf.oneHot(tf.where(inside, bin, tf.fill(bin.shape, -1, 'int32')), bins), 1), 0);
    return [tf.cast(counts, 'float32'), edges];
  });
});
