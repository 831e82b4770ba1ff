/**
 * Every kernel Strata adds to tfjs, with the backends it runs on, what it
 * replaces and which typed op of this package runs it. docs/KERNELS.md is
 * generated from this list (kernels-doc.ts), and kernel-registry.test.ts checks
 * it against the code: each name in kernel-names.ts is here, each op is
 * exported, each kernel that `useBackend` registers is registered.
 *
 * A literal, read only by the documentation and its test, so that bundlers
 * drop it from apps.
 */
import type { BackendName } from './use-backend';

export interface StrataKernelEntry {
  kernelName: string;
  /** The backends it runs on. */
  backends: readonly BackendName[];
  /**
   * When it is registered: by `useBackend` for that backend, or by its op on
   * first use (for whichever backend is active then).
   */
  registered: 'useBackend' | 'first use';
  /** What tfjs would run in its place. */
  replaces: string;
  /** The exported op of @strata/backend that runs it, and who calls that op. */
  op: string;
  calledBy: string;
  /**
   * Whether it is registered under tfjs's own name (wasm only: kernels that
   * tfjs-backend-wasm lacks, and Identity, which the engine runs itself), so
   * that anything sharing the engine runs it too. Every other kernel has a
   * Strata name.
   */
  underTfjsName?: true;
}

