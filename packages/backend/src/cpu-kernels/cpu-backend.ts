/**
 * The part of tfjs-backend-cpu's MathBackendCPU that Strata's cpu kernels use:
 * each tensor's values live in a typed array in `data`, read here without a
 * copy, and a kernel's output is a new array handed over with makeTensorInfo.
 * Inputs are never written: the cpu backend may hold the very array a tensor
 * was made from.
 */
import type * as tf from '@tensorflow/tfjs-core';

export interface CpuBackend {
  data: { get(dataId: tf.DataId): { values?: tf.backend_util.BackendValues } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

export function asCpuBackend(backend: unknown): CpuBackend {
  return backend as CpuBackend;
}

/** The float32 values of a cpu tensor; throws, naming the kernel and the input, for any other dtype. */
export function float32Values(backend: CpuBackend, tensor: tf.TensorInfo, kernelName: string, inputName: string): Float32Array {
  const values = backend.data.get(tensor.dataId).values;
  // tfjs's cpu cast from int32 to float32 keeps the Int32Array (no value is lost): read it as floats, once.
  if (tensor.dtype === 'float32' && values instanceof Int32Array) return Float32Array.from(values);
  if (tensor.dtype !== 'float32' || !(values instanceof Float32Array)) {
    throw new Error(`${kernelName} takes float32 tensors, but its input '${inputName}' has dtype ${tensor.dtype}.`);
  }
  return values;
}
