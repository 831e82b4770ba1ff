/**
 * How the typed ops choose a kernel: Strata's, under Strata's name, where the
 * active backend has one; else tfjs's kernel under tfjs's name. Kernels under
 * Strata's names run only where these ops call them, so anything else sharing
 * tfjs's engine (tfjs-layers in the bench) keeps running tfjs's kernels.
 */
import * as tf from '@tensorflow/tfjs-core';

/** `strataName` when the active backend registered a kernel under it, else `tfjsName`. */
export function kernelFor(strataName: string, tfjsName: string): string {
  return tf.getKernel(strataName, tf.getBackend()) === undefined ? tfjsName : strataName;
}

/**
 * Makes sure the active backend has a kernel named `strataName`, registering
 * it on first use as a call of the backend's own `tfjsName` (looked up on each
 * call). A Strata-named forward kernel lets an op carry a gradient of its own
 * while computing exactly what tfjs's kernel computes. Returns false, and
 * registers nothing, when the backend has no `tfjsName` either.
 */
export function ensureCallOf(strataName: string, tfjsName: string): boolean {
  const backendName = tf.getBackend();
  if (tf.getKernel(strataName, backendName) !== undefined) return true;
  if (tf.getKernel(tfjsName, backendName) === undefined) return false;
  tf.registerKernel({
    kernelName: strataName,
    backendName,
    // wasm's kernels bind their WebAssembly functions when the backend starts (setupFunc); the call still reaches them.
    kernelFunc: (args) => tf.getKernel(tfjsName, backendName)!.kernelFunc(args),
  });
  return true;
}
