import * as tf from '@tensorflow/tfjs-core';

/**
 * Strata's cpu matrix product, `StrataMatMul`, which `useBackend('cpu')`
 * registers (@strata/backend, cpu-kernels/mat-mul.ts: a blocked JS product,
 * 4–8× tfjs's cpu BatchMatMul, that reads transposed operands at no extra
 * cost). Dense's forward pass and both gradients use it on cpu when it is
 * registered, and tfjs's products otherwise (a cpu backend started without
 * useBackend).
 */
export const STRATA_MAT_MUL = 'StrataMatMul';

/** Strata's cpu product when registered, for Dense's forward pass on cpu. */
export function strataCpuProduct(): tf.KernelConfig | undefined {
  return tf.getKernel(STRATA_MAT_MUL, 'cpu');
}

/** `op(a) · op(b)` on cpu: StrataMatMul when registered, else tfjs's matMul. */
export function cpuMatMulOp(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean): tf.Tensor2D {
  if (strataCpuProduct() === undefined) return tf.matMul(a, b, transposeA, transposeB);
  return tf.engine().runKernel(STRATA_MAT_MUL, { a, b }, { transposeA, transposeB } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
