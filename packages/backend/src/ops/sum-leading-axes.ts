import * as tf from '@tensorflow/tfjs-core';
import { STRATA_SUM_LEADING_AXES } from '../kernel-names';

/**
 * The sum of `x` over its first `count` axes: a bias gradient, which sums the
 * output gradient over every axis but the channels. A kernel named
 * `StrataSumLeadingAxes` runs it where the backend has one
 * (`useBackend('wasm')` registers it, wasm-kernels/sum-leading-axes.ts: one
 * pass where tfjs-backend-wasm's Sum transposes first); elsewhere, tfjs's Sum.
 * Under its own name it leaves tfjs's Sum to everything else.
 *
 * Its gradient (registered on first use, never on import) spreads `dy` back
 * over the summed axes.
 */

interface SumAttrs {
  axis: number[];
  keepDims: false;
}

let gradientRegistered = false;

function registerGradient(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: STRATA_SUM_LEADING_AXES,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      return { x: () => tf.broadcastTo(dy as tf.Tensor, x.shape) };
    },
  });
}

/** `x` summed over axes 0 … count − 1; the result has the shape of `x`'s remaining axes. */
export function sumLeadingAxes(x: tf.Tensor, count: number): tf.Tensor {
  if (!Number.isInteger(count) || count < 1 || count >= x.rank) {
    throw new Error(`sumLeadingAxes received count ${count} for a tensor of rank ${x.rank}, but expected a whole number from 1 to ${x.rank - 1}.`);
  }
  const axis = Array.from({ length: count }, (_, index) => index);
  if (tf.getKernel(STRATA_SUM_LEADING_AXES, tf.getBackend()) === undefined) return tf.sum(x, axis);
  registerGradient();
  const attrs: SumAttrs = { axis, keepDims: false };
  return tf.engine().runKernel(STRATA_SUM_LEADING_AXES, { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}
