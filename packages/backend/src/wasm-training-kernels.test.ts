/**
 * Without the cpu backend package, Strata's wasm training kernels cannot run;
 * calling one must say so instead of failing with "kernel not registered".
 * Simulated by registering the kernels as if cpu were absent, in a process of
 * its own where useBackend('wasm') never ran.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect, test } from 'vitest';
import { ensureGradients } from './gradients';
import { nodeWasmDirectory } from './wasm-node';
import { registerWasmTrainingKernels, strataWasmKernels } from './wasm-training-kernels';

test('a missing cpu backend gives an error naming the package to install', async () => {
  await ensureGradients();
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(await nodeWasmDirectory());
  registerWasmTrainingKernels(false);
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(strataWasmKernels.has('MaxPoolGrad')).toBe(false); // wasm's own stays when there is nothing better
  const filterGradient = tf.grad((filter: tf.Tensor) =>
    tf.sum(tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid')),
  );
  expect(() => filterGradient(tf.ones([3, 3, 1, 1]))).toThrow(/add @tensorflow\/tfjs-backend-cpu@4\.22\.0 to your dependencies/);
});
