/**
 * The part of tfjs-backend-wasm's BackendWasm that Strata's kernels use, and
 * a small helper to compose its registered kernels the way tfjs-backend-wasm's
 * own kernels do: call another kernel's kernelFunc on TensorInfos, then free
 * every intermediate with backend.disposeData. Nothing here goes through the
 * engine, so no intermediate is recorded on a gradient tape or counted as a
 * tensor, and only the returned TensorInfo outlives the kernel.
 */
import * as tf from '@tensorflow/tfjs-core';

export type TensorInfo = tf.TensorInfo;

export interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  /** A view of the tensor's bytes on the wasm heap; invalid after the next allocation may grow the heap. */
  typedArrayFromHeap(tensor: TensorInfo): tf.backend_util.TypedArray;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
  incRef(dataId: tf.DataId): void;
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
}

export function asWasmBackend(backend: unknown): WasmBackend {
  return backend as WasmBackend;
}

/**
 * Runs wasm's own kernel `kernelName` on `inputs`. The caller owns the result
 * and must dispose it (or return it as the kernel's output).
 */
export function runWasmKernel(
  backend: WasmBackend,
  kernelName: string,
  inputs: Record<string, TensorInfo>,
  attrs: Record<string, unknown> = {},
): TensorInfo {
  const kernel = tf.getKernel(kernelName, 'wasm');
  if (kernel === undefined) {
    throw new Error(`Strata's wasm kernels need wasm's own '${kernelName}' kernel, but it is not registered for 'wasm'.`);
  }
  const output = kernel.kernelFunc({
    inputs: inputs as tf.NamedTensorInfoMap,
    attrs: attrs as tf.NamedAttrMap,
    backend: backend as unknown as tf.KernelBackend,
  });
  return Array.isArray(output) ? output[0] : output;
}

/** The same data seen with another shape of the same size; shares the dataId and takes no reference. */
export function withShape(tensor: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: tensor.dataId, shape, dtype: tensor.dtype };
}

/**
 * Collects intermediates to free when a composed kernel ends, whether it
 * returns or throws.
 */
export class Intermediates {
  private readonly owned: TensorInfo[] = [];

  constructor(private readonly backend: WasmBackend) {}

  /** Marks `tensor` for disposal at the end and returns it. */
  keep(tensor: TensorInfo): TensorInfo {
    this.owned.push(tensor);
    return tensor;
  }

  /** Runs wasm's kernel and marks its output for disposal. */
  run(kernelName: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown> = {}): TensorInfo {
    return this.keep(runWasmKernel(this.backend, kernelName, inputs, attrs));
  }

  disposeAll(): void {
    for (const tensor of this.owned.splice(0)) this.backend.disposeData(tensor.dataId);
  }
}

/** Runs `compose` with an Intermediates list that is emptied afterwards. */
export function composed<T>(backend: WasmBackend, compose: (intermediates: Intermediates) => T): T {
  const intermediates = new Intermediates(backend);
  try {
    return compose(intermediates);
  } finally {
    intermediates.disposeAll();
  }
}
