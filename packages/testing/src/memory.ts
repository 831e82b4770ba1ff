import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Runs `body` and asserts it leaves exactly `allowed` more tensors alive than before. */
export async function expectNoLeak<T>(body: () => T | Promise<T>, allowed = 0): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await body();
  expect(tf.memory().numTensors - before, 'tensors left alive').toBe(allowed);
  return result;
}
