// keras.ops.numpy's slogdet: the sign and log-magnitude of determinants, by LU decomposition with partial pivoting
// written in tensor ops (one elimination step per column), for any batch of square matrices. Its gradient,
// inverse(x) transposed, comes from Gauss-Jordan elimination with the same pivoting.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';

/** Swaps row k of each matrix of a ([B, n, m]) with the row at or below k of largest magnitude in column k. */
function pivotRows(a: tf.Tensor, k: number): { a: tf.Tensor; swapped: tf.Tensor } {
  const n = a.shape[a.rank - 2];
  const column = tf.squeeze(tf.slice(a, [0, k, k], [-1, n - k, 1]), [2]);
  const pivot = tf.add(tf.argMax(tf.abs(column), 1), tf.scalar(k, 'int32'));
  const rows = tf.range(0, n, 1, 'int32');
  const isPivot = tf.equal(tf.expandDims(rows, 0), tf.expandDims(pivot, 1));
  const isK = tf.broadcastTo(tf.equal(rows, k), isPivot.shape);
  const perm = tf.where(isPivot, tf.fill(isPivot.shape, k, 'int32'), tf.where(isK, tf.expandDims(pivot, 1), tf.broadcastTo(rows, isPivot.shape)));
  // Row i of each matrix b becomes row perm[b, i]: one gather over the stacked rows (wasm's batched gather is unreliable).
  const offsets = tf.reshape(tf.mul(tf.range(0, a.shape[0], 1, 'int32'), tf.scalar(n, 'int32')), [-1, 1]);
  const stacked = tf.reshape(a, [-1, a.shape[a.rank - 1]]);
  const swappedRows = tf.reshape(tf.gather(stacked, tf.reshape(tf.add(perm, offsets), [-1])), a.shape);
  return { a: swappedRows, swapped: tf.notEqual(pivot, k) };
}

/** The inverses of a batch of matrices ([B, n, n]) by Gauss-Jordan elimination with partial pivoting. */
function inverse(a: tf.Tensor): tf.Tensor {
  const batch = a.shape[0];
  const n = a.shape[a.rank - 1];
  let m = tf.concat([a, tf.broadcastTo(tf.eye(n), [batch, n, n])], 2);
  for (let k = 0; k < n; k++) {
    m = pivotRows(m, k).a;
    const row = tf.div(tf.slice(m, [0, k, 0], [-1, 1, 2 * n]), tf.slice(m, [0, k, k], [-1, 1, 1]));
    const others = tf.tensor3d(Array.from({ length: n }, (_, i) => (i === k ? 0 : 1)), [1, n, 1]);
    const factors = tf.mul(tf.slice(m, [0, 0, k], [-1, n, 1]), others);
    m = tf.sub(m, tf.mul(factors, row));
    m = tf.concat([tf.slice(m, [0, 0, 0], [-1, k, 2 * n]), row, tf.slice(m, [0, k + 1, 0], [-1, n - k - 1, 2 * n])], 1);
  }
  return tf.slice(m, [0, 0, n], [-1, n, n]);
}

function decompose(a0: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const n = a0.shape[a0.rank - 1];
  let a = a0;
  let sign = tf.ones([a.shape[0]]);
  let logabs = tf.zeros([a.shape[0]]);
  for (let k = 0; k < n; k++) {
    const pivoted = pivotRows(a, k);
    a = pivoted.a;
    sign = tf.where(pivoted.swapped, tf.neg(sign), sign);
    const head = tf.slice(a, [0, k, k], [-1, 1, 1]);
    const diagonal = tf.reshape(head, [-1]);
    sign = tf.mul(sign, tf.sign(diagonal));
    logabs = tf.add(logabs, tf.log(tf.abs(diagonal)));
    // Eliminate below the pivot (a zero pivot leaves the rest as it is: the determinant is already 0).
    const safe = tf.where(tf.equal(head, 0), tf.onesLike(head), head);
    const factors = tf.div(tf.slice(a, [0, k + 1, k], [-1, n - k - 1, 1]), safe);
    const below = tf.sub(tf.slice(a, [0, k + 1, 0], [-1, n - k - 1, n]), tf.mul(factors, tf.slice(a, [0, k, 0], [-1, 1, n])));
    a = tf.concat([tf.slice(a, [0, 0, 0], [-1, k + 1, n]), below], 1);
  }
  return [sign, logabs];
}

/** `[sign, logabsdet]` stacked in one tensor ([2, B]): tfjs's customGrad takes one output. */
const logDeterminant = (a: tf.Tensor): tf.Tensor =>
  tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([input]);
    return {
      value: tf.stack(decompose(input)),
      // d log|det A| / dA = inverse(A) transposed; the sign is piecewise constant.
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const upstream = tf.reshape(tf.slice(dy, [1, 0], [1, -1]), [-1, 1, 1]);
        return tf.mul(tf.transpose(inverse(saved[0]), [0, 2, 1]), upstream);
      },
    };
  })(a);

/** `ops.slogdet(x)`: `[sign, logabsdet]` of the determinants of x's last two (square) axes, float32; differentiable. */
export const slogdet = /* @__PURE__ */ defineOp({ name: 'slogdet', module: 'numpy' }, function slogdet(x: TensorLike): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const input = toTensor(x);
    if (input.dtype !== 'float32') throw new TypeError(`ops.slogdet expects float matrices, as torch does; received a ${input.dtype} tensor.`);
    const n = input.shape[input.rank - 1];
    if (input.rank < 2 || input.shape[input.rank - 2] !== n) throw new RangeError(`ops.slogdet expects square matrices; received shape [${input.shape.join(', ')}].`);
    const batch = input.shape.slice(0, -2);
    const [sign, logabs] = tf.unstack(logDeterminant(tf.reshape(input, [-1, n, n])));
    return [tf.reshape(sign, batch), tf.reshape(logabs, batch)];
  });
});
