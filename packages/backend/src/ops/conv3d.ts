import * as tf from '@tensorflow/tfjs-core';
import { STRATA_CONV3D, STRATA_CONV3D_BACKPROP_FILTER, STRATA_CONV3D_BACKPROP_INPUT } from '../kernel-names';
import { ensureCallOf, kernelFor } from './kernel-choice';

/**
 * 3-D convolution, channels last, for Conv3D and Conv3DTranspose. The forward
 * pass is the backend's own `Conv3D`, run under the name `StrataConv3D`
 * (registered on first use) so that the op carries its own gradient:
 * `StrataConv3DBackpropInput` / `StrataConv3DBackpropFilter` where the backend
 * has them, else tfjs's `Conv3DBackpropInputV2` / `Conv3DBackpropFilterV2`.
 * `useBackend('wasm')` registers the two (wasm-kernels/conv3d-backprop.ts)
 * because tfjs-backend-wasm 4.22's are wrong with strides and 'same' padding;
 * under their own names they leave tfjs's kernels to everything else. The tape
 * asks only for the gradients that lead to a variable.
 *
 * The gradient is registered on first use (never on import).
 */

type Strides3D = [number, number, number];

interface Conv3DAttrs {
  strides: Strides3D;
  pad: 'valid' | 'same';
  dataFormat: 'NDHWC';
  /** Always [1, 1, 1]: dilated kernels are expanded first. Kept because the backends' Conv3D reads it. */
  dilations: Strides3D;
}

let gradientRegistered = false;

function registerGradient(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: STRATA_CONV3D,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [tf.Tensor5D, tf.Tensor5D];
      const { strides, pad } = attrs as unknown as Conv3DAttrs;
      const run = (strataName: string, tfjsName: string, inputs: tf.NamedTensorMap, extra: Record<string, unknown>) =>
        tf.engine().runKernel(kernelFor(strataName, tfjsName), inputs, { strides, pad, ...extra } as unknown as tf.NamedAttrMap) as tf.Tensor5D;
      return {
        x: () => run(STRATA_CONV3D_BACKPROP_INPUT, 'Conv3DBackpropInputV2', { dy: dy as tf.Tensor, filter }, { inputShape: x.shape }),
        filter: () => run(STRATA_CONV3D_BACKPROP_FILTER, 'Conv3DBackpropFilterV2', { x, dy: dy as tf.Tensor }, { filterShape: filter.shape }),
      };
    },
  });
}

/**
 * Cross-correlation of `x` [batch, depth, height, width, inChannels] with
 * `filter` [kd, kh, kw, inChannels, outChannels], `strides` apart, with
 * 'valid' or 'same' padding and no dilation (as `tf.conv3d`).
 */
export function conv3d(x: tf.Tensor5D, filter: tf.Tensor5D, strides: Strides3D, pad: 'valid' | 'same'): tf.Tensor5D {
  if (!ensureCallOf(STRATA_CONV3D, 'Conv3D')) return tf.conv3d(x, filter, strides, pad);
  registerGradient();
  const attrs: Conv3DAttrs = { strides, pad, dataFormat: 'NDHWC', dilations: [1, 1, 1] };
  return tf.engine().runKernel(STRATA_CONV3D, { x, filter }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor5D;
}
