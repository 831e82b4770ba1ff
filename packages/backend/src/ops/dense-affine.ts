import * as tf from '@tensorflow/tfjs-core';
import { STRATA_DENSE } from '../kernel-names';
import { denseProducts, strataProduct } from './dense-products';
import { reluBiasGrad } from './relu-bias-grad';
import { sumLeadingAxes } from './sum-leading-axes';

/**
 * Dense's training path as one op, `StrataDense`: `activation(x · kernel + bias)`
 * with `activation` 'linear' or 'relu' (docs/decisions/0003 and 0004).
 *
 * - Forward: Strata's `StrataMatMul` with bias and relu where `useBackend`
 *   registered it (cpu, wasm), else the backend's own `_FusedMatMul` (one
 *   kernel for product, bias and relu).
 * - Gradient: registered with tfjs's tape, which only asks for the inputs that
 *   lead to a variable. The input gradient of the first layer (the largest
 *   product of a backward pass: 168 ms of W2's 377 ms on wasm) is therefore never
 *   computed, which `tf.customGrad` could not avoid.
 * - Each product runs in the layout that is fast on the backend (dense-products.ts).
 *
 * The kernel is registered for the active backend on first use (never on import).
 * Dense's `call` runs this op while training; @strata/layers names no kernel.
 */

export type DenseActivation = 'linear' | 'relu';

let gradientRegistered = false;

function registerGradient(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: STRATA_DENSE,
    inputsToSave: ['x', 'kernel'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, kernel, y] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const relu = (attrs as { activation: DenseActivation }).activation === 'relu' ? reluBiasGrad(dy as tf.Tensor, y) : null;
      const dz = (relu?.dz ?? dy) as tf.Tensor2D;
      const products = denseProducts(tf.getBackend());
      return {
        x: () => products.inputGradient(dz, kernel),
        kernel: () => products.kernelGradient(x, dz),
        bias: () => relu?.biasGrad ?? (sumLeadingAxes(dz, 1) as tf.Tensor1D),
      };
    },
  });
}

/**
 * Registers `StrataDense` for the backend: Strata's `StrataMatMul`
 * (dense-products.ts) with bias and relu where `useBackend` registered it
 * (looked up on each call, so the order of registration does not matter),
 * else a call of the backend's `_FusedMatMul` on rank-3 views of the inputs.
 */
function registerKernel(backendName: string): void {
  const fused = tf.getKernel('_FusedMatMul', backendName);
  if (fused === undefined) {
    throw new Error(`Dense cannot train on the '${backendName}' backend: it has no '_FusedMatMul' kernel.`);
  }
  tf.registerKernel({
    kernelName: STRATA_DENSE,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, kernel, bias } = inputs as { x: tf.TensorInfo; kernel: tf.TensorInfo; bias?: tf.TensorInfo };
      const activation = (attrs as { activation: DenseActivation }).activation;
      const product = strataProduct(backendName);
      if (product !== undefined) {
        return product.kernelFunc({
          inputs: bias ? { a: x, b: kernel, bias } : { a: x, b: kernel },
          attrs: { transposeA: false, transposeB: false, activation },
          backend,
        });
      }
      const [rows, depth] = x.shape;
      const units = kernel.shape[1];
      // Rank-3 views (what tf.fused.matMul hands the kernel); the data is shared, as Reshape does.
      const a = { dataId: x.dataId, shape: [1, rows, depth], dtype: x.dtype };
      const b = { dataId: kernel.dataId, shape: [1, depth, units], dtype: kernel.dtype };
      const out = fused.kernelFunc({
        inputs: bias ? { a, b, bias } : { a, b },
        attrs: { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 },
        backend,
      }) as tf.TensorInfo;
      return { dataId: out.dataId, shape: [rows, units], dtype: out.dtype };
    },
  });
}

function ensureRegistered(): void {
  registerGradient();
  const backendName = tf.getBackend();
  if (tf.getKernel(STRATA_DENSE, backendName) === undefined) registerKernel(backendName);
}

/** `activation(x · kernel + bias)` for training: rank-2 `x`, `kernel` [in, out], optional `bias` [out]. */
export function denseAffine(x: tf.Tensor2D, kernel: tf.Tensor2D, bias?: tf.Tensor1D, activation: DenseActivation = 'linear'): tf.Tensor2D {
  ensureRegistered();
  const inputs: tf.NamedTensorMap = bias ? { x, kernel, bias } : { x, kernel };
  return tf.engine().runKernel(STRATA_DENSE, inputs, { activation } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
