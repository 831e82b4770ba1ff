import * as tf from '@tensorflow/tfjs-core';
import { STRATA_MAT_MUL } from '../kernel-names';

/**
 * The products of Dense's forward and backward pass, each in the layout that
 * is fast on the active backend. On cpu and wasm that is Strata's
 * `StrataMatMul`, which `useBackend` registers (cpu-kernels/mat-mul.ts: a
 * blocked JS product, 4–8× tfjs's cpu BatchMatMul; wasm-kernels/mat-mul.ts:
 * a register-blocked SIMD product, 1.1–1.8× XNNPACK's); both read
 * transposed operands at no extra cost. It is looked up by name, so a backend
 * started without useBackend runs tfjs's products, and bundles that never
 * train on cpu or wasm do not keep the kernels.
 */

/** Strata's product for the backend when registered, for Dense's forward pass (looked up on each call). */
export function strataProduct(backendName: string): tf.KernelConfig | undefined {
  return tf.getKernel(STRATA_MAT_MUL, backendName);
}

/** `op(a) · op(b)` with StrataMatMul. */
function strataMatMul(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean): tf.Tensor2D {
  return tf.engine().runKernel(STRATA_MAT_MUL, { a, b }, { transposeA, transposeB } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/** The two products of Dense's backward pass, in the layout that is fast on one backend. */
export interface DenseProducts {
  /** `dz · kernelᵀ`: the gradient of the layer's input. */
  inputGradient(dz: tf.Tensor2D, kernel: tf.Tensor2D): tf.Tensor2D;
  /** `xᵀ · dz`: the gradient of the kernel. */
  kernelGradient(x: tf.Tensor2D, dz: tf.Tensor2D): tf.Tensor2D;
}

/**
 * Without Strata's product (a backend started without useBackend): wasm (XNNPACK) multiplies A·B about 30× faster than Aᵀ·B and about 10× faster
 * than A·Bᵀ (W2's profile: `[256,512]·[784,512]ᵀ` 168 ms, `[784,256]·[256,512]` 11 ms),
 * so it transposes the operand first: one copy, then the fast kernel.
 */
const transposeFirst: DenseProducts = {
  inputGradient: (dz, kernel) => tf.matMul(dz, tf.transpose(kernel)),
  kernelGradient: (x, dz) => tf.matMul(tf.transpose(x), dz),
};

/** Strata's products read transposed operands themselves. */
const strataProducts: DenseProducts = {
  inputGradient: (dz, kernel) => strataMatMul(dz, kernel, false, true),
  kernelGradient: (x, dz) => strataMatMul(x, dz, true, false),
};

/** tfjs's cpu product is as slow either way; webgpu reads transposed operands through strides at no extra cost; a copy would be pure cost. */
const transposeFlags: DenseProducts = {
  inputGradient: (dz, kernel) => tf.matMul(dz, kernel, false, true),
  kernelGradient: (x, dz) => tf.matMul(x, dz, true, false),
};

/** The backward products for the backend named `backendName`. */
export function denseProducts(backendName: string): DenseProducts {
  if (strataProduct(backendName) !== undefined) return strataProducts;
  return backendName === 'wasm' || backendName === 'cpu' ? transposeFirst : transposeFlags;
}
