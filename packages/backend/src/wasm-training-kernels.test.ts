/**
 * Without the cpu backend package, the one Strata wasm kernel that still runs
 * on cpu (Einsum) cannot run; calling it must say so instead of failing with
 * "kernel not registered", while the native compositions (a CNN's gradients)
 * keep working. Simulated by registering the kernels as if cpu were absent,
 * in a process of its own where useBackend('wasm') never ran.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect, test } from 'vitest';
import { ensureGradients } from './gradients';
import { nodeWasmDirectory } from './wasm-node';
import { registerWasmTrainingKernels, strataWasmKernelKind, strataWasmKernels } from './wasm-training-kernels';

test('without the cpu backend, CNN gradients work and Einsum names the package to install', async () => {
  await ensureGradients();
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(await nodeWasmDirectory());
  registerWasmTrainingKernels(false);
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(tf.findBackend('cpu')).toBeNull();
  expect(strataWasmKernelKind('StrataMaxPoolGrad')).toBe('native');
  expect(strataWasmKernels.has('Einsum')).toBe(true);
  const filterGradient = tf.grad((filter: tf.Tensor) =>
    tf.sum(tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid')),
  );
  // Each of the 3×3 taps sees the 2×2 output positions, each with input 1.
  expect(Array.from(await filterGradient(tf.ones([3, 3, 1, 1])).data())).toEqual(new Array(9).fill(4));
  expect(() => tf.einsum('ij,jk->ik', tf.ones([2, 2]), tf.ones([2, 2]))).toThrow(
    /add @tensorflow\/tfjs-backend-cpu@4\.22\.0 to your dependencies/,
  );
});
