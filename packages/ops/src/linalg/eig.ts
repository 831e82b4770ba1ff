import type * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { householderQr } from './decompositions';
import { type Matrix, luDecompose, luSolve, matrix, multiply, readMatrices, writeMatrices, writeVectors } from './matrices';

// Keras's eig returns complex64 (torch.linalg.eig). Strata has no complex dtype, so it returns float32 and
// refuses a matrix with a complex eigenvalue. Eigenvalues come from the shifted QR algorithm, eigenvectors from
// inverse iteration (unit length; their signs, and the eigenvalues' order, are LAPACK's own choice in Keras).

/** The eigenvalues of a general real matrix when all are real (deflation order), or null when some are complex. */
function realEigenvalues(a: Matrix): number[] | null {
  let active = a.rows;
  let m = matrix(active, active, a.data);
  const values: number[] = [];
  let iterations = 0;
  const at = (i: number, j: number) => m.data[i * m.cols + j];
  const shrink = (size: number) => {
    const next = matrix(size, size);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) next.data[i * size + j] = at(i, j);
    m = next;
    active = size;
    iterations = 0;
  };
  while (active > 0) {
    if (active === 1) {
      values.push(at(0, 0));
      break;
    }
    const last = active - 1;
    const scale = Math.abs(at(last, last)) + Math.abs(at(last - 1, last - 1)) || 1;
    if (Math.abs(at(last, last - 1)) <= 1e-13 * scale) {
      values.push(at(last, last));
      shrink(last);
      continue;
    }
    const [p, q, r, s] = [at(last - 1, last - 1), at(last - 1, last), at(last, last - 1), at(last, last)];
    const half = (p + s) / 2;
    const discriminant = half * half - (p * s - q * r);
    if (iterations > 400) {
      if (discriminant < 0) return null;
      const root = Math.sqrt(discriminant);
      values.push(half + root, half - root);
      shrink(active - 2);
      continue;
    }
    // Wilkinson's shift: the trailing block's eigenvalue nearest its corner (the corner itself when complex).
    const shift = discriminant < 0 ? s : Math.abs(half + Math.sqrt(discriminant) - s) < Math.abs(half - Math.sqrt(discriminant) - s) ? half + Math.sqrt(discriminant) : half - Math.sqrt(discriminant);
    const shifted = matrix(active, active, m.data);
    for (let i = 0; i < active; i++) shifted.data[i * active + i] -= shift;
    const { q: qf, r: rf } = householderQr(shifted, false);
    m = multiply(rf, qf);
    for (let i = 0; i < active; i++) m.data[i * active + i] += shift;
    iterations++;
  }
  return values;
}

/** A unit eigenvector for `value` by inverse iteration, orthogonal to `others` (vectors already found for a repeated value). */
function eigenvector(a: Matrix, value: number, others: Float64Array[]): Float64Array {
  const n = a.rows;
  const shifted = matrix(n, n, a.data);
  const nudge = 1e-10 * Math.max(1, Math.abs(value));
  for (let i = 0; i < n; i++) shifted.data[i * n + i] -= value + nudge;
  const factors = luDecompose(shifted);
  for (let i = 0; i < n; i++) if (factors.lu.data[i * n + i] === 0) factors.lu.data[i * n + i] = nudge;
  let v = Float64Array.from({ length: n }, (_, i) => 1 + i / (n + 1) + others.length * (i % 2));
  for (let round = 0; round < 4; round++) {
    for (const other of others) {
      const dot = other.reduce((sum, o, i) => sum + o * v[i], 0);
      v = v.map((x, i) => x - dot * other[i]);
    }
    v = Float64Array.from(luSolve(factors, matrix(n, 1, v)).data);
    const norm = Math.hypot(...v);
    v = v.map((x) => x / norm);
  }
  return v;
}

/**
 * `ops.eig(x)`: `[eigenvalues, eigenvectors]` (vectors as columns, unit length) of each square matrix, as float32.
 * Keras returns complex64; Strata supports matrices whose eigenvalues are all real and refuses the others.
 */
export const eig = /* @__PURE__ */ defineOp({ name: 'eig', module: 'linalg' }, function eig(x: TensorLike): [tf.Tensor, tf.Tensor] {
  const batch = readMatrices(x, 'eig', { square: true });
  const n = batch.rows;
  const results = batch.matrices.map((a) => {
    const values = realEigenvalues(a);
    if (values === null) {
      throw new TypeError('ops.linalg.eig: the matrix has complex eigenvalues, which Strata cannot return (it has no complex dtype; Keras returns complex64).');
    }
    const vectors = matrix(n, n);
    const found: Array<{ value: number; vector: Float64Array }> = [];
    values.forEach((value, column) => {
      const close = found.filter((f) => Math.abs(f.value - value) <= 1e-6 * Math.max(1, Math.abs(value))).map((f) => f.vector);
      const vector = eigenvector(a, value, close);
      found.push({ value, vector });
      vector.forEach((v, row) => (vectors.data[row * n + column] = v));
    });
    return { values, vectors };
  });
  return [
    writeVectors(
      batch.batchShape,
      n,
      results.map((r) => r.values),
    ),
    writeMatrices(
      batch.batchShape,
      n,
      n,
      results.map((r) => r.vectors),
    ),
  ];
});
