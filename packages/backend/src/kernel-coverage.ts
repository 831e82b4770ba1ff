/**
 * Which tfjs kernels Strata's layers, losses, optimizers and metrics run, in
 * the forward and the backward pass, and which backend implements each. The
 * coverage table in docs/KERNELS.md is generated from this file (kernels-doc.ts),
 * so the documentation cannot drift from the code.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type BackendName, backendNames } from './use-backend';
import { strataWasmKernelKind } from './wasm-training-kernels';

export interface StrataKernel {
  kernelName: string;
  /** What in Strata runs it, and in which pass. */
  usedBy: string;
  /**
   * The kernel under a Strata name that Strata's ops run in its place where a
   * backend registers one (kernel-registry.ts); tfjs's own stays for tfjs's ops.
   */
  strataName?: string;
}

/** Kernels a Strata model needs to train, grouped by family, with who needs them. */
export const strataKernels: readonly StrataKernel[] = [
  // Dense and matrix products: the backward pass multiplies by transposed operands.
  { kernelName: 'BatchMatMul', usedBy: 'Dense, Attention: forward and both gradients (tf.matMul)' },
  { kernelName: '_FusedMatMul', usedBy: 'Dense with bias and activation: forward (tf.fused.matMul)' },
  // Convolutions.
  { kernelName: 'Conv2D', usedBy: "RandomElasticTransform; on wasm, inside Strata's Conv2DBackpropInput" },
  { kernelName: 'FusedConv2D', usedBy: "every 1D and 2D convolution layer: forward (`StrataConv2D`, which on cpu is Strata's own)" },
  {
    kernelName: 'Conv2DBackpropInput',
    usedBy: 'every 1D and 2D convolution layer (Conv, ConvTranspose, SeparableConv pointwise, ConvLSTM): input gradient (`StrataConv2DBackpropInput`)',
    strataName: 'StrataConv2DBackpropInput',
  },
  {
    kernelName: 'Conv2DBackpropFilter',
    usedBy: 'every 1D and 2D convolution layer: kernel gradient (on cpu `StrataConv2DBackpropFilter`)',
    strataName: 'StrataConv2DBackpropFilter',
  },
  { kernelName: 'Conv3D', usedBy: 'Conv3D, Conv3DTranspose: forward' },
  {
    kernelName: 'Conv3DBackpropInputV2',
    usedBy: 'Conv3D, Conv3DTranspose: input gradient (`StrataConv3DBackpropInput`)',
    strataName: 'StrataConv3DBackpropInput',
  },
  {
    kernelName: 'Conv3DBackpropFilterV2',
    usedBy: 'Conv3D, Conv3DTranspose: kernel gradient (`StrataConv3DBackpropFilter`)',
    strataName: 'StrataConv3DBackpropFilter',
  },
  { kernelName: 'DepthwiseConv2dNative', usedBy: 'DepthwiseConv2D, SeparableConv2D: forward' },
  { kernelName: 'FusedDepthwiseConv2D', usedBy: 'DepthwiseConv2D with bias and activation: forward' },
  { kernelName: 'DepthwiseConv2dNativeBackpropInput', usedBy: 'DepthwiseConv2D: input gradient' },
  { kernelName: 'DepthwiseConv2dNativeBackpropFilter', usedBy: 'DepthwiseConv2D: kernel gradient' },
  // Pooling and resizing.
  { kernelName: 'MaxPool', usedBy: 'MaxPooling1D/2D: forward' },
  { kernelName: 'MaxPoolGrad', usedBy: 'MaxPooling1D/2D: backward (`StrataMaxPoolGrad`)', strataName: 'StrataMaxPoolGrad' },
  { kernelName: 'AvgPool', usedBy: 'AveragePooling1D/2D: forward' },
  { kernelName: 'AvgPoolGrad', usedBy: 'AveragePooling1D/2D: backward' },
  { kernelName: 'ResizeNearestNeighbor', usedBy: 'UpSampling2D: forward' },
  { kernelName: 'ResizeNearestNeighborGrad', usedBy: 'UpSampling2D: backward' },
  { kernelName: 'ResizeBilinear', usedBy: 'UpSampling2D (bilinear), Resizing: forward' },
  { kernelName: 'ResizeBilinearGrad', usedBy: 'UpSampling2D (bilinear): backward' },
  // Embeddings and indexing.
  { kernelName: 'GatherV2', usedBy: 'Embedding, sparse losses: forward' },
  { kernelName: 'UnsortedSegmentSum', usedBy: 'Embedding: backward (gradient of tf.gather)' },
  { kernelName: 'OneHot', usedBy: 'sparse categorical cross-entropy, toCategorical' },
  // Activations and their gradients.
  { kernelName: 'Relu', usedBy: "activation 'relu': forward" },
  { kernelName: 'Relu6', usedBy: "activation 'relu6': forward" },
  { kernelName: 'Step', usedBy: "activation 'relu', 'relu6': backward" },
  { kernelName: 'Sigmoid', usedBy: "activation 'sigmoid', LSTM and GRU gates: forward" },
  { kernelName: 'Tanh', usedBy: "activation 'tanh', LSTM, GRU: forward" },
  { kernelName: 'Elu', usedBy: "activation 'elu': forward" },
  { kernelName: 'EluGrad', usedBy: "activation 'elu': backward" },
  { kernelName: 'Selu', usedBy: "activation 'selu': forward" },
  { kernelName: 'LeakyRelu', usedBy: 'LeakyReLU: forward' },
  { kernelName: 'Prelu', usedBy: 'PReLU: forward' },
  { kernelName: 'Softplus', usedBy: "activation 'softplus': forward" },
  { kernelName: 'Softmax', usedBy: "activation 'softmax', cross-entropy from logits" },
  { kernelName: 'Exp', usedBy: 'softmax, logSoftmax, elu: forward and backward' },
  { kernelName: 'Log', usedBy: 'cross-entropy losses, logSoftmax' },
  { kernelName: 'Log1p', usedBy: 'binary cross-entropy from logits' },
  { kernelName: 'Erf', usedBy: "activation 'gelu'" },
  // Element-wise arithmetic (losses, optimizers, every gradient).
  { kernelName: 'Add', usedBy: 'bias add, Add layer, optimizers' },
  { kernelName: 'AddN', usedBy: 'summing gradients of a tensor used twice' },
  { kernelName: 'Sub', usedBy: 'losses, optimizers' },
  { kernelName: 'Multiply', usedBy: 'every gradient, optimizers, Dropout' },
  { kernelName: 'RealDiv', usedBy: 'losses (mean reduction), Adam, RMSprop' },
  { kernelName: 'Neg', usedBy: 'cross-entropy losses' },
  { kernelName: 'Sqrt', usedBy: 'Adam, RMSprop, norms for gradient clipping' },
  { kernelName: 'Rsqrt', usedBy: 'BatchNormalization, LayerNormalization' },
  { kernelName: 'Square', usedBy: 'mean squared error, Adam, L2 regularizer' },
  { kernelName: 'SquaredDifference', usedBy: 'mean squared error, normalization variance' },
  { kernelName: 'Pow', usedBy: "Adam's bias correction" },
  { kernelName: 'Maximum', usedBy: 'clipping, hinge losses, ReLU-like gradients' },
  { kernelName: 'Minimum', usedBy: 'clipping' },
  { kernelName: 'ClipByValue', usedBy: 'cross-entropy epsilon clipping, gradient clipping' },
  { kernelName: 'Abs', usedBy: 'mean absolute error, L1 regularizer' },
  { kernelName: 'Sign', usedBy: 'L1 regularizer and mean absolute error: backward' },
  { kernelName: 'Floor', usedBy: 'Dropout mask' },
  { kernelName: 'Cast', usedBy: 'metrics, masks, integer labels' },
  { kernelName: 'Select', usedBy: 'masks, LeakyReLU and hinge gradients' },
  { kernelName: 'Greater', usedBy: 'binary accuracy, masks' },
  { kernelName: 'Equal', usedBy: 'accuracy metrics' },
  // Reductions.
  { kernelName: 'Sum', usedBy: 'losses, bias gradients (Conv2D without relu: `StrataSumLeadingAxes`), softmax backward', strataName: 'StrataSumLeadingAxes' },
  { kernelName: 'Mean', usedBy: 'losses, GlobalAveragePooling, normalization' },
  { kernelName: 'Max', usedBy: 'logSoftmax stabilisation, GlobalMaxPooling' },
  { kernelName: 'ArgMax', usedBy: 'accuracy metrics' },
  // Shapes and movement.
  { kernelName: 'Reshape', usedBy: 'Flatten, Reshape, every broadcast gradient' },
  { kernelName: 'Transpose', usedBy: 'Permute, attention, matMul gradients' },
  { kernelName: 'Tile', usedBy: 'RepeatVector, gradients of reductions' },
  { kernelName: 'Concat', usedBy: 'Concatenate, LSTM/GRU gates' },
  { kernelName: 'Slice', usedBy: 'Cropping, Concatenate backward, LSTM/GRU gates' },
  { kernelName: 'SplitV', usedBy: 'LSTM/GRU gates' },
  { kernelName: 'Pack', usedBy: 'recurrent layers: stacking time steps' },
  { kernelName: 'Unpack', usedBy: 'recurrent layers: unstacking time steps' },
  { kernelName: 'PadV2', usedBy: 'ZeroPadding, Cropping backward' },
  { kernelName: 'Fill', usedBy: 'zeros and ones initializers' },
  { kernelName: 'ZerosLike', usedBy: 'optimizer slots, gradients of unused inputs' },
  { kernelName: 'OnesLike', usedBy: 'the seed gradient of tf.grads' },
  { kernelName: 'Identity', usedBy: 'tf.clone, gradients passed through, every tensor the engine saves for a backward pass' },
  { kernelName: 'FusedBatchNorm', usedBy: 'BatchNormalization: inference' },
];

