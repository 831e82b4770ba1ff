import * as tf from '@tensorflow/tfjs-core';

/**
 * Whether the active backend can read device data synchronously (`dataSync`).
 * WebGPU cannot reliably: tfjs's `dataSync` there needs an OffscreenCanvas,
 * which Node lacks, and gives zeros in some browsers; callers read with
 * `data()` instead. The trainer (logs) and `toCategorical` ask this, so that
 * no package outside @strata/backend names a backend.
 */
export function readsSynchronously(): boolean {
  return tf.getBackend() !== 'webgpu';
}
