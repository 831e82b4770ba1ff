import * as tf from '@tensorflow/tfjs-core';
import { STRATA_DENSE_CHAIN_BACKWARD, STRATA_DENSE_CHAIN_FORWARD, STRATA_MAT_MUL, STRATA_RELU_BIAS_GRAD, STRATA_SUM_LEADING_AXES } from '../kernel-names';
import type { DenseActivation } from './dense-affine';

/**
 * A chain of Dense layers trained as two kernels a step (docs/decisions/0008):
 * `StrataDenseChainForward` runs every layer's `activation(x · kernel + bias)`,
 * `StrataDenseChainBackward` every layer's kernel and bias gradients from the
 * gradient of the last output. Each is composed of the kernels the tape would
 * run one by one (`StrataMatMul`, `StrataReluBiasGrad`, the bias sum), called
 * directly on the backend's memory, in the same layouts and order, so the
 * results are bit for bit the tape's. What the chain saves is the engine's
 * work around each of those ~15 kernels (tracking, the tape's records, its
 * backward walk): about a third of a small model's step on wasm.
 *
 * Registered on first use, for a backend where `useBackend` registered
 * Strata's product and relu gradient (cpu, wasm); elsewhere the ops return
 * null and the caller trains through the tape.
 */

/** One Dense layer of the chain: `activation(input · kernel + bias)`. */
export interface DenseChainLayer {
  kernel: tf.Tensor2D;
  bias?: tf.Tensor1D;
  activation: DenseActivation;
}

/** The gradients of one layer's weights. */
export interface DenseChainGradients {
  kernel: tf.Tensor2D;
  bias?: tf.Tensor1D;
}

interface ChainAttrs {
  activations: DenseActivation[];
  biases: boolean[];
}

type Info = tf.TensorInfo;

/** The kernels the chain is composed of, bound to one backend. */
function chainKernels(backend: tf.KernelBackend, backendName: string) {
  const product = tf.getKernel(STRATA_MAT_MUL, backendName)!.kernelFunc;
  const reluGrad = tf.getKernel(STRATA_RELU_BIAS_GRAD, backendName)!.kernelFunc;
  // As sumLeadingAxes: Strata's kernel where registered (wasm), else the backend's Sum.
  const sum = (tf.getKernel(STRATA_SUM_LEADING_AXES, backendName) ?? tf.getKernel('Sum', backendName)!).kernelFunc;
  return {
    multiply: (a: Info, b: Info, transposeA: boolean, transposeB: boolean, bias?: Info, activation: DenseActivation = 'linear') =>
      product({ inputs: bias ? { a, b, bias } : { a, b }, attrs: { transposeA, transposeB, activation }, backend }) as Info,
    reluBiasGrad: (dy: Info, y: Info) => reluGrad({ inputs: { dy, y }, attrs: {}, backend }) as Info[],
    sumRows: (x: Info) => sum({ inputs: { x }, attrs: { axis: [0], keepDims: false }, backend }) as Info,
    dispose: (info: Info) => backend.disposeData(info.dataId),
  };
}

