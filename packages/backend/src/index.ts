/**
 * Choosing and starting a backend (`useBackend('cpu' | 'wasm' | 'webgpu')`), feature detection, and every kernel Strata adds to tfjs, behind typed functions.
 *
 * @module @strata/backend
 */
export { ensureGradients } from './gradients';
export { useBackend, availableBackends, activeBackend, backendNames } from './use-backend';
export type { BackendName, BackendOptions, BackendInfo } from './use-backend';
export type { WebGpuAdapterDescription } from './webgpu-setup';
export { noAdapterReason, requestWebGpuAdapter } from './webgpu-setup';
export { STRATA_CONV2D, STRATA_CONV2D_BACKPROP_FILTER, STRATA_CONV2D_BACKPROP_INPUT, STRATA_MAT_MUL } from './cpu-training-kernels';
export type { StrataConv2DAttrs } from './cpu-kernels/conv2d';
export { kernelCoverage, strataKernels, kernelCoverageMarkdown } from './kernel-coverage';
export type { KernelCoverageRow, KernelSupport, StrataKernel } from './kernel-coverage';
export { STRATA_GATHER_ROWS, gatherRows, sliceRows } from './rows';
export { backend, epsilon, floatx, imageDataFormat } from './config';
