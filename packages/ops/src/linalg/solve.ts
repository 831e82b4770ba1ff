import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { transposeMatrices, withGradient } from './gradients';
import { type Matrix, type MatrixBatch, luDecompose, luSolve, readMatrices, readRightHandSide, triangularSolve } from './matrices';

/**
 * Reads `a` (square matrices) and `b`, a batch of matrices or, with one rank less than `a`, of vectors (solved as
 * one-column matrices); checks they fit as Keras does. Returns how to write the solutions back.
 */
function readSystem(a: TensorLike, b: TensorLike, op: string): { a: MatrixBatch; b: MatrixBatch; vector: boolean; shape: number[] } {
  const left = readMatrices(a, op, { square: true });
  const right = readRightHandSide(b, op, (rank) => rank === left.batchShape.length + 1);
  if (right.batch.rows !== left.rows) throw new RangeError(`ops.linalg.${op}: b must have ${left.rows} rows; received shape [${right.shape}].`);
  if (right.batch.matrices.length !== left.matrices.length) {
    throw new RangeError(`ops.linalg.${op}: a (batch [${left.batchShape}]) and b (shape [${right.shape}]) must have the same batch shape.`);
  }
  return { a: left, b: right.batch, vector: right.vector, shape: right.shape };
}

function write(solutions: Matrix[], shape: number[]): tf.Tensor {
  const out = new Float32Array(solutions.reduce((total, m) => total + m.data.length, 0));
  let offset = 0;
  for (const m of solutions) {
    out.set(m.data, offset);
    offset += m.data.length;
  }
  return tf.tensor(out, shape, 'float32');
}

function solveForward(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const system = readSystem(a, b, 'solve');
  const solutions = system.a.matrices.map((matrix, i) => {
    const factors = luDecompose(matrix);
    if (factors.singular) throw new RangeError('ops.linalg.solve: the matrix a is singular (a pivot of its LU factorization is zero).');
    return luSolve(factors, system.b.matrices[i]);
  });
  return write(solutions, system.shape);
}

/**
 * `ops.solve(a, b)`: x with `a x = b`, for square `a` and `b` a matrix or (one rank lower) a vector; singular `a`
 * is refused. Differentiable: dL/db = a⁻ᵀ dL/dx and dL/da = -(dL/db) xᵀ.
 */
export const solve = /* @__PURE__ */ defineOp({ name: 'solve', module: 'linalg' }, function solve(a: TensorLike, b: TensorLike): tf.Tensor {
  const left = toTensor(a);
  const right = toTensor(b);
  try {
    return withGradient(
      [left, right],
      () => solveForward(left, right),
      (dx, x) =>
        tf.tidy(() => {
          const db = solveForward(transposeMatrices(left), dx);
          const vector = x.rank === left.rank - 1;
          const column = vector ? tf.expandDims(db, -1) : db;
          const row = vector ? tf.expandDims(x, -2) : transposeMatrices(x);
          return [tf.neg(tf.matMul(column, row)), db];
        }),
    );
  } finally {
    if (left !== a) left.dispose();
    if (right !== b) right.dispose();
  }
});

export interface SolveTriangularOptions {
  /** Read `a`'s lower triangle (true) or its upper one (false, the default). */
  lower?: boolean;
}

/** `ops.solveTriangular(a, b, { lower })`: x with `a x = b` for triangular `a` (only the chosen triangle is read). */
export const solveTriangular = /* @__PURE__ */ defineOp({ name: 'solve_triangular', module: 'linalg' }, function solveTriangular(
  a: TensorLike,
  b: TensorLike,
  options: SolveTriangularOptions = {},
): tf.Tensor {
  const system = readSystem(a, b, 'solveTriangular');
  const solutions = system.a.matrices.map((matrix, i) => triangularSolve(matrix, system.b.matrices[i], options.lower ?? false));
  return write(solutions, system.shape);
});
