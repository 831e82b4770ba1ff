/**
 * StrataMatMul for the cpu backend: `activation(op(a)·op(b) + bias)` of
 * rank-2 float32 tensors, op an optional transpose, with matmul.ts's blocked
 * product; bias and relu are applied to rows as they finish, as in
 * StrataConv2D. Strata's Dense runs it on cpu for its forward pass and both
 * gradients once `useBackend('cpu')` has registered it (about 1.6× the
 * float64-row product Dense used before, and 4–8× tfjs's cpu BatchMatMul).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { biasAndActivation } from './conv2d';
import { asCpuBackend, float32Values } from './cpu-backend';
import { addProduct } from './matmul';
import { STRATA_MAT_MUL } from '../kernel-names';

export { STRATA_MAT_MUL };

export interface StrataMatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  /** 'linear' when absent. */
  activation?: 'linear' | 'relu';
}

export const strataMatMul: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asCpuBackend(kernelBackend);
  const { a, b, bias } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo };
  const { transposeA, transposeB, activation = 'linear' } = attrs as unknown as StrataMatMulAttrs;
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
  const biasValues = bias === undefined ? undefined : float32Values(backend, bias, STRATA_MAT_MUL, 'bias');
  if (biasValues !== undefined && biasValues.length !== columns) {
    throw new Error(`${STRATA_MAT_MUL} takes a bias of ${columns} values (one per column), but received ${biasValues.length}.`);
  }
  const out = new Float32Array(rows * columns);
  addProduct(
    float32Values(backend, a, STRATA_MAT_MUL, 'a'),
    float32Values(backend, b, STRATA_MAT_MUL, 'b'),
    out,
    { rows, depth, columns, transposeA, transposeB },
    biasAndActivation(biasValues, activation, columns),
  );
  return backend.makeTensorInfo([rows, columns], 'float32', out);
};
