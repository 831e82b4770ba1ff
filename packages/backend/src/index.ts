/**
 * Choosing and starting a backend (`useBackend('cpu' | 'wasm' | 'webgpu')`), feature detection, and every kernel Strata adds to tfjs, behind typed ops
 * that layers, losses, optimizers and models call (the op picks the kernel; no other package names one).
 *
 * @module @strata/backend
 */
export { ensureGradients } from './gradients';
export { useBackend, availableBackends, activeBackend, backendNames } from './use-backend';
export type { BackendName, BackendOptions, BackendInfo } from './use-backend';
export { readsSynchronously } from './reads-synchronously';
export type { WebGpuAdapterDescription } from './webgpu-setup';
export { noAdapterReason, requestWebGpuAdapter } from './webgpu-setup';
export type { StrataConv2DAttrs } from './cpu-kernels/conv2d';
export { kernelCoverage, strataKernels } from './kernel-coverage';
export { kernelsMarkdown } from './kernels-doc';
export type { KernelCoverageRow, KernelSupport, StrataKernel } from './kernel-coverage';
export { strataKernelRegistry } from './kernel-registry';
export type { StrataKernelEntry } from './kernel-registry';
export {
  STRATA_ADAM_UPDATE,
  STRATA_CONV2D,
  STRATA_CONV2D_BACKPROP_FILTER,
  STRATA_CONV2D_BACKPROP_INPUT,
  STRATA_CONV3D,
  STRATA_CONV3D_BACKPROP_FILTER,
  STRATA_CONV3D_BACKPROP_INPUT,
  STRATA_DENSE,
  STRATA_GATHER_ROWS,
  STRATA_MAT_MUL,
  STRATA_MAX_POOL,
  STRATA_MAX_POOL_GRAD,
  STRATA_RELU_BIAS_GRAD,
  STRATA_RMSPROP_UPDATE,
  STRATA_SGD_UPDATE,
  STRATA_SPARSE_LABEL_CHECK,
  STRATA_SPARSE_SOFTMAX_CE,
  STRATA_SPARSE_SOFTMAX_CE_GRAD,
  STRATA_SUM_LEADING_AXES,
  STRATA_DENSE_CHAIN_FORWARD,
  STRATA_DENSE_CHAIN_BACKWARD,
  STRATA_SPARSE_PROBABILITIES_CE,
  STRATA_SPARSE_PROBABILITIES_CE_GRAD,
  STRATA_CATEGORICAL_CE,
  STRATA_CATEGORICAL_CE_GRAD,
  STRATA_SOFTMAX,
  STRATA_SOFTMAX_GRAD,
  STRATA_MEAN_UPDATE,
  STRATA_ARG_MAX_MATCHES,
} from './kernel-names';
// The typed ops, one file per op family.
export { denseAffine } from './ops/dense-affine';
export type { DenseActivation } from './ops/dense-affine';
export { reluBiasGrad } from './ops/relu-bias-grad';
export { denseChainBackward, denseChainForward } from './ops/dense-chain';
export type { DenseChainGradients, DenseChainLayer } from './ops/dense-chain';
export { conv2dAffine } from './ops/conv2d-affine';
export type { ConvActivation } from './ops/conv2d-affine';
export { conv3d } from './ops/conv3d';
export { maxPool2d } from './ops/max-pool2d';
export { sumLeadingAxes } from './ops/sum-leading-axes';
export { fusedOptimizerUpdate, setFusedOptimizerUpdatesEnabled } from './ops/fused-optimizer-update';
export type { AdamScalars, FusedUpdateRule, FusedUpdateScalars, RmspropScalars, SgdScalars } from './ops/fused-optimizer-update';
export { gatherRows, sliceRows } from './ops/rows';
export { sparseSoftmaxCrossEntropy } from './ops/sparse-softmax-cross-entropy';
export { sparseProbabilitiesCrossEntropy } from './ops/sparse-probabilities-cross-entropy';
export { categoricalCrossEntropy } from './ops/categorical-cross-entropy';
export { softmax } from './ops/softmax';
export { argMaxMatches, meanUpdate } from './ops/metric-updates';
export { sparseLabelCheck } from './ops/sparse-label-check';
export type { SparseLabelCheckAttrs } from './ops/sparse-label-check';
export { backend, epsilon, floatx, imageDataFormat } from './config';
// What the bench reports beside the products' rates: the machine's wasm SIMD peak, and whether relaxed SIMD compiles.
export { measureWasmSimdPeak } from './wasm-kernels/simd-peak';
export type { WasmSimdPeak } from './wasm-kernels/simd-peak';
export { relaxedSimdAvailable } from './wasm-kernels/gemm';
