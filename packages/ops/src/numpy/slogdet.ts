// keras.ops.numpy's slogdet: the sign and log-magnitude of determinants, by LU decomposition with partial pivoting
// written in tensor ops (one elimination step per column), for any batch of square matrices.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';

/** `ops.slogdet(x)`: `[sign, logabsdet]` of the determinants of x's last two (square) axes, float32. */
export const slogdet = /* @__PURE__ */ defineOp({ name: 'slogdet', module: 'numpy' }, function slogdet(x: TensorLike): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const input = toTensor(x);
    if (input.dtype !== 'float32') throw new TypeError(`ops.slogdet expects float matrices, as torch does; received a ${input.dtype} tensor.`);
    const a0 = input;
    const n = a0.shape[a0.rank - 1];
    if (a0.rank < 2 || a0.shape[a0.rank - 2] !== n) throw new RangeError(`ops.slogdet expects square matrices; received shape [${a0.shape.join(', ')}].`);
    const batch = a0.shape.slice(0, -2);
    let a = tf.reshape(a0, [-1, n, n]);
    const rows = tf.range(0, n, 1, 'int32');
    let sign = tf.ones([a.shape[0]]);
    let logabs = tf.zeros([a.shape[0]]);
    for (let k = 0; k < n; k++) {
      // Pivot: the row at or below k with the largest magnitude in column k, swapped into row k.
      const column = tf.squeeze(tf.slice(a, [0, k, k], [-1, n - k, 1]), [2]);
      const pivot = tf.add(tf.argMax(tf.abs(column), 1), tf.scalar(k, 'int32'));
      const swapped = tf.notEqual(pivot, k);
      const isPivot = tf.equal(tf.expandDims(rows, 0), tf.expandDims(pivot, 1));
      const isK = tf.equal(rows, k);
      const perm = tf.where(isPivot, tf.fill(isPivot.shape, k, 'int32'), tf.where(tf.broadcastTo(isK, isPivot.shape), tf.expandDims(pivot, 1), tf.broadcastTo(rows, isPivot.shape)));
      a = tf.gather(a, perm, 1, 1);
      sign = tf.where(swapped, tf.neg(sign), sign);
      const head = tf.slice(a, [0, k, k], [-1, 1, 1]);
      const diagonal = tf.reshape(head, [-1]);
      sign = tf.mul(sign, tf.sign(diagonal));
      logabs = tf.add(logabs, tf.log(tf.abs(diagonal)));
      // Eliminate below the pivot (a zero pivot leaves the rest as it is: the determinant is already 0).
      const safe = tf.where(tf.equal(head, 0), tf.onesLike(head), head);
      const factors = tf.div(tf.slice(a, [0, k + 1, k], [-1, n - k - 1, 1]), safe);
      const update = tf.mul(factors, tf.slice(a, [0, k, 0], [-1, 1, n]));
      const below = tf.sub(tf.slice(a, [0, k + 1, 0], [-1, n - k - 1, n]), update);
      a = tf.concat([tf.slice(a, [0, 0, 0], [-1, k + 1, n]), below], 1);
    }
    return [tf.reshape(sign, batch), tf.reshape(logabs, batch)];
  });
});
