/**
 * StrataMatMul for wasm: `activation(op(a)·op(b) + bias)` of rank-2 tensors
 * with Strata's own SIMD product (gemm.ts), which reads transposed operands
 * while packing them. It replaces, for Strata's Dense and the im2col
 * convolutions, XNNPACK's product, which runs A·B only at speed, so that a
 * transposed operand cost a transposing copy first (W2's profile: Aᵀ·B ran
 * at 1.3 GFLOP/s, A·B at 26).
 *
 * Measured on a 2-core AMD EPYC (Node 20, plain SIMD, one thread), GFLOP/s,
 * XNNPACK (with the transposing copies its layout needs) / Strata:
 *   512×512·512×512            25.7 / 41.2
 *   W2 forward 256×784·784×512  22.8 / 42.7
 *   W2 kernel gradient (Aᵀ·B)   18.1 / 43.3
 *   W2 input gradient (A·Bᵀ)    22.0 / 43.5
 *   W1 kernel gradient (Aᵀ·B)    5.2 / 31.7
 *
 * Where the module cannot run (no SIMD, or the threaded build's shared
 * memory) or an operand is not float32, the product is XNNPACK's, composed
 * of wasm's Transpose and _FusedMatMul.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { STRATA_MAT_MUL } from '../kernel-names';
import { matMulGeometry, type StrataMatMulAttrs } from '../kernels-common/mat-mul-geometry';
import { gemm, gemmKernelsFor } from './gemm';
import { asWasmBackend, composed, runWasmKernel, type TensorInfo, type WasmBackend, withShape } from './wasm-backend';

export { STRATA_MAT_MUL };

/**
 * `relu?(op(a)·op(b) + bias)` of rank-2 tensors on the wasm heap, as a new
 * [rows, columns] tensor the caller owns: Strata's product where it runs,
 * else XNNPACK's.
 */
export function wasmProduct(backend: WasmBackend, a: TensorInfo, b: TensorInfo, attrs: StrataMatMulAttrs, bias?: TensorInfo): TensorInfo {
  const { transposeA, transposeB, activation = 'linear' } = attrs;
  const kernels = gemmKernelsFor(backend);
  const float32 = a.dtype === 'float32' && b.dtype === 'float32' && (bias === undefined || bias.dtype === 'float32');
  if (kernels !== null && float32) return gemm(backend, kernels, a, b, { transposeA, transposeB, bias, relu: activation === 'relu' });
  const { rows, depth, columns } = matMulGeometry(a, b, bias, attrs);
  return composed(backend, (intermediates) => {
    // XNNPACK runs A·B fast and the transposed layouts slowly: transpose first.
    const left = transposeA ? intermediates.run('Transpose', { x: a }, { perm: [1, 0] }) : a;
    const right = transposeB ? intermediates.run('Transpose', { x: b }, { perm: [1, 0] }) : b;
    const product = runWasmKernel(
      backend,
      '_FusedMatMul',
      { a: withShape(left, [1, rows, depth]), b: withShape(right, [1, depth, columns]), ...(bias === undefined ? {} : { bias }) },
      { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 },
    );
    return withShape(product, [rows, columns]);
  });
}

export const strataMatMul: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const { a, b, bias } = inputs as { a: TensorInfo; b: TensorInfo; bias?: TensorInfo };
  const matMulAttrs = attrs as unknown as StrataMatMulAttrs;
  matMulGeometry(a, b, bias, matMulAttrs);
  return wasmProduct(asWasmBackend(kernelBackend), a, b, matMulAttrs, bias);
};
