import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { jacobiSvd } from './decompositions';
import { readMatrices, writeVectors } from './matrices';

export type NormOrder = number | 'fro' | 'nuc' | null;

export interface NormOptions {
  /** Which norm: null (2-norm of vectors, Frobenius of matrices), 'fro', 'nuc', Infinity, -Infinity, 0, 1, -1, 2, -2 or any p for vectors. */
  ord?: NormOrder;
  /** One axis (vector norms), two (matrix norms), or null: every axis when ord is null, else the input's own rank 1 or 2. */
  axis?: number | [number, number] | null;
  /** Keep the reduced axes with size 1. Default false. */
  keepdims?: boolean;
}

function vectorNorm(x: tf.Tensor, ord: NormOrder, axis: number[], keepdims: boolean): tf.Tensor {
  if (ord === 'fro' || ord === 'nuc') throw new RangeError(`ops.linalg.norm: ord "${ord}" is a matrix norm; it needs two axes.`);
  const magnitude = tf.abs(x);
  if (ord === null || ord === 2) return tf.sqrt(tf.sum(tf.square(x), axis, keepdims));
  if (ord === Number.POSITIVE_INFINITY) return tf.max(magnitude, axis, keepdims);
  if (ord === Number.NEGATIVE_INFINITY) return tf.min(magnitude, axis, keepdims);
  if (ord === 0) return tf.sum(tf.cast(tf.notEqual(x, 0), 'float32'), axis, keepdims);
  if (ord === 1) return tf.sum(magnitude, axis, keepdims);
  return tf.pow(tf.sum(tf.pow(magnitude, ord), axis, keepdims), 1 / ord);
}

/** Singular-value norms (2, -2, nuc) of the matrices spanning `axes`: read from the device, SVD in JavaScript. */
function spectralNorm(x: tf.Tensor, ord: 2 | -2 | 'nuc', [rowAxis, colAxis]: number[], keepdims: boolean): tf.Tensor {
  const others = x.shape.map((_, i) => i).filter((i) => i !== rowAxis && i !== colAxis);
  const moved = tf.transpose(x, [...others, rowAxis, colAxis]);
  const batch = readMatrices(moved, 'norm');
  const values = batch.matrices.map((a) => {
    const { s } = jacobiSvd(a);
    if (ord === 'nuc') return [s.reduce((sum, v) => sum + v, 0)];
    return [ord === 2 ? (s[0] ?? 0) : (s[s.length - 1] ?? 0)];
  });
  const result = writeVectors(batch.batchShape, null, values);
  if (!keepdims) return result;
  const shape = [...x.shape];
  shape[rowAxis] = 1;
  shape[colAxis] = 1;
  return tf.reshape(result, shape);
}

function matrixNorm(x: tf.Tensor, ord: NormOrder, axes: number[], keepdims: boolean): tf.Tensor {
  const [rowAxis, colAxis] = axes;
  if (rowAxis === colAxis) throw new RangeError(`ops.linalg.norm: the two axes must differ; received [${axes}].`);
  if (ord === null || ord === 'fro') return tf.sqrt(tf.sum(tf.square(x), axes, keepdims));
  if (ord === 2 || ord === -2 || ord === 'nuc') return spectralNorm(x, ord, axes, keepdims);
  const magnitude = tf.abs(x);
  // Row sums (inf) or column sums (1), then the max or min over the other axis.
  const sumAxis = ord === Number.POSITIVE_INFINITY || ord === Number.NEGATIVE_INFINITY ? colAxis : rowAxis;
  const overAxis = sumAxis === colAxis ? rowAxis : colAxis;
  if (![1, -1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].includes(ord as number)) {
    throw new RangeError(`ops.linalg.norm: invalid ord ${ord} for a matrix norm; expected null, 'fro', 'nuc', Infinity, -Infinity, 1, -1, 2 or -2.`);
  }
  const sums = tf.sum(magnitude, sumAxis, true);
  const reduced = (ord as number) > 0 ? tf.max(sums, overAxis, true) : tf.min(sums, overAxis, true);
  return keepdims ? reduced : tf.squeeze(reduced, [rowAxis, colAxis]);
}

/**
 * `ops.norm(x, { ord, axis, keepdims })`: a vector or matrix norm, as `torch.linalg.norm` (NumPy's `norm`).
 * int and bool inputs are computed as float32. The 2, -2 and nuclear matrix norms read the matrices from the
 * device for an SVD in JavaScript; the others are tfjs ops (differentiable).
 */
export const norm = /* @__PURE__ */ defineOp({ name: 'norm', module: 'linalg' }, function norm(x: TensorLike, options: NormOptions = {}): tf.Tensor {
  const { ord = null, axis = null, keepdims = false } = options;
  return tf.tidy(() => {
    const tensor = toTensor(x, 'float32');
    if (axis === null) {
      if (ord === null) {
        const all = tensor.shape.map((_, i) => i);
        return tf.sqrt(tf.sum(tf.square(tensor), all, keepdims));
      }
      if (tensor.rank === 1) return vectorNorm(tensor, ord, [0], keepdims);
      if (tensor.rank === 2) return matrixNorm(tensor, ord, [0, 1], keepdims);
      throw new RangeError(`ops.linalg.norm: with ord ${ord} and no axis the input must have rank 1 or 2; received shape [${tensor.shape}].`);
    }
    const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => normalizeAxis(a, tensor.rank));
    if (axes.length === 1) return vectorNorm(tensor, ord, axes, keepdims);
    if (axes.length === 2) return matrixNorm(tensor, ord, axes, keepdims);
    throw new RangeError(`ops.linalg.norm: axis must be one axis or two; received [${axes}].`);
  });
});
