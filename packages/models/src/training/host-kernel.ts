import * as tf from '@tensorflow/tfjs-core';

/**
 * What the training module's own kernels need of the cpu and wasm backends:
 * the values behind a tensor in host memory, and a new tensor to fill. Both
 * backends keep data on the host, so a JS loop over it is one kernel call.
 */
export interface HostBackend extends tf.KernelBackend {
  data?: { get(dataId: object): { values?: unknown } };
  makeTensorInfo?(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
  makeOutput?(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap?(info: tf.TensorInfo): Float32Array | Int32Array;
}

export function valuesOf(backend: HostBackend, info: tf.TensorInfo): Float32Array | Int32Array {
  if (backend.typedArrayFromHeap) return backend.typedArrayFromHeap(info);
  return backend.data!.get(info.dataId).values as Float32Array | Int32Array;
}

/** A new float32 tensor on the backend, filled by `fill` (on wasm, after allocating: views detach when the heap grows). */
export function output(backend: HostBackend, shape: number[], fill: (out: Float32Array) => void): tf.TensorInfo {
  if (backend.makeOutput && backend.typedArrayFromHeap) {
    const info = backend.makeOutput(shape, 'float32');
    fill(backend.typedArrayFromHeap(info) as Float32Array);
    return info;
  }
  const values = new Float32Array(tf.util.sizeFromShape(shape));
  fill(values);
  return backend.makeTensorInfo!(shape, 'float32', values);
}
