import * as tf from '@tensorflow/tfjs-core';
import { type TensorLike, toTensor } from '../core/tensor-like';

// tfjs has almost no linear algebra kernels, so Strata's linalg ops read the matrices from the device and run
// the classic algorithms in JavaScript in float64 (these are not hot paths), then hand float32 tensors back.
// tfjs's gradients do not flow through values read to JavaScript: det, inv and solve get analytic gradients
// (gradients.ts); the others are not differentiable.

/** A dense row-major matrix in float64. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  return { rows, cols, data: data ? Float64Array.from(data) : new Float64Array(rows * cols) };
}

export function identity(n: number): Matrix {
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function transpose(a: Matrix): Matrix {
  const t = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j];
  return t;
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const c = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      for (let j = 0; j < b.cols; j++) c.data[i * b.cols + j] += aik * b.data[k * b.cols + j];
    }
  }
  return c;
}

/** A tensor of rank >= 2 as its batch of matrices (read from the device), with the batch shape. */
export interface MatrixBatch {
  batchShape: number[];
  rows: number;
  cols: number;
  matrices: Matrix[];
}

/**
 * Reads `x` as a batch of matrices; refuses a rank below 2 and, with `square`, non-square matrices, with Keras's
 * messages; refuses int and bool inputs as torch's linalg does.
 */
export function readMatrices(x: TensorLike, op: string, { square = false } = {}): MatrixBatch {
  const tensor = toTensor(x);
  try {
    if (tensor.rank < 2) throw new RangeError(`ops.linalg.${op}: the input must have rank >= 2; received shape [${tensor.shape}].`);
    const rows = tensor.shape[tensor.rank - 2];
    const cols = tensor.shape[tensor.rank - 1];
    if (square && rows !== cols) throw new RangeError(`ops.linalg.${op}: the input must be square matrices; received shape [${tensor.shape}].`);
    if (tensor.dtype !== 'float32') throw new TypeError(`ops.linalg.${op}: expected a float tensor; received dtype ${tensor.dtype} (torch's linalg refuses it too).`);
    const values = tensor.dataSync();
    const size = rows * cols;
    const count = size === 0 ? tensor.shape.slice(0, -2).reduce((a, b) => a * b, 1) : values.length / size;
    const matrices = Array.from({ length: count }, (_, i) => matrix(rows, cols, values.subarray(i * size, (i + 1) * size)));
    return { batchShape: tensor.shape.slice(0, -2), rows, cols, matrices };
  } finally {
    if (tensor !== x) tensor.dispose();
  }
}

/** A batch of equally sized matrices as one float32 tensor of shape `[...batchShape, rows, cols]`. */
export function writeMatrices(batchShape: number[], rows: number, cols: number, matrices: Matrix[], dtype: 'float32' | 'int32' = 'float32'): tf.Tensor {
  const out = dtype === 'float32' ? new Float32Array(matrices.length * rows * cols) : new Int32Array(matrices.length * rows * cols);
  matrices.forEach((m, i) => out.set(m.data, i * rows * cols));
  return tf.tensor(out, [...batchShape, rows, cols], dtype);
}

/** A batch of vectors (or scalars, with `length` null) as one tensor. */
export function writeVectors(batchShape: number[], length: number | null, vectors: ArrayLike<number>[], dtype: 'float32' | 'int32' = 'float32'): tf.Tensor {
  const size = length ?? 1;
  const out = dtype === 'float32' ? new Float32Array(vectors.length * size) : new Int32Array(vectors.length * size);
  vectors.forEach((v, i) => out.set(Array.from(v), i * size));
  return tf.tensor(out, length === null ? batchShape : [...batchShape, length], dtype);
}

/** LU factorization with partial pivoting (LAPACK's getrf): L and U packed in one matrix, the rows swapped at each step. */
export interface LU {
  lu: Matrix;
  /** pivots[k] = the row swapped with row k at step k (0-based). */
  pivots: number[];
  /** +1 or -1: the parity of the row swaps. */
  sign: number;
  /** True when a pivot is exactly zero: the matrix is singular. */
  singular: boolean;
}

