/**
 * The one accessor of the backends that keep tensor data on the host, cpu and
 * wasm: the values behind a tensor without a copy, and a new tensor to fill.
 * Strata's host kernels (JS loops over the backend's own memory) read and
 * write through it, whichever of the two runs them.
 *
 * - cpu (tfjs-backend-cpu's MathBackendCPU): values live in typed arrays in
 *   `data`; a new tensor is a typed array handed over with `makeTensorInfo`.
 * - wasm (tfjs-backend-wasm's BackendWasm): values live on the wasm heap;
 *   `makeOutput` allocates a tensor there and `typedArrayFromHeap` views it.
 *   A view is invalid once an allocation grows the heap, so outputs are made
 *   before any view is taken.
 */
import * as tf from '@tensorflow/tfjs-core';

export type HostValues = Float32Array | Int32Array | Uint8Array;

export interface HostBackend extends tf.KernelBackend {
  data?: { get(dataId: object): { values?: unknown } };
  makeTensorInfo?(shape: number[], dtype: tf.DataType, values: HostValues): tf.TensorInfo;
  makeOutput?(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap?(info: tf.TensorInfo): HostValues;
  /** wasm: the Emscripten module; its memory is `asm.memory` (or `wasmMemory` in the threaded build). */
  wasm?: { asm?: { memory?: unknown }; wasmMemory?: unknown };
}

/** Backends whose data is on the host, so that a JS loop over it is one kernel call. */
const hostBackendNames: ReadonlySet<string> = new Set(['cpu', 'wasm']);

/** The host backend as Strata's host kernels see it. */
export function asHostBackend(backend: unknown): HostBackend {
  return backend as HostBackend;
}

/** Whether the active backend keeps data on the host (cpu, wasm), so that Strata's host kernels run on it. */
export function activeBackendIsHost(): boolean {
  return hostBackendNames.has(tf.getBackend());
}

/** Whether the backend puts kernel outputs on a heap of its own (wasm), as opposed to JS arrays (cpu). */
export function outputsOnHeap(backend: HostBackend): boolean {
  return backend.makeOutput !== undefined && backend.typedArrayFromHeap !== undefined;
}

/** The values behind `info`, without a copy: a view of the wasm heap, or the cpu backend's own array. */
export function hostValues(backend: HostBackend, info: tf.TensorInfo): HostValues {
  if (backend.typedArrayFromHeap) return backend.typedArrayFromHeap(info);
  return backend.data!.get(info.dataId).values as HostValues;
}

/** A new tensor on the backend filled by `fill` (on wasm, after allocating: views detach when the heap grows). */
export function hostOutput<T extends HostValues = Float32Array>(
  backend: HostBackend,
  shape: number[],
  dtype: tf.DataType,
  fill: (out: T) => void,
  arrayOfSize: (size: number) => T = (size) => new Float32Array(size) as T,
): tf.TensorInfo {
  if (outputsOnHeap(backend)) {
    const info = backend.makeOutput!(shape, dtype);
    fill(backend.typedArrayFromHeap!(info) as T);
    return info;
  }
  const values = arrayOfSize(tf.util.sizeFromShape(shape));
  fill(values);
  return backend.makeTensorInfo!(shape, dtype, values);
}

/** The wasm backend's WebAssembly memory (shared in the threaded build), when it exposes one. */
export function wasmMemoryOf(backend: unknown): WebAssembly.Memory | null {
  const module = (backend as HostBackend).wasm;
  const memory = module?.asm?.memory ?? module?.wasmMemory;
  if (typeof WebAssembly !== 'object' || !(memory instanceof WebAssembly.Memory)) return null;
  return memory;
}
