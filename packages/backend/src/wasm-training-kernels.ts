/**
 * Kernels that training needs and that tfjs-backend-wasm 4.22 lacks, gets
 * wrong or runs slowly (docs/BACKENDS.md, "wasm training"): without them a CNN, a
 * depthwise layer or an Embedding cannot train on wasm. Most are compositions
 * of wasm's own native kernels (wasm-kernels/): an im2col pass and XNNPACK's
 * matrix product or convolution. Einsum, which no Strata layer needs, still
 * runs the cpu backend's kernel on a copy of the data. Kernels wasm lacks
 * register under tfjs's names (tfjs-layers needs them too); Strata's versions
 * of kernels wasm has register under Strata's names (kernel-names.ts), which
 * only Strata's ops (ops/) run, so that tfjs-layers keeps tfjs's own.
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilter } from './wasm-kernels/conv2d-backprop-filter';
import { conv2dBackpropInput } from './wasm-kernels/conv2d-backprop-input';
import { conv3dBackpropFilter, conv3dBackpropInput } from './wasm-kernels/conv3d-backprop';
import { depthwiseConv2dBackpropFilter, depthwiseConv2dBackpropInput } from './wasm-kernels/depthwise-backprop';
import { sharedIdentity } from './wasm-kernels/identity';
import { STRATA_MAT_MUL, strataMatMul } from './wasm-kernels/mat-mul';
import { maxPoolGrad } from './wasm-kernels/max-pool-grad';
import {
  STRATA_CONV2D_BACKPROP_INPUT,
  STRATA_CONV3D_BACKPROP_FILTER,
  STRATA_CONV3D_BACKPROP_INPUT,
  STRATA_MAX_POOL_GRAD,
  STRATA_RELU_BIAS_GRAD,
  STRATA_SUM_LEADING_AXES,
} from './kernel-names';
import { reluBiasGrad } from './wasm-kernels/relu-bias-grad';
import { sumLeadingAxes } from './wasm-kernels/sum-leading-axes';
import { unsortedSegmentSum } from './wasm-kernels/unsorted-segment-sum';

/** Kernels wasm does not have at all. */
export const wasmMissingKernels = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'UnsortedSegmentSum',
  'Einsum',
] as const;

/**
 * Kernels wasm has that Strata still replaces under tfjs's name: only
 * Identity. tfjs-backend-wasm 4.22's copies the data where cpu shares it
 * (wasm-kernels/identity.ts), and the engine itself runs Identity on every
 * tensor it saves for a backward pass (tf.clone), so no op of Strata's can
 * choose another name for it. Sharing gives the same values as copying; the
 * copies cost 1.5 ms of a 50 ms step of the tutorial CNN, and tfjs-layers,
 * sharing the engine, gets the same saving (the comparison is not tilted
 * towards Strata).
 */
export const wasmReplacedKernels = ['Identity'] as const;

/**
 * Kernels under Strata's own names, which Strata's ops run when the backend
 * has them (and tfjs-layers never does): the relu and bias gradients in one
 * SIMD pass; Strata's matrix product (wasm-kernels/mat-mul.ts); and Strata's versions of kernels wasm computes wrongly or slowly,
 * which tfjs-layers runs as tfjs ships them. wasm's MaxPoolGrad sends the
 * gradient to the first cell of a window whose values are all negative, where
 * cpu (and TensorFlow) send it to the maximum; its Conv2DBackpropInput is a
 * plain loop about ten times slower than the forward convolution; its Sum
 * over leading axes (every bias gradient) transposes first; its Conv3D
 * gradients are wrong with strides and 'same' padding (zeros for the input's,
 * wrong values for the filter's: wasm-kernels/conv3d-backprop.ts).
 */
export const wasmStrataNamedKernels = [
  STRATA_RELU_BIAS_GRAD,
  STRATA_MAT_MUL,
  STRATA_MAX_POOL_GRAD,
  STRATA_CONV2D_BACKPROP_INPUT,
  STRATA_CONV3D_BACKPROP_INPUT,
  STRATA_CONV3D_BACKPROP_FILTER,
  STRATA_SUM_LEADING_AXES,
] as const;

/** Strata's implementations built from wasm's native kernels; they need no other backend. */
const nativeCompositions: Readonly<Record<string, tf.KernelFunc>> = {
  Conv2DBackpropFilter: conv2dBackpropFilter,
  DepthwiseConv2dNativeBackpropFilter: depthwiseConv2dBackpropFilter,
  DepthwiseConv2dNativeBackpropInput: depthwiseConv2dBackpropInput,
  UnsortedSegmentSum: unsortedSegmentSum,
  Identity: sharedIdentity,
  // Literal keys, the values of the STRATA_* names: computed keys would keep all this in bundles that never use wasm.
  StrataReluBiasGrad: reluBiasGrad,
  StrataMatMul: strataMatMul,
  StrataMaxPoolGrad: maxPoolGrad,
  StrataConv2DBackpropInput: conv2dBackpropInput,
  StrataConv3DBackpropInput: conv3dBackpropInput,
  StrataConv3DBackpropFilter: conv3dBackpropFilter,
};

/** Kernels that handle only some cases and hand the others to one of wasm's own kernels. */
const nativeRefinements: Readonly<Record<string, { wasmKernel: string; refine: (wasmKernel: tf.KernelFunc) => tf.KernelFunc }>> = {
  StrataSumLeadingAxes: { wasmKernel: 'Sum', refine: sumLeadingAxes },
};

