import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { transposeMatrices, withGradient } from './gradients';
import { choleskyLower, identity, luDecompose, luSolve, readMatrices, transpose, triangularSolve, writeMatrices, writeVectors } from './matrices';

// Matrices are read from the device (see matrices.ts): these ops compute in float64 JavaScript.

export interface CholeskyOptions {
  /** Return the upper factor U (A = Uᵀ U) instead of the lower L (A = L Lᵀ). Default false. */
  upper?: boolean;
}

/** `ops.cholesky(x, { upper })`: the Cholesky factor of each symmetric positive-definite matrix (its lower triangle is read). */
export const cholesky = /* @__PURE__ */ defineOp({ name: 'cholesky', module: 'linalg' }, function cholesky(x: TensorLike, options: CholeskyOptions = {}): tf.Tensor {
  const batch = readMatrices(x, 'cholesky', { square: true });
  const factors = batch.matrices.map((a) => {
    const lower = choleskyLower(a);
    if (lower === null) throw new RangeError('ops.linalg.cholesky: the input is not positive-definite (a leading minor is not positive).');
    return options.upper ? transpose(lower) : lower;
  });
  return writeMatrices(batch.batchShape, batch.rows, batch.cols, factors);
});

/** `ops.choleskyInverse(x, { upper })`: the inverse of A from its Cholesky factor `x` (A = L Lᵀ, or Uᵀ U with upper). */
export const choleskyInverse = /* @__PURE__ */ defineOp({ name: 'cholesky_inverse', module: 'linalg' }, function choleskyInverse(
  x: TensorLike,
  options: CholeskyOptions = {},
): tf.Tensor {
  const batch = readMatrices(x, 'choleskyInverse', { square: true });
  const inverses = batch.matrices.map((factor) => {
    const lower = options.upper ? transpose(factor) : factor;
    const n = lower.rows;
    // A⁻¹ = L⁻ᵀ L⁻¹: solve L Y = I, then Lᵀ X = Y.
    const y = triangularSolve(lower, identity(n), true);
    return triangularSolve(transpose(lower), y, false);
  });
  return writeMatrices(batch.batchShape, batch.rows, batch.cols, inverses);
});

function determinants(x: tf.Tensor): tf.Tensor {
  const batch = readMatrices(x, 'det', { square: true });
  const values = batch.matrices.map((a) => {
    const { lu, sign } = luDecompose(a);
    let product = sign;
    for (let i = 0; i < a.rows; i++) product *= lu.data[i * a.rows + i];
    return [product];
  });
  return writeVectors(batch.batchShape, null, values);
}

function inverses(x: tf.Tensor): tf.Tensor {
  const batch = readMatrices(x, 'inv', { square: true });
  const result = batch.matrices.map((a) => {
    const factors = luDecompose(a);
    if (factors.singular) throw new RangeError('ops.linalg.inv: the matrix is singular (a pivot of its LU factorization is zero).');
    return luSolve(factors, identity(a.rows));
  });
  return writeMatrices(batch.batchShape, batch.rows, batch.cols, result);
}

/** Calls `body` with `x` as a tensor, disposing the tensor afterwards when it was made here. */
function withTensor<T>(x: TensorLike, body: (tensor: tf.Tensor) => T): T {
  const tensor = toTensor(x);
  try {
    return body(tensor);
  } finally {
    if (tensor !== x) tensor.dispose();
  }
}

/** `ops.det(x)`: the determinant of each square matrix, by LU with partial pivoting; differentiable (d det = det · A⁻ᵀ). */
export const det = /* @__PURE__ */ defineOp({ name: 'det', module: 'linalg' }, function det(x: TensorLike): tf.Tensor {
  return withTensor(x, (a) =>
    withGradient(
      [a],
      () => determinants(a),
      (dy, y) => [tf.tidy(() => tf.mul(tf.reshape(tf.mul(dy, y), [...y.shape, 1, 1]), transposeMatrices(inverses(a))))],
    ),
  );
});

/** `ops.inv(x)`: the inverse of each square matrix; a singular matrix is refused, as torch refuses it. Differentiable. */
export const inv = /* @__PURE__ */ defineOp({ name: 'inv', module: 'linalg' }, function inv(x: TensorLike): tf.Tensor {
  return withTensor(x, (a) =>
    withGradient(
      [a],
      () => inverses(a),
      // d(A⁻¹) = -A⁻¹ dA A⁻¹, so dL/dA = -A⁻ᵀ (dL/dY) A⁻ᵀ.
      (dy, y) => [tf.tidy(() => tf.neg(tf.matMul(tf.matMul(transposeMatrices(y), dy), transposeMatrices(y))))],
    ),
  );
});

/**
 * `ops.luFactor(x)`: `[lu, pivots]`, LAPACK's packed LU factorization with partial pivoting (L's unit diagonal
 * implied) and the 0-based row swapped with row i at step i (int32), as Keras returns them.
 */
export const luFactor = /* @__PURE__ */ defineOp({ name: 'lu_factor', module: 'linalg' }, function luFactor(x: TensorLike): [tf.Tensor, tf.Tensor] {
  const batch = readMatrices(x, 'luFactor');
  const factors = batch.matrices.map(luDecompose);
  const k = Math.min(batch.rows, batch.cols);
  return [
    writeMatrices(
      batch.batchShape,
      batch.rows,
      batch.cols,
      factors.map((f) => f.lu),
    ),
    writeVectors(
      batch.batchShape,
      k,
      factors.map((f) => f.pivots),
      'int32',
    ),
  ];
});