/**
 * 'tfjs': the backend's own kernel. 'strata-named': the backend's own kernel
 * under tfjs's name, and Strata's version under a Strata name, which Strata's
 * ops run. 'strata': registered by @strata/backend under tfjs's name, composed
 * of the backend's native kernels. 'strata-cpu': registered by
 * @strata/backend, running tfjs's cpu kernel on a copy of the data. 'missing': none.
 */
export type KernelSupport = 'tfjs' | 'strata-named' | 'strata' | 'strata-cpu' | 'missing';

export interface KernelCoverageRow {
  kernelName: string;
  support: Record<BackendName, KernelSupport>;
}

function supportOf(kernelName: string, backendName: BackendName, strataName: string | undefined): KernelSupport {
  if (tf.getKernel(kernelName, backendName) === undefined) return 'missing';
  const strataKind = backendName === 'wasm' ? strataWasmKernelKind(kernelName) : undefined;
  if (strataKind !== undefined) return strataKind === 'native' ? 'strata' : 'strata-cpu';
  if (strataName !== undefined && tf.getKernel(strataName, backendName) !== undefined) return 'strata-named';
  return 'tfjs';
}

/**
 * One row per kernel, saying who implements it on each backend as registered
 * now in this process: a backend's kernels appear once its package has been
 * imported, and Strata's wasm kernels once useBackend('wasm') has run.
 */
export function kernelCoverage(
  kernelNames: readonly string[] = strataKernels.map((kernel) => kernel.kernelName),
): KernelCoverageRow[] {
  const strataNames = new Map(strataKernels.map((kernel) => [kernel.kernelName, kernel.strataName]));
  return kernelNames.map((kernelName) => {
    const support = {} as Record<BackendName, KernelSupport>;
    for (const backendName of backendNames) support[backendName] = supportOf(kernelName, backendName, strataNames.get(kernelName));
    return { kernelName, support };
  });
}
