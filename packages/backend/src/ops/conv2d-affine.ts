import * as tf from '@tensorflow/tfjs-core';
import { STRATA_CONV2D, STRATA_CONV2D_BACKPROP_FILTER, STRATA_CONV2D_BACKPROP_INPUT } from '../kernel-names';
import { reluBiasGrad } from './relu-bias-grad';
import { sumLeadingAxes } from './sum-leading-axes';

/**
 * Conv2D's training path as one op, `StrataConv2D`: `activation(conv2d(x, filter) + bias)`
 * with `activation` 'linear' or 'relu', channels last, as Dense's `StrataDense`
 * (docs/decisions/0004).
 *
 * - Forward: a kernel named `StrataConv2D` when the backend has one (Strata's
 *   own on cpu, registered by `useBackend('cpu')`), else the backend's
 *   `FusedConv2D`: product, bias and relu in one kernel, where tfjs's layers run
 *   Conv2D, Add and Relu and keep each result.
 * - Gradient: `dz` and the bias gradient in one pass (relu-bias-grad.ts), then
 *   `StrataConv2DBackpropFilter` / `StrataConv2DBackpropInput` when the backend
 *   has them (`useBackend('cpu')` registers both, `useBackend('wasm')` the
 *   input's), else tfjs's `Conv2DBackpropFilter` / `Conv2DBackpropInput` (on
 *   wasm, the filter's is Strata's under tfjs's name: wasm has none). Without
 *   relu, the bias gradient is `sumLeadingAxes`. The tape asks only for the
 *   gradients that lead to a variable, so the first layer's input gradient is
 *   never computed.
 *
 * Kernels and the gradient are registered on first use (never on import).
 */
export type ConvActivation = 'linear' | 'relu';

interface Conv2DOpAttrs {
  strides: [number, number];
  pad: 'valid' | 'same';
  /** Always [1, 1]: dilated kernels are expanded first. Kept for kernels that take tfjs's conv attributes. */
  dilations: [number, number];
  activation: ConvActivation;
}

/** The backend's own kernel name for one of the two products of the backward pass. */
function backpropKernel(strataName: string, tfjsName: string): string {
  return tf.getKernel(strataName, tf.getBackend()) === undefined ? tfjsName : strataName;
}

let gradientRegistered = false;

function registerGradient(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: STRATA_CONV2D,
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const { strides, pad, activation } = attrs as unknown as Conv2DOpAttrs;
      const relu = activation === 'relu' ? reluBiasGrad(dy as tf.Tensor, y) : null;
      const dz = (relu?.dz ?? dy) as tf.Tensor4D;
      const common = { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined };
      const run = (kernelName: string, inputs: tf.NamedTensorMap, extra: Record<string, unknown>) =>
        tf.engine().runKernel(kernelName, inputs, { ...common, ...extra } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
      return {
        x: () => run(backpropKernel(STRATA_CONV2D_BACKPROP_INPUT, 'Conv2DBackpropInput'), { dy: dz, filter }, { inputShape: x.shape }),
        filter: () => run(backpropKernel(STRATA_CONV2D_BACKPROP_FILTER, 'Conv2DBackpropFilter'), { x, dy: dz }, { filterShape: filter.shape }),
        bias: () => relu?.biasGrad ?? (sumLeadingAxes(dz, 3) as tf.Tensor1D),
      };
    },
  });
}

/** `StrataConv2D` for a backend without its own: a call of the backend's `FusedConv2D`. */
function registerFusedFallback(backendName: string): void {
  const fused = tf.getKernel('FusedConv2D', backendName);
  if (fused === undefined) {
    throw new Error(`Conv2D cannot train on the '${backendName}' backend: it has no 'FusedConv2D' kernel.`);
  }
  tf.registerKernel({
    kernelName: STRATA_CONV2D,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { strides, pad, activation } = attrs as unknown as Conv2DOpAttrs;
      return fused.kernelFunc({
        inputs,
        attrs: { strides, pad, activation, dataFormat: 'NHWC', dilations: [1, 1], leakyreluAlpha: 0 },
        backend,
      });
    },
  });
}

/**
 * `activation(conv2d(x, filter) + bias)` for training: `x` [batch, height, width,
 * channels], `filter` [kh, kw, in, out], optional `bias` [out], no dilation
 * (dilated kernels are expanded first).
 */
export function conv2dAffine(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D | undefined,
  strides: [number, number],
  pad: 'valid' | 'same',
  activation: ConvActivation = 'linear',
): tf.Tensor4D {
  registerGradient();
  const backendName = tf.getBackend();
  if (tf.getKernel(STRATA_CONV2D, backendName) === undefined) registerFusedFallback(backendName);
  const inputs: tf.NamedTensorMap = bias ? { x, filter, bias } : { x, filter };
  const attrs: Conv2DOpAttrs = { strides, pad, dilations: [1, 1], activation };
  return tf.engine().runKernel(STRATA_CONV2D, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}
