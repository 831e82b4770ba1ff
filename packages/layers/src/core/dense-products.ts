import * as tf from '@tensorflow/tfjs-core';
import { cpuMatMulOp } from './dense-matmul';

/** The two products of Dense's backward pass, in the layout that is fast on one backend. */
export interface DenseProducts {
  /** `dz · kernelᵀ`: the gradient of the layer's input. */
  inputGradient(dz: tf.Tensor2D, kernel: tf.Tensor2D): tf.Tensor2D;
  /** `xᵀ · dz`: the gradient of the kernel. */
  kernelGradient(x: tf.Tensor2D, dz: tf.Tensor2D): tf.Tensor2D;
}

/**
 * wasm (XNNPACK) multiplies A·B about 30× faster than Aᵀ·B and about 10× faster
 * than A·Bᵀ (W2's profile: `[256,512]·[784,512]ᵀ` 168 ms, `[784,256]·[256,512]` 11 ms),
 * so it transposes the operand first: one copy, then the fast kernel.
 */
const transposeFirst: DenseProducts = {
  inputGradient: (dz, kernel) => tf.matMul(dz, tf.transpose(kernel)),
  kernelGradient: (x, dz) => tf.matMul(tf.transpose(x), dz),
};

/** Strata's cpu product (dense-matmul.ts) reads transposed operands itself. */
const cpuProducts: DenseProducts = {
  inputGradient: (dz, kernel) => cpuMatMulOp(dz, kernel, false, true),
  kernelGradient: (x, dz) => cpuMatMulOp(x, dz, true, false),
};

/** webgpu reads transposed operands through strides at no extra cost; a copy would be pure cost. */
const transposeFlags: DenseProducts = {
  inputGradient: (dz, kernel) => tf.matMul(dz, kernel, false, true),
  kernelGradient: (x, dz) => tf.matMul(x, dz, true, false),
};

export function denseProducts(backendName: string): DenseProducts {
  if (backendName === 'wasm') return transposeFirst;
  return backendName === 'cpu' ? cpuProducts : transposeFlags;
}