type TensorInfo = tf.TensorInfo;

interface WasmBackendSurface {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(tensor: TensorInfo): tf.backend_util.TypedArray;
}

interface CpuBackendSurface {
  write(values: tf.backend_util.BackendValues, shape: number[], dtype: tf.DataType): tf.DataId;
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

/** Names of the kernels Strata registered for wasm, for the coverage table. */
export const strataWasmKernels = new Set<string>();

/** How each of strataWasmKernels runs: composed of wasm's native kernels, or tfjs's cpu kernel on a copy. */
export type StrataWasmKernelKind = 'native' | 'cpu-copy';

/** The kind of a kernel Strata registered for wasm; undefined for the others. */
export function strataWasmKernelKind(kernelName: string): StrataWasmKernelKind | undefined {
  if (!strataWasmKernels.has(kernelName)) return undefined;
  return kernelName in nativeCompositions || kernelName in nativeRefinements ? 'native' : 'cpu-copy';
}

function runOnCpu(kernelName: string, cpuKernel: tf.KernelConfig): tf.KernelFunc {
  return ({ inputs, attrs, backend }) => {
    const wasm = backend as unknown as WasmBackendSurface;
    const cpu = tf.engine().findBackend('cpu') as unknown as CpuBackendSurface;
    const cpuInputs: Record<string, TensorInfo> = {};
    const temporary: tf.DataId[] = [];
    try {
      for (const [inputName, input] of Object.entries(inputs)) {
        if (input === undefined) continue;
        // slice(): readSync returns a view of the wasm heap, which a later allocation may move.
        const dataId = cpu.write((wasm.readSync(input.dataId) as tf.backend_util.TypedArray).slice(), input.shape, input.dtype);
        temporary.push(dataId);
        cpuInputs[inputName] = { dataId, shape: input.shape, dtype: input.dtype };
      }
      const cpuOutput = cpuKernel.kernelFunc({ inputs: cpuInputs, attrs, backend: cpu as unknown as tf.KernelBackend });
      const cpuOutputs = Array.isArray(cpuOutput) ? cpuOutput : [cpuOutput];
      const wasmOutputs = cpuOutputs.map((output) => {
        const result = wasm.makeOutput(output.shape, output.dtype);
        wasm.typedArrayFromHeap(result).set(cpu.readSync(output.dataId) as tf.backend_util.TypedArray);
        temporary.push(output.dataId);
        return result;
      });
      return Array.isArray(cpuOutput) ? wasmOutputs : wasmOutputs[0];
    } catch (error) {
      throw new Error(`Strata's wasm kernel '${kernelName}' failed while running on the cpu backend: ${String(error)}`, {
        cause: error,
      });
    } finally {
      for (const dataId of temporary) cpu.disposeData(dataId, true);
    }
  };
}

function missingCpuKernel(kernelName: string): tf.KernelFunc {
  return () => {
    throw new Error(
      `The wasm backend has no '${kernelName}' kernel, and Strata runs it through the cpu backend, which is not installed: ` +
        `add @tensorflow/tfjs-backend-cpu@${tf.version_core} to your dependencies to train this model on wasm.`,
    );
  };
}

/**
 * Registers Strata's training kernels for 'wasm'. Called by useBackend('wasm'),
 * never on import. The native compositions need nothing else. The kernels
 * that run on the cpu backend need `cpuAvailable`; without it they are
 * registered as stubs whose error says to install the cpu backend.
 */
export function registerWasmTrainingKernels(cpuAvailable: boolean): void {
  for (const kernelName of wasmStrataNamedKernels) {
    if (strataWasmKernels.has(kernelName)) continue;
    const refinement = nativeRefinements[kernelName];
    let kernelFunc = nativeCompositions[kernelName];
    if (refinement !== undefined) {
      const wasmKernel = tf.getKernel(refinement.wasmKernel, 'wasm');
      if (wasmKernel === undefined) continue; // the op then runs tfjs's kernel
      // wasm's setupFunc binds its C++ function when the backend starts; the refinement still calls it.
      kernelFunc = refinement.refine(wasmKernel.kernelFunc);
    }
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
    strataWasmKernels.add(kernelName);
  }
  const replaced = new Set<string>(wasmReplacedKernels);
  for (const kernelName of [...wasmMissingKernels, ...wasmReplacedKernels]) {
    if (strataWasmKernels.has(kernelName)) continue;
    const wasmKernel = tf.getKernel(kernelName, 'wasm');
    if (replaced.has(kernelName)) {
      if (wasmKernel !== undefined) tf.unregisterKernel(kernelName, 'wasm');
    } else if (wasmKernel !== undefined) {
      continue; // a later tfjs release has its own kernel: prefer it
    }
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: strataKernelFunc(kernelName, cpuAvailable) });
    strataWasmKernels.add(kernelName);
  }
}

function strataKernelFunc(kernelName: string, cpuAvailable: boolean): tf.KernelFunc {
  const native = nativeCompositions[kernelName];
  if (native !== undefined) return native;
  const cpuKernel = cpuAvailable ? tf.getKernel(kernelName, 'cpu') : undefined;
  return cpuKernel ? runOnCpu(kernelName, cpuKernel) : missingCpuKernel(kernelName);
}
