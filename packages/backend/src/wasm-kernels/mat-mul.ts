/**
 * StrataMatMul for wasm: `activation(op(a)·op(b) + bias)` of rank-2 tensors
 * with Strata's own SIMD product (gemm.ts), which reads transposed operands
 * while packing them. It replaces, for Strata's Dense and the im2col
 * convolutions, XNNPACK's product, which runs A·B only at speed, so that a
 * transposed operand cost a transposing copy first (W2's profile: Aᵀ·B ran
 * at 1.3 GFLOP/s, A·B at 26).
 *
 * Measured on a quiet 2-core AMD EPYC (Node 20, plain SIMD, one thread,
 * GFLOP/s of wall time, XNNPACK's tf.matMul with the transposing copies its
 * layout needs / Strata's, through the engine; the register-only SIMD probe
 * gave about 48 there):
 *   512×512·512×512                 36.8 / 43.0
 *   W2 forward 256×784·784×512      37.8 / 41.9
 *   W2 kernel gradient (Aᵀ·B)       30.4 / 43.1
 *   W2 input gradient (A·Bᵀ)        30.6 / 43.9
 *   W1 kernel gradient (Aᵀ·B)       29.4 / 38.0
 *   W3 filter gradient 288×3872·3872×64   36.6 / 40.2
 *   W3 input gradient (A·Bᵀ)        35.9 / 43.0
 * (packages/backend/scripts/measure-products.mjs; apps/bench prints the 512²
 * rates of both beside the probe's peak on every run.)
 *
 * Where the module cannot run (no WebAssembly SIMD) or an operand is not
 * float32, the product is XNNPACK's, composed of wasm's Transpose and
 * _FusedMatMul.
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
 * else XNNPACK's. Throws a typed error when the shapes do not multiply.
 */
export function wasmProduct(backend: WasmBackend, a: TensorInfo, b: TensorInfo, attrs: StrataMatMulAttrs, bias?: TensorInfo): TensorInfo {
  const { transposeA, transposeB, activation = 'linear' } = attrs;
  const { rows, depth, columns } = matMulGeometry(a, b, bias, attrs);
  const kernels = gemmKernelsFor(backend);
  const float32 = a.dtype === 'float32' && b.dtype === 'float32' && (bias === undefined || bias.dtype === 'float32');
  if (kernels !== null && float32) return gemm(backend, kernels, a, b, { transposeA, transposeB, bias, relu: activation === 'relu' });
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
  return wasmProduct(asWasmBackend(kernelBackend), a, b, attrs as unknown as StrataMatMulAttrs, bias);
};
