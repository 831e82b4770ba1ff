/**
 * StrataMatMul's attributes and the checks its kernels share (cpu-kernels/mat-mul.ts,
 * wasm-kernels/mat-mul.ts): rank-2 operands that multiply, 'linear' or 'relu',
 * a bias of one value per column.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { STRATA_MAT_MUL } from '../kernel-names';

export interface StrataMatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  /** 'linear' when absent. */
  activation?: 'linear' | 'relu';
}

/** `op(a)` is [rows, depth], `op(b)` [depth, columns]. */
export interface MatMulGeometry {
  rows: number;
  depth: number;
  columns: number;
}

/** The product's sizes, or a typed error naming what does not fit. */
export function matMulGeometry(a: tf.TensorInfo, b: tf.TensorInfo, bias: tf.TensorInfo | undefined, attrs: StrataMatMulAttrs): MatMulGeometry {
  const { transposeA, transposeB, activation = 'linear' } = attrs;
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new Error(`${STRATA_MAT_MUL} takes rank-2 a and b, but received shapes [${a.shape}] and [${b.shape}].`);
  }
  if (activation !== 'linear' && activation !== 'relu') {
    throw new Error(`${STRATA_MAT_MUL} takes activation 'linear' or 'relu', but received '${String(activation)}'.`);
  }
  const [rows, depth] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [bDepth, columns] = transposeB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (bDepth !== depth) {
    throw new Error(
      `${STRATA_MAT_MUL}: op(a) [${rows},${depth}] and op(b) [${bDepth},${columns}] do not multiply (a [${a.shape}], b [${b.shape}], ` +
        `transposeA ${transposeA}, transposeB ${transposeB}).`,
    );
  }
  const biasLength = bias === undefined ? columns : bias.shape.reduce((size, dim) => size * dim, 1);
  if (biasLength !== columns) {
    throw new Error(`${STRATA_MAT_MUL} takes a bias of ${columns} values (one per column), but received ${biasLength}.`);
  }
  return { rows, depth, columns };
}