export function luDecompose(a: Matrix): LU {
  const { rows: m, cols: n } = a;
  const lu = matrix(m, n, a.data);
  const d = lu.data;
  const pivots: number[] = [];
  let sign = 1;
  let singular = false;
  for (let k = 0; k < Math.min(m, n); k++) {
    let pivot = k;
    for (let i = k + 1; i < m; i++) if (Math.abs(d[i * n + k]) > Math.abs(d[pivot * n + k])) pivot = i;
    pivots.push(pivot);
    if (pivot !== k) {
      sign = -sign;
      for (let j = 0; j < n; j++) {
        const t = d[k * n + j];
        d[k * n + j] = d[pivot * n + j];
        d[pivot * n + j] = t;
      }
    }
    const diagonal = d[k * n + k];
    if (diagonal === 0) {
      singular = true;
      continue;
    }
    for (let i = k + 1; i < m; i++) {
      const factor = (d[i * n + k] /= diagonal);
      if (factor === 0) continue;
      for (let j = k + 1; j < n; j++) d[i * n + j] -= factor * d[k * n + j];
    }
  }
  return { lu, pivots, sign, singular };
}

/** Solves A X = B from A's LU factors (A square and not singular). */
export function luSolve({ lu, pivots }: LU, b: Matrix): Matrix {
  const n = lu.rows;
  const x = matrix(b.rows, b.cols, b.data);
  const k = b.cols;
  pivots.forEach((p, i) => {
    if (p === i) return;
    for (let j = 0; j < k; j++) {
      const t = x.data[i * k + j];
      x.data[i * k + j] = x.data[p * k + j];
      x.data[p * k + j] = t;
    }
  });
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) {
      let s = x.data[i * k + j];
      for (let c = 0; c < i; c++) s -= lu.data[i * n + c] * x.data[c * k + j];
      x.data[i * k + j] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x.data[i * k + j];
      for (let c = i + 1; c < n; c++) s -= lu.data[i * n + c] * x.data[c * k + j];
      x.data[i * k + j] = s / lu.data[i * n + i];
    }
  }
  return x;
}

/** Solves A X = B for triangular A, reading only A's lower (or upper) triangle. */
export function triangularSolve(a: Matrix, b: Matrix, lower: boolean): Matrix {
  const n = a.rows;
  const k = b.cols;
  const x = matrix(b.rows, k, b.data);
  for (let j = 0; j < k; j++) {
    for (let step = 0; step < n; step++) {
      const i = lower ? step : n - 1 - step;
      let s = x.data[i * k + j];
      if (lower) for (let c = 0; c < i; c++) s -= a.data[i * n + c] * x.data[c * k + j];
      else for (let c = i + 1; c < n; c++) s -= a.data[i * n + c] * x.data[c * k + j];
      x.data[i * k + j] = s / a.data[i * n + i];
    }
  }
  return x;
}

/** The lower Cholesky factor L of a symmetric positive-definite A (A = L Lᵀ), reading A's lower triangle; null when A is not positive-definite. */
export function choleskyLower(a: Matrix): Matrix | null {
  const n = a.rows;
  const l = matrix(n, n);
  for (let j = 0; j < n; j++) {
    let diagonal = a.data[j * n + j];
    for (let c = 0; c < j; c++) diagonal -= l.data[j * n + c] ** 2;
    if (!(diagonal > 0)) return null;
    const root = Math.sqrt(diagonal);
    l.data[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = a.data[i * n + j];
      for (let c = 0; c < j; c++) s -= l.data[i * n + c] * l.data[j * n + c];
      l.data[i * n + j] = s / root;
    }
  }
  return l;
}

/**
 * Reads the right-hand side `b` of a linear system: a batch of matrices or, when `isVector(rank)` says so, of
 * vectors read as one-column matrices.
 */
export function readRightHandSide(b: TensorLike, op: string, isVector: (rank: number) => boolean): { batch: MatrixBatch; vector: boolean; shape: number[] } {
  const tensor = toTensor(b);
  const vector = isVector(tensor.rank);
  const columns = vector ? tf.expandDims(tensor, -1) : tensor;
  try {
    return { batch: readMatrices(columns, op), vector, shape: tensor.shape };
  } finally {
    if (columns !== tensor) columns.dispose();
    if (tensor !== b) tensor.dispose();
  }
}
