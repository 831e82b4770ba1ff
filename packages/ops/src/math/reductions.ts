// Keras's math reductions (keras.ops.math): logsumexp, logdet and cdist.
import * as tf from '@tensorflow/tfjs-core';
import { type Axis, normalizeAxes } from '../core/axis';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { floatInput } from './math-utils';

export interface LogsumexpOptions {
  /** The axis or axes reduced; null (the default) reduces all. */
  axis?: Axis;
  /** Keep the reduced axes with size 1. Default false. */
  keepdims?: boolean;
}

/** `ops.logsumexp(x, {axis, keepdims})`: log(sum(exp(x))) computed stably; +inf and all -inf pass through. */
export const logsumexp = /* @__PURE__ */ defineOp({ name: 'logsumexp', module: 'math' }, function logsumexp(x: TensorLike, options: LogsumexpOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    const axes = normalizeAxes(options.axis, tensor.rank);
    const top = tf.max(tensor, axes, true);
    const shift = tf.where(tf.isFinite(top), top, tf.zerosLike(top));
    const result = tf.add(tf.log(tf.sum(tf.exp(tf.sub(tensor, shift)), axes, true)), shift);
    return options.keepdims ? result : tf.squeeze(result, axes);
  });
});

/**
 * `ops.logdet(x)`: log(det(x)) of each square matrix in the last two axes: NaN for a negative determinant and -inf
 * for a singular matrix, as torch.logdet. Computed by LU factorization with partial pivoting, in tensor ops.
 */
export const logdet = /* @__PURE__ */ defineOp({ name: 'logdet', module: 'math' }, function logdet(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    const n = tensor.shape[tensor.rank - 1];
    if (tensor.rank < 2 || tensor.shape[tensor.rank - 2] !== n) {
      throw new RangeError(`logdet: x must hold square matrices in its last two axes; received shape [${tensor.shape}].`);
    }
    const batchShape = tensor.shape.slice(0, -2);
    const batch = batchShape.reduce((a, b) => a * b, 1);
    let a: tf.Tensor = tf.reshape(tensor, [batch, n, n]);
    let sign: tf.Tensor = tf.ones([batch]);
    const rows = tf.range(0, n, 1, 'int32');
    for (let k = 0; k < n; k++) {
      const previous = a;
      const previousSign = sign;
      [a, sign] = tf.tidy(() => {
        const column = tf.reshape(tf.slice(previous, [0, 0, k], [batch, n, 1]), [batch, n]);
        const candidates = tf.where(tf.broadcastTo(tf.less(rows, k), [batch, n]), tf.fill([batch, n], -1), tf.abs(column));
        const pivot = tf.cast(tf.argMax(candidates, 1), 'int32');
        const pivotColumn = tf.reshape(pivot, [batch, 1]);
        const isK = tf.equal(rows, k);
        const order = tf.where(isK, tf.broadcastTo(pivotColumn, [batch, n]), tf.where(tf.equal(rows, pivotColumn), tf.fill([batch, n], k, 'int32'), tf.broadcastTo(rows, [batch, n])));
        const swapped = tf.gather(previous, order, 1, 1);
        const nextSign = tf.where(tf.equal(pivot, k), previousSign, tf.neg(previousSign));
        const pivotRow = tf.slice(swapped, [0, k, 0], [batch, 1, n]);
        const pivotValue = tf.slice(pivotRow, [0, 0, k], [batch, 1, 1]);
        const safePivot = tf.where(tf.equal(pivotValue, 0), tf.onesLike(pivotValue), pivotValue);
        const below = tf.reshape(tf.cast(tf.greater(rows, k), 'float32'), [1, n, 1]);
        const factors = tf.mul(tf.div(tf.slice(swapped, [0, 0, k], [batch, n, 1]), safePivot), below);
        return [tf.sub(swapped, tf.mul(factors, pivotRow)), nextSign];
      });
      previous.dispose();
      previousSign.dispose();
    }
    const diagonal = tf.sum(tf.mul(a, tf.reshape(tf.eye(n), [1, n, n])), 2);
    const totalSign = tf.mul(sign, tf.prod(tf.sign(diagonal), 1));
    const logAbs = tf.sum(tf.log(tf.abs(diagonal)), 1);
    const result = tf.where(tf.less(totalSign, 0), tf.fill([batch], Number.NaN), logAbs);
    return tf.reshape(result, batchShape);
  });
});

/** `ops.cdist(x, y)`: Euclidean distances between the rows of x (..., P, M) and y (..., R, M), shape (..., P, R). */
export const cdist = /* @__PURE__ */ defineOp({ name: 'cdist', module: 'math' }, function cdist(x: TensorLike, y: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const a = floatInput(x);
    const b = floatInput(y);
    if (a.rank < 2 || b.rank < 2) throw new RangeError(`cdist: inputs must have rank >= 2; received shapes [${a.shape}] and [${b.shape}].`);
    if (a.shape[a.rank - 1] !== b.shape[b.rank - 1]) {
      throw new RangeError(`cdist: the last dimension of the inputs must match; received shapes [${a.shape}] and [${b.shape}].`);
    }
    const difference = tf.sub(tf.expandDims(a, -2), tf.expandDims(b, -3));
    return tf.sqrt(tf.sum(tf.square(difference), -1));
  });
});