export const strataKernelRegistry: readonly StrataKernelEntry[] = [
  {
    kernelName: 'StrataDense',
    backends: ['cpu', 'wasm', 'webgpu'],
    registered: 'first use',
    replaces: '_FusedMatMul forward; its gradient computes only the inputs that lead to a variable (never the first layer\'s input gradient)',
    op: 'denseAffine',
    calledBy: 'Dense (training)',
  },
  {
    kernelName: 'StrataMatMul',
    backends: ['cpu', 'wasm'],
    registered: 'useBackend',
    replaces:
      "BatchMatMul and _FusedMatMul, reading transposed operands in place (cpu: a blocked JS product; wasm: a register-blocked WebAssembly SIMD product, relaxed_madd where the runtime has relaxed SIMD, 1.1–1.2× XNNPACK's A·B and 1.3–1.8× its transposed products on one thread)",
    op: 'denseAffine',
    calledBy: "Dense (forward and both gradients); on wasm also the products of Strata's Conv2DBackpropFilter and Conv2DBackpropInput",
  },
  {
    kernelName: 'StrataReluBiasGrad',
    backends: ['cpu', 'wasm'],
    registered: 'useBackend',
    replaces: 'Step, Cast, Multiply and Sum of the relu and bias gradients (JS loop on cpu, WebAssembly SIMD on wasm)',
    op: 'reluBiasGrad',
    calledBy: 'the gradients of denseAffine and conv2dAffine',
  },
  {
    kernelName: 'StrataConv2D',
    backends: ['cpu', 'wasm', 'webgpu'],
    registered: 'useBackend',
    replaces: "FusedConv2D (cpu: im2col and a blocked JS product; other backends: registered on first use as a call of the backend's FusedConv2D)",
    op: 'conv2dAffine',
    calledBy: "Conv2D, and through layers' convolve every 1D and 2D convolution (Conv1D, grouped and causal, ConvTranspose, SeparableConv pointwise, ConvLSTM1D/2D)",
  },
  {
    kernelName: 'StrataConv2DBackpropFilter',
    backends: ['cpu'],
    registered: 'useBackend',
    replaces: "Conv2DBackpropFilter (tfjs's cpu loop: 100–400× slower)",
    op: 'conv2dAffine',
    calledBy: 'its gradient',
  },
  {
    kernelName: 'StrataConv2DBackpropInput',
    backends: ['cpu', 'wasm'],
    registered: 'useBackend',
    replaces: "Conv2DBackpropInput (wasm's is a plain loop about 10× slower than the forward convolution)",
    op: 'conv2dAffine',
    calledBy: 'its gradient',
  },
  {
    kernelName: 'StrataMaxPool',
    backends: ['cpu', 'wasm', 'webgpu'],
    registered: 'first use',
    replaces: "nothing: a call of the backend's MaxPool, under a name that carries Strata's gradient",
    op: 'maxPool2d',
    calledBy: 'MaxPooling1D, MaxPooling2D',
  },
  {
    kernelName: 'StrataMaxPoolGrad',
    backends: ['wasm'],
    registered: 'useBackend',
    replaces: "MaxPoolGrad: tfjs-backend-wasm's sends all-negative windows' gradient to the wrong cell (SIMD for 2×2 tiles)",
    op: 'maxPool2d',
    calledBy: 'its gradient',
  },
  {
    kernelName: 'StrataConv3D',
    backends: ['cpu', 'wasm', 'webgpu'],
    registered: 'first use',
    replaces: "nothing: a call of the backend's Conv3D, under a name that carries Strata's gradient",
    op: 'conv3d',
    calledBy: 'Conv3D, Conv3DTranspose',
  },
  {
    kernelName: 'StrataConv3DBackpropInput',
    backends: ['wasm'],
    registered: 'useBackend',
    replaces: "Conv3DBackpropInputV2: tfjs-backend-wasm's gives zeros with strides and 'same' padding",
    op: 'conv3d',
    calledBy: 'its gradient',
  },
  {
    kernelName: 'StrataConv3DBackpropFilter',
    backends: ['wasm'],
    registered: 'useBackend',
    replaces: "Conv3DBackpropFilterV2: tfjs-backend-wasm's is wrong wherever a stride is above 1",
    op: 'conv3d',
    calledBy: 'its gradient',
  },
  {
    kernelName: 'StrataSumLeadingAxes',
    backends: ['wasm'],
    registered: 'useBackend',
    replaces: "Sum over leading axes: tfjs-backend-wasm's transposes first; few rows and int32 go to wasm's own Sum",
    op: 'sumLeadingAxes',
    calledBy: "conv2dAffine's bias gradient without relu",
  },
  {
    kernelName: 'StrataAdamUpdate',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "Adam's op chain per variable (SIMD on wasm)",
    op: 'fusedOptimizerUpdate',
    calledBy: 'Adam',
  },
  {
    kernelName: 'StrataRMSpropUpdate',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "RMSprop's op chain per variable (SIMD on wasm when plain)",
    op: 'fusedOptimizerUpdate',
    calledBy: 'RMSprop',
  },
  {
    kernelName: 'StrataSGDUpdate',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "SGD's op chain per variable",
    op: 'fusedOptimizerUpdate',
    calledBy: 'SGD',
  },
  {
    kernelName: 'StrataGatherRows',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "GatherV2 with an index tensor, and wasm's Slice, which copies its whole input",
    op: 'gatherRows, sliceRows',
    calledBy: 'fit, evaluate and predict: batches of in-memory data',
  },
  {
    kernelName: 'StrataDenseChainForward',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "one StrataDense per layer of a chain of Dense layers (relu or linear) in a training step: the same StrataMatMul calls, made on the backend's memory without the engine's and the tape's work around each",
    op: 'denseChainForward',
    calledBy: "the training step of a model of Dense layers (and Flatten) in a line, Sequential or functional, when it qualifies (models/training/dense-chain-step.ts)",
  },
  {
    kernelName: 'StrataDenseChainBackward',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "the tape's backward pass through that chain: per layer StrataReluBiasGrad (or the bias sum) and the two StrataMatMul gradients, the first layer's input gradient left out",
    op: 'denseChainBackward',
    calledBy: 'the same training step',
  },
  {
    kernelName: 'StrataSparseSoftmaxCE',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "the ~12 kernels of sparse categorical cross-entropy from logits",
    op: 'sparseSoftmaxCrossEntropy',
    calledBy: 'SparseCategoricalCrossentropy.computeFused',
  },
  {
    kernelName: 'StrataSparseSoftmaxCEGrad',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: 'the ~13 kernels of its gradient',
    op: 'sparseSoftmaxCrossEntropy',
    calledBy: 'its gradient',
  },
  {
    kernelName: 'StrataSparseProbabilitiesCE',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "the ~15 kernels of sparse categorical cross-entropy on probabilities (renormalised, clipped, log), each of which wakes XNNPACK's thread pool on the threaded wasm build",
    op: 'sparseProbabilitiesCrossEntropy',
    calledBy: 'SparseCategoricalCrossentropy.computeFused',
  },
  {
    kernelName: 'StrataSparseProbabilitiesCEGrad',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: 'the ~20 kernels of its gradient',
    op: 'sparseProbabilitiesCrossEntropy',
    calledBy: 'its gradient',
  },
  {
    kernelName: 'StrataCategoricalCE',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "the ~15 kernels of categorical cross-entropy on probabilities (renormalised, clipped, log) or from logits, each of which wakes XNNPACK's thread pool on the threaded wasm build",
    op: 'categoricalCrossEntropy',
    calledBy: 'CategoricalCrossentropy.computeFused',
  },
  {
    kernelName: 'StrataCategoricalCEGrad',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: 'the ~20 kernels of its gradient',
    op: 'categoricalCrossEntropy',
    calledBy: 'its gradient',
  },
  {
    kernelName: 'StrataSoftmax',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "Softmax up to 16,384 elements (a classifier's output), whose XNNPACK kernel wakes the thread pool on the threaded wasm build; larger tensors run the backend's Softmax inside it",
    op: 'softmax',
    calledBy: "the softmax activation and the Softmax layer's last axis",
  },
  {
    kernelName: 'StrataSoftmaxGrad',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "the 4 kernels of tfjs's softmax gradient (Multiply, Sum, Sub, Multiply)",
    op: 'softmax',
    calledBy: 'its gradient',
  },
  {
    kernelName: 'StrataMeanUpdate',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "a running mean's Sum or Multiply and two Adds (Add wakes XNNPACK's thread pool on the threaded wasm build)",
    op: 'meanUpdate',
    calledBy: "fit's loss tracker and every mean metric of one value per sample",
  },
  {
    kernelName: 'StrataArgMaxMatches',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: "accuracy's ArgMax, Equal, Casts and Reshape",
    op: 'argMaxMatches',
    calledBy: 'sparse_categorical_accuracy and categorical_accuracy',
  },
  {
    kernelName: 'StrataSparseLabelCheck',
    backends: ['cpu', 'wasm'],
    registered: 'first use',
    replaces: 'an op chain of ~20 kernels (which other backends run)',
    op: 'sparseLabelCheck',
    calledBy: "the trainer's label range check",
  },
  // Registered for wasm under tfjs's names (wasm-training-kernels.ts). Written out: a call here would keep the list in bundles.
  {
    kernelName: 'Conv2DBackpropFilter',
    backends: ['wasm'],
    registered: 'useBackend',
    replaces: 'nothing: tfjs-backend-wasm has no such kernel',
    op: '—',
    calledBy: "conv2dAffine's gradient on wasm, tf.conv2d's gradient",
    underTfjsName: true,
  },
  {
    kernelName: 'DepthwiseConv2dNativeBackpropFilter',
    backends: ['wasm'],
    registered: 'useBackend',
    replaces: 'nothing: tfjs-backend-wasm has no such kernel',
    op: '—',
    calledBy: "tf.depthwiseConv2d's gradient",
    underTfjsName: true,
  },
  {
    kernelName: 'DepthwiseConv2dNativeBackpropInput',
    backends: ['wasm'],
    registered: 'useBackend',
    replaces: 'nothing: tfjs-backend-wasm has no such kernel',
    op: '—',
    calledBy: "tf.depthwiseConv2d's gradient",
    underTfjsName: true,
  },
  {
    kernelName: 'UnsortedSegmentSum',
    backends: ['wasm'],
    registered: 'useBackend',
    replaces: 'nothing: tfjs-backend-wasm has no such kernel',
    op: '—',
    calledBy: "tf.gather's gradient (Embedding)",
    underTfjsName: true,
  },
  {
    kernelName: 'Einsum',
    backends: ['wasm'],
    registered: 'useBackend',
    replaces: "nothing: tfjs-backend-wasm has none (runs tfjs's cpu kernel on a copy)",
    op: '—',
    calledBy: 'tf.einsum (EinsumDense)',
    underTfjsName: true,
  },
  {
    kernelName: 'Identity',
    backends: ['wasm'],
    registered: 'useBackend',
    replaces: "tfjs-backend-wasm's, which copies where cpu shares the data (same values); kept under tfjs's name because the engine, not an op, runs it",
    op: '—',
    calledBy: 'tf.clone, and every tensor the engine saves for a backward pass',
    underTfjsName: true,
  },
];
