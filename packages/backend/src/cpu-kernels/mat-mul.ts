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
import { matMulGeometry, type StrataMatMulAttrs } from '../kernels-common/mat-mul-geometry';

export { STRATA_MAT_MUL };

export type { StrataMatMulAttrs };

export const strataMatMul: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asCpuBackend(kernelBackend);
  const { a, b, bias } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo };
  const { transposeA, transposeB, activation = 'linear' } = attrs as unknown as StrataMatMulAttrs;
  const { rows, depth, columns } = matMulGeometry(a, b, bias, attrs as unknown as StrataMatMulAttrs);
  const biasValues = bias === undefined ? undefined : float32Values(backend, bias, STRATA_MAT_MUL, 'bias');
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
