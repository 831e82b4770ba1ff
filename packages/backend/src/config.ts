import * as tf from '@tensorflow/tfjs-core';

/**
 * The global settings Keras reads with `keras.config.floatx()`,
 * `epsilon()`, `image_data_format()` and `backend()`, as Strata has them.
 * Strata computes in float32 with a fuzz factor of 1e-7 and lays images out
 * channels_last by default (each layer also takes a `dataFormat`); these are
 * fixed, so Keras's setters (`set_floatx`...) have no counterpart.
 */

/** The float dtype of weights and computations: always `'float32'` in Strata. */
export function floatx(): 'float32' {
  return 'float32';
}

/** The fuzz factor Strata's losses, metrics and normalizations add to denominators: `1e-7`, Keras's default. */
export function epsilon(): number {
  return 1e-7;
}

/** The default image layout of the layers that take a `dataFormat`: `'channels_last'`. */
export function imageDataFormat(): 'channels_last' {
  return 'channels_last';
}

/**
 * The name of the tfjs-core backend computing now (`'cpu'`, `'wasm'`, `'webgl'`,
 * `'webgpu'`, or a custom one), as Keras's `backend()` names its Python backend;
 * choose it with `useBackend`.
 */
export function backend(): string {
  return tf.getBackend();
}
