import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { jacobiEigh, jacobiSvd } from './decompositions';
import { type Matrix, matrix, readMatrices, readRightHandSide, writeMatrices, writeVectors } from './matrices';

// The SVD and the symmetric eigendecomposition come from Jacobi rotations (decompositions.ts): singular values
// and eigenvalues are unique, the vectors only up to sign (and within repeated values), as with LAPACK.

/** float32's machine epsilon: torch's default cut-offs are eps × max(m, n) × largest singular value. */
const FLOAT32_EPS = 1.1920928955078125e-7;

export interface SvdOptions {
  /** U and Vᵀ square (m×m and n×n) rather than thin (m×k and k×n). Default true. */
  fullMatrices?: boolean;
  /** Return `[u, s, vh]`; when false return only the singular values. Default true. */
  computeUv?: boolean;
}

/** `ops.svd(x, { fullMatrices, computeUv })`: `[u, s, vh]` with `x = u diag(s) vh`, s descending; or `s` alone. */
export const svd = /* @__PURE__ */ defineOp({ name: 'svd', module: 'linalg' }, function svd(x: TensorLike, options: SvdOptions = {}): tf.Tensor | [tf.Tensor, tf.Tensor, tf.Tensor] {
  const { fullMatrices = true, computeUv = true } = options;
  const batch = readMatrices(x, 'svd');
  const { rows: m, cols: n, batchShape } = batch;
  const k = Math.min(m, n);
  const results = batch.matrices.map((a) => jacobiSvd(a, fullMatrices));
  const s = writeVectors(
    batchShape,
    k,
    results.map((r) => r.s),
  );
  if (!computeUv) return s;
  const uCols = fullMatrices ? m : k;
  const vRows = fullMatrices ? n : k;
  const cut = (a: Matrix, cols: number): Matrix => {
    const out = matrix(a.rows, cols);
    for (let i = 0; i < a.rows; i++) for (let j = 0; j < cols; j++) out.data[i * cols + j] = a.data[i * a.cols + j];
    return out;
  };
  // jacobiSvd gives V as columns (n × n when full, n × k otherwise); Keras returns Vᵀ.
  const vh = results.map((r) => {
    const v = cut(r.v, vRows);
    const t = matrix(vRows, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < vRows; j++) t.data[j * n + i] = v.data[i * vRows + j];
    return t;
  });
  return [
    writeMatrices(
      batchShape,
      m,
      uCols,
      results.map((r) => cut(r.u, uCols)),
    ),
    s,
    writeMatrices(batchShape, vRows, n, vh),
  ];
});

/** `ops.eigh(x)`: `[eigenvalues, eigenvectors]` of each symmetric matrix (lower triangle read), values ascending, vectors as columns. */
export const eigh = /* @__PURE__ */ defineOp({ name: 'eigh', module: 'linalg' }, function eigh(x: TensorLike): [tf.Tensor, tf.Tensor] {
  const batch = readMatrices(x, 'eigh', { square: true });
  const results = batch.matrices.map(jacobiEigh);
  return [
    writeVectors(
      batch.batchShape,
      batch.rows,
      results.map((r) => r.values),
    ),
    writeMatrices(
      batch.batchShape,
      batch.rows,
      batch.cols,
      results.map((r) => r.vectors),
    ),
  ];
});

/** A⁺ = V diag(1/s) Uᵀ over the singular values above `cutoff(sMax)`. */
function pseudoInverse(a: Matrix, cutoff: (largest: number) => number): Matrix {
  const { u, s, v } = jacobiSvd(a);
  const threshold = cutoff(s[0] ?? 0);
  const out = matrix(a.cols, a.rows);
  s.forEach((value, r) => {
    if (!(value > threshold)) return;
    for (let i = 0; i < a.cols; i++) {
      const vi = v.data[i * v.cols + r] / value;
      for (let j = 0; j < a.rows; j++) out.data[i * a.rows + j] += vi * u.data[j * u.cols + r];
    }
  });
  return out;
}

export interface PinvOptions {
  /** Singular values at or below rcond × the largest are dropped. Default: float32 eps × max(m, n), torch's. */
  rcond?: number | null;
}

/** `ops.pinv(x, { rcond })`: the Moore-Penrose pseudo-inverse of each matrix, by SVD. */
export const pinv = /* @__PURE__ */ defineOp({ name: 'pinv', module: 'linalg' }, function pinv(x: TensorLike, options: PinvOptions = {}): tf.Tensor {
  const batch = readMatrices(x, 'pinv');
  const rtol = options.rcond ?? FLOAT32_EPS * Math.max(batch.rows, batch.cols);
  const inverses = batch.matrices.map((a) => pseudoInverse(a, (largest) => rtol * largest));
  return writeMatrices(batch.batchShape, batch.cols, batch.rows, inverses);
});

export interface LstsqOptions {
  /** Singular values below rcond × the largest count as zero. Default: float32 eps × max(m, n). */
  rcond?: number | null;
}

/** `ops.lstsq(a, b, { rcond })`: the least-squares (minimum-norm) solution x of `a x ≈ b`, `b` a vector or a matrix. */
export const lstsq = /* @__PURE__ */ defineOp({ name: 'lstsq', module: 'linalg' }, function lstsq(a: TensorLike, b: TensorLike, options: LstsqOptions = {}): tf.Tensor {
  const left = readMatrices(a, 'lstsq');
  if (left.batchShape.length !== 0) throw new RangeError(`ops.linalg.lstsq: a must be a matrix (rank 2); received batch shape [${left.batchShape}].`);
  const right = readRightHandSide(b, 'lstsq', (rank) => rank === 1);
  if (right.shape.length > 2) throw new RangeError(`ops.linalg.lstsq: b must have rank 1 or 2; received shape [${right.shape}].`);
  if (right.batch.rows !== left.rows) throw new RangeError(`ops.linalg.lstsq: b must have ${left.rows} rows to match a; received ${right.batch.rows}.`);
  const rtol = options.rcond ?? FLOAT32_EPS * Math.max(left.rows, left.cols);
  const plus = pseudoInverse(left.matrices[0], (largest) => rtol * largest);
  const rhs = right.batch.matrices[0];
  const out = matrix(left.cols, rhs.cols);
  for (let i = 0; i < left.cols; i++) {
    for (let k = 0; k < left.rows; k++) {
      const p = plus.data[i * left.rows + k];
      for (let j = 0; j < rhs.cols; j++) out.data[i * rhs.cols + j] += p * rhs.data[k * rhs.cols + j];
    }
  }
  return right.vector ? tf.tensor1d(Float32Array.from(out.data)) : writeMatrices([], left.cols, rhs.cols, [out]);
});

export interface MatrixRankOptions {
  /** Absolute threshold: singular values above it count. Default: float32 eps × max(m, n) × the largest. */
  tol?: number | null;
}

/** `ops.matrixRank(x, { tol })`: the number of singular values above the threshold, int32, per matrix. */
export const matrixRank = /* @__PURE__ */ defineOp({ name: 'matrix_rank', module: 'linalg' }, function matrixRank(x: TensorLike, options: MatrixRankOptions = {}): tf.Tensor {
  const batch = readMatrices(x, 'matrixRank');
  const ranks = batch.matrices.map((a) => {
    const { s } = jacobiSvd(a);
    const threshold = options.tol ?? FLOAT32_EPS * Math.max(batch.rows, batch.cols) * (s[0] ?? 0);
    return [s.filter((value) => value > threshold).length];
  });
  return writeVectors(batch.batchShape, null, ranks, 'int32');
});
