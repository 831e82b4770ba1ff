/**
 * Identity for wasm that shares its input's memory, as tfjs's cpu backend
 * does. tfjs-backend-wasm 4.22 copies the data, and the engine clones every
 * tensor it saves for the backward pass through this kernel: 47 copies per
 * step of the tutorial CNN (1.5 ms of about 50), several of them 2.8 MB
 * activations. Tensors are immutable, so sharing is safe; the one kernel
 * family that writes in place, Strata's fused optimizer updates, does so only
 * when a tensor's memory has a single owner (refCount 1).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { asWasmBackend, type TensorInfo } from './wasm-backend';

export const sharedIdentity: tf.KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: TensorInfo };
  asWasmBackend(backend).incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
};
