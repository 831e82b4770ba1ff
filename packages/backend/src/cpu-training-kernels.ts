/**
 * Strata's convolution kernels for tfjs's cpu backend (cpu-kernels/): an
 * im2col pass, then a blocked JS matrix product, working on the cpu backend's
 * Float32Arrays; and that product alone, StrataMatMul, for Dense, and
 * StrataReluBiasGrad, the relu and bias gradients of both in one pass. They are registered under Strata's own names, not tfjs's, so
 * that anything else sharing the engine (tfjs-layers in the bench) keeps
 * running tfjs's kernels (decision 0004); Strata's Conv2D runs them when they
 * are registered.
 *
 * Measured on the tutorial CNN's three convolutions at batch 32 (28×28×1 →
 * 26×26×32, 13×13×32 → 11×11×64, 5×5×64 → 3×3×64; stride 1, 'valid'), ms
 * per call, tfjs-backend-cpu's kernel / Strata's, on a shared 2-core Xeon
 * (Node 20, load average about 5, so ±30%):
 *   forward, bias + relu (FusedConv2D)   30 / 8.4     219 / 64     26 / 6.4
 *   Conv2DBackpropFilter               1,035 / 6.9  15,645 / 41  2,245 / 10
 *   Conv2DBackpropInput                   14 / 7.6     157 / 39     37 / 6.5
 * A whole W3 training step (apps/bench, cpu) went to 520 ms, against
 * 18.2 s for tfjs-layers; tfjs's cpu MaxPoolGrad is now its slowest kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { STRATA_CONV2D, strataConv2D } from './cpu-kernels/conv2d';
import { STRATA_CONV2D_BACKPROP_FILTER, strataConv2DBackpropFilter } from './cpu-kernels/conv2d-backprop-filter';
import { STRATA_CONV2D_BACKPROP_INPUT, strataConv2DBackpropInput } from './cpu-kernels/conv2d-backprop-input';
import { STRATA_MAT_MUL, strataMatMul } from './cpu-kernels/mat-mul';
import { strataReluBiasGrad } from './cpu-kernels/relu-bias-grad';
import { STRATA_RELU_BIAS_GRAD } from './kernel-names';

export { STRATA_CONV2D, STRATA_CONV2D_BACKPROP_FILTER, STRATA_CONV2D_BACKPROP_INPUT, STRATA_MAT_MUL };

const cpuKernels: Readonly<Record<string, tf.KernelFunc>> = {
  // Literal keys (the names of the constants): an object with computed keys counts as code with side
  // effects, which bundlers keep, and every cpu kernel with it, in apps that never train on cpu.
  StrataConv2D: strataConv2D,
  StrataConv2DBackpropFilter: strataConv2DBackpropFilter,
  StrataConv2DBackpropInput: strataConv2DBackpropInput,
  StrataMatMul: strataMatMul,
  StrataReluBiasGrad: strataReluBiasGrad,
};

/**
 * The names of Strata's cpu kernels, sorted. A literal, not computed from
 * `cpuKernels`: a call at module level would keep every cpu kernel in the
 * bundles of apps that never train on cpu (bundlers drop only pure code).
 */
export const strataCpuKernelNames: readonly string[] = [
  STRATA_CONV2D,
  STRATA_CONV2D_BACKPROP_FILTER,
  STRATA_CONV2D_BACKPROP_INPUT,
  STRATA_MAT_MUL,
  STRATA_RELU_BIAS_GRAD,
];

/**
 * Registers Strata's kernels for 'cpu'. Called by useBackend('cpu'), never on
 * import. A kernel already registered under one of these names that is not
 * Strata's own is replaced: conv2dAffine (ops/) registers a FusedConv2D call as
 * 'StrataConv2D' on a backend that has none, which happens when a model
 * trains on cpu before useBackend('cpu') has run.
 */
export function registerCpuTrainingKernels(): void {
  for (const [kernelName, kernelFunc] of Object.entries(cpuKernels)) {
    const registered = tf.getKernel(kernelName, 'cpu');
    if (registered?.kernelFunc === kernelFunc) continue;
    if (registered !== undefined) tf.unregisterKernel(kernelName, 'cpu');
    tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc });
  }
}
