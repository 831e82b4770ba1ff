/**
 * Two wasm threads in Node through the worker-thread shim. Its own file, so
 * its own process: the thread count is fixed once wasm has started.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect, test } from 'vitest';
import { useBackend } from './use-backend';

test('useBackend("wasm", { threads: 2 }) runs the threaded build in Node and computes correctly', async () => {
  const info = await useBackend('wasm', { threads: 2 });
  expect(info.threads).toBe(2);
  expect(info.simd).toBe(true);
  const a = tf.tensor2d(Array.from({ length: 64 * 64 }, (_, index) => (index % 7) - 3), [64, 64]);
  const b = tf.eye(64);
  const product = tf.matMul(a, b);
  expect(Array.from(await product.data())).toEqual(Array.from(await a.data()));
  const filterGradient = tf.grad((filter: tf.Tensor) =>
    tf.sum(tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid')),
  )(tf.ones([3, 3, 1, 1]));
  // Each filter tap sees the 2×2 valid outputs, each from an input of ones.
  expect(Array.from(await filterGradient.data())).toEqual(Array(9).fill(4));
});
