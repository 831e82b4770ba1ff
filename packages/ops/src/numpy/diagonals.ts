// keras.ops.numpy's diagonal and triangle ops: diag, diagflat, diagonal, trace, tril, triu and vander.
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type OpsDtype, type TensorLike, toTensor } from '../core/tensor-like';
import { castTo, gatherAxis } from './array-helpers';
import { select2 } from './indexing';

/** The offset-th diagonal of the last two axes of x, as a last axis. */
function lastDiagonal(x: tf.Tensor, offset: number): tf.Tensor {
  const [rows, cols] = x.shape.slice(-2);
  const row0 = Math.max(-offset, 0);
  const col0 = Math.max(offset, 0);
  const length = Math.max(0, Math.min(rows - row0, cols - col0));
  const positions = Array.from({ length }, (_, i) => (row0 + i) * cols + col0 + i);
  const flat = tf.reshape(x, [...x.shape.slice(0, -2), rows * cols]);
  return gatherAxis(flat, tf.tensor1d(positions, 'int32'), flat.rank - 1);
}

/** A square matrix with the vector v on its k-th diagonal (a gather from v and one zero, so it has a gradient). */
function diagonalMatrix(v: tf.Tensor, k: number): tf.Tensor {
  const n = v.size + Math.abs(k);
  const positions = Array.from({ length: n * n }, (_, i) => {
    const [row, col] = [Math.floor(i / n), i % n];
    return col - row === k ? Math.min(row, col) : v.size;
  });
  const padded = tf.concat([v, tf.zeros([1], v.dtype)]);
  return tf.reshape(gatherAxis(padded, tf.tensor1d(positions, 'int32'), 0), [n, n]);
}

export interface DiagOptions {
  /** The diagonal: 0 the main one, positive above it, negative below. Default 0. */
  k?: number;
}

/** `ops.diag(x, {k})`: a vector's diagonal matrix, or a matrix's k-th diagonal. */
export const diag = /* @__PURE__ */ defineOp({ name: 'diag', module: 'numpy' }, function diag(x: TensorLike, options: DiagOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (tensor.rank === 1) return diagonalMatrix(tensor, options.k ?? 0);
    if (tensor.rank === 2) return lastDiagonal(tensor, options.k ?? 0);
    throw new RangeError(`ops.diag expects a 1-D or 2-D tensor; received shape [${tensor.shape.join(', ')}].`);
  });
});

/** `ops.diagflat(x, {k})`: the flattened x on the k-th diagonal of a square matrix. */
export const diagflat = /* @__PURE__ */ defineOp({ name: 'diagflat', module: 'numpy' }, function diagflat(x: TensorLike, options: DiagOptions = {}): tf.Tensor {
  return tf.tidy(() => diagonalMatrix(tf.reshape(toTensor(x), [-1]), options.k ?? 0));
});

export interface DiagonalOptions {
  /** The diagonal's offset from the main one (positive: towards higher axis2 positions). Default 0. */
  offset?: number;
  /** The axes of the 2-D planes. Default 0 and 1. */
  axis1?: number;
  axis2?: number;
}

function planes(x: tf.Tensor, options: DiagonalOptions, op: string): tf.Tensor {
  if (x.rank < 2) throw new RangeError(`ops.${op} expects a tensor of at least 2 dimensions; received shape [${x.shape.join(', ')}].`);
  const a = normalizeAxis(options.axis1 ?? 0, x.rank);
  const b = normalizeAxis(options.axis2 ?? 1, x.rank);
  if (a === b) throw new RangeError(`ops.${op} expects two different axes; received axis1=${options.axis1} and axis2=${options.axis2}.`);
  const rest = x.shape.map((_, i) => i).filter((i) => i !== a && i !== b);
  return lastDiagonal(tf.transpose(x, [...rest, a, b]), options.offset ?? 0);
}

/** `ops.diagonal(x, {offset, axis1, axis2})`: the diagonals of the (axis1, axis2) planes, as a last axis. */
export const diagonal = /* @__PURE__ */ defineOp({ name: 'diagonal', module: 'numpy' }, function diagonal(x: TensorLike, options: DiagonalOptions = {}): tf.Tensor {
  return tf.tidy(() => planes(toTensor(x), options, 'diagonal'));
});

/** `ops.trace(x, {offset, axis1, axis2})`: sums of the diagonals; bool sums as int32. */
export const trace = /* @__PURE__ */ defineOp({ name: 'trace', module: 'numpy' }, function trace(x: TensorLike, options: DiagonalOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    return tf.sum(planes(tensor.dtype === 'bool' ? tf.cast(tensor, 'int32') : tensor, options, 'trace'), -1);
  });
});

function triangle(op: string, x: TensorLike, keep: (column: number, row: number) => boolean): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (tensor.rank < 2) throw new RangeError(`ops.${op} expects a tensor of at least 2 dimensions; received shape [${tensor.shape.join(', ')}].`);
    const [rows, cols] = tensor.shape.slice(-2);
    const mask = Array.from({ length: rows * cols }, (_, i) => keep(i % cols, Math.floor(i / cols)));
    const inside = tf.broadcastTo(tf.tensor(mask, [rows, cols], 'bool'), tensor.shape);
    return select2(inside, tensor, tf.zerosLike(tensor));
  });
}

/** `ops.tril(x, {k})`: zeros above the k-th diagonal of the last two axes. */
export const tril = /* @__PURE__ */ defineOp({ name: 'tril', module: 'numpy' }, function tril(x: TensorLike, options: DiagOptions = {}): tf.Tensor {
  const k = options.k ?? 0;
  return triangle('tril', x, (column, row) => column - row <= k);
});

/** `ops.triu(x, {k})`: zeros below the k-th diagonal of the last two axes. */
export const triu = /* @__PURE__ */ defineOp({ name: 'triu', module: 'numpy' }, function triu(x: TensorLike, options: DiagOptions = {}): tf.Tensor {
  const k = options.k ?? 0;
  return triangle('triu', x, (column, row) => column - row >= k);
});

export interface VanderOptions {
  /** Number of columns; the length of x by default. */
  N?: number | null;
  /** Powers increase from left to right. Default false (decreasing, ending with x**0). */
  increasing?: boolean;
}

/** `ops.vander(x, {N, increasing})`: the Vandermonde matrix of a vector, in x's dtype. */
export const vander = /* @__PURE__ */ defineOp({ name: 'vander', module: 'numpy' }, function vander(x: TensorLike, options: VanderOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (tensor.rank !== 1) throw new RangeError(`ops.vander expects a 1-D tensor; received shape [${tensor.shape.join(', ')}].`);
    const columns = options.N ?? tensor.size;
    const powers = Array.from({ length: columns }, (_, i) => (options.increasing ? i : columns - 1 - i));
    if (columns === 0) return tf.zeros([tensor.size, 0], tensor.dtype);
    const base = tensor.dtype === 'bool' ? tf.cast(tensor, 'int32') : tensor;
    const out = tf.pow(tf.expandDims(base, 1), tf.tensor1d(powers, base.dtype === 'float32' ? 'float32' : 'int32'));
    return castTo(out, tensor.dtype as OpsDtype);
  });
});