function forwardKernel({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): Info[] {
  const { activations, biases } = attrs as unknown as ChainAttrs;
  const kernels = chainKernels(backend as tf.KernelBackend, tf.getBackend());
  const outputs: Info[] = [];
  try {
    let input = inputs.x as Info;
    activations.forEach((activation, i) => {
      input = kernels.multiply(input, inputs[`kernel${i}`] as Info, false, false, biases[i] ? (inputs[`bias${i}`] as Info) : undefined, activation);
      outputs.push(input);
    });
    return outputs;
  } catch (error) {
    outputs.forEach(kernels.dispose);
    throw error;
  }
}

/**
 * From the last layer back: relu's mask and the bias gradient in one pass
 * (or the bias sum of a linear layer), the kernel gradient `inputᵀ · dz`, and,
 * but for the first layer, the gradient of the layer's input `dz · kernelᵀ`.
 * Outputs: each layer's kernel gradient, then its bias gradient if it has a bias, first layer first.
 */
function backwardKernel({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): Info[] {
  const { activations, biases } = attrs as unknown as ChainAttrs;
  const kernels = chainKernels(backend as tf.KernelBackend, tf.getBackend());
  const perLayer: Info[][] = activations.map(() => []);
  const temporaries: Info[] = [];
  try {
    let gradient = inputs.dy as Info;
    for (let i = activations.length - 1; i >= 0; i--) {
      let dz = gradient;
      let biasGradient: Info | undefined;
      if (activations[i] === 'relu') {
        [dz, biasGradient] = kernels.reluBiasGrad(gradient, inputs[`output${i}`] as Info);
        temporaries.push(dz);
        if (!biases[i]) temporaries.push(biasGradient);
      } else if (biases[i]) {
        biasGradient = kernels.sumRows(dz);
      }
      const input = i === 0 ? (inputs.x as Info) : (inputs[`output${i - 1}`] as Info);
      perLayer[i].push(kernels.multiply(input, dz, true, false));
      if (biases[i]) perLayer[i].push(biasGradient!);
      if (i > 0) {
        gradient = kernels.multiply(dz, inputs[`kernel${i}`] as Info, false, true);
        temporaries.push(gradient);
      }
    }
    return perLayer.flat();
  } catch (error) {
    perLayer.flat().forEach(kernels.dispose);
    throw error;
  } finally {
    temporaries.forEach(kernels.dispose);
  }
}

/** Whether the active backend can run the chain (Strata's product and relu gradient registered), registering the chain's kernels on first use. */
function ensureRegistered(): boolean {
  const backendName = tf.getBackend();
  if (tf.getKernel(STRATA_DENSE_CHAIN_FORWARD, backendName) !== undefined) return true;
  if (tf.getKernel(STRATA_MAT_MUL, backendName) === undefined || tf.getKernel(STRATA_RELU_BIAS_GRAD, backendName) === undefined) return false;
  tf.registerKernel({ kernelName: STRATA_DENSE_CHAIN_FORWARD, backendName, kernelFunc: forwardKernel as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: STRATA_DENSE_CHAIN_BACKWARD, backendName, kernelFunc: backwardKernel as unknown as tf.KernelFunc });
  return true;
}

function chainAttrs(layers: DenseChainLayer[]): tf.NamedAttrMap {
  const attrs: ChainAttrs = { activations: layers.map((layer) => layer.activation), biases: layers.map((layer) => layer.bias !== undefined) };
  return attrs as unknown as tf.NamedAttrMap;
}

/** Whether every shape chains: rank-2 float32 `x`, each kernel [inputs, units] taking the previous width, each bias [units]. */
function chainFits(x: tf.Tensor, layers: DenseChainLayer[]): boolean {
  if (x.rank !== 2 || x.dtype !== 'float32' || layers.length === 0) return false;
  let width = x.shape[1];
  for (const { kernel, bias } of layers) {
    if (kernel.rank !== 2 || kernel.dtype !== 'float32' || kernel.shape[0] !== width) return false;
    width = kernel.shape[1];
    if (bias !== undefined && (bias.dtype !== 'float32' || bias.rank !== 1 || bias.shape[0] !== width)) return false;
  }
  return true;
}

/**
 * Every layer's output for training, first layer first (the last one is the
 * chain's output), in one kernel; null where the active backend has no chain
 * kernel or the shapes do not chain (the caller then runs its layers one by one,
 * which also reports a mismatch by layer).
 */
export function denseChainForward(x: tf.Tensor2D, layers: DenseChainLayer[]): tf.Tensor2D[] | null {
  if (!chainFits(x, layers) || !ensureRegistered()) return null;
  const inputs: tf.NamedTensorMap = { x };
  layers.forEach((layer, i) => {
    inputs[`kernel${i}`] = layer.kernel;
    if (layer.bias) inputs[`bias${i}`] = layer.bias;
  });
  return tf.engine().runKernel(STRATA_DENSE_CHAIN_FORWARD, inputs, chainAttrs(layers)) as unknown as tf.Tensor2D[];
}

/**
 * The weights' gradients of the chain, from `dy`, the gradient of its last
 * output, given its input `x` and the `outputs` of `denseChainForward`, in one
 * kernel. The first layer's input gradient, which no weight needs, is never computed.
 */
export function denseChainBackward(dy: tf.Tensor2D, x: tf.Tensor2D, outputs: tf.Tensor2D[], layers: DenseChainLayer[]): DenseChainGradients[] {
  if (!ensureRegistered()) throw new Error(`denseChainBackward has no kernel on the '${tf.getBackend()}' backend; call it only after denseChainForward succeeded.`);
  const inputs: tf.NamedTensorMap = { dy, x };
  layers.forEach((layer, i) => {
    inputs[`kernel${i}`] = layer.kernel;
    inputs[`output${i}`] = outputs[i];
  });
  const flat = tf.engine().runKernel(STRATA_DENSE_CHAIN_BACKWARD, inputs, chainAttrs(layers)) as unknown as tf.Tensor[];
  let next = 0;
  return layers.map((layer) => {
    const kernel = flat[next++] as tf.Tensor2D;
    return layer.bias ? { kernel, bias: flat[next++] as tf.Tensor1D } : { kernel };
  });
}
