/**
 * MaxPooling1D and MaxPooling2D send each window's gradient to the window's
 * maximum on cpu and wasm, windows of negative values included: on wasm
 * through @strata/backend's maxPool2d and its StrataMaxPoolGrad, since
 * tfjs-backend-wasm 4.22's own MaxPoolGrad, which tf.maxPool still runs there,
 * sends those to another cell. (The harness's random inputs rarely make a
 * window of negative values, so this case is written out.)
 */
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { BasePooling } from './base-pooling';
import { MaxPooling1D, MaxPooling2D } from './index';

/** The gradient of Σ layer(x) · w with respect to x, read back. */
async function gradientOf(layer: BasePooling, x: tf.Tensor, w: tf.Tensor): Promise<number[]> {
  const before = tf.memory().numTensors;
  const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, w)))(x);
  const values = Array.from(await dx.data());
  dx.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

for (const backendName of ['cpu', 'wasm'] as const) {
  describe(`max pooling's gradient on ${backendName}`, () => {
    it('MaxPooling2D: each all-negative 2×2 window sends its gradient to its maximum', async () => {
      await useBackend(backendName);
      // Windows [-3, -1 / -5, -6] (maximum −1, second cell) and [-2, -4 / -0.5, -7] (maximum −0.5, third cell).
      const x = tf.tensor4d([-3, -1, -2, -4, -5, -6, -0.5, -7], [1, 2, 4, 1]);
      const w = tf.tensor4d([2, 3], [1, 1, 2, 1]);
      expect(await gradientOf(new MaxPooling2D(2), x, w)).toEqual([0, 2, 0, 0, 0, 0, 3, 0]);
      tf.dispose([x, w]);
    });

    it('MaxPooling1D: the same for windows of a sequence', async () => {
      await useBackend(backendName);
      const x = tf.tensor3d([-3, -1, -2, -4, -9, -8], [1, 6, 1]);
      const w = tf.tensor3d([2, 3, 5], [1, 3, 1]);
      expect(await gradientOf(new MaxPooling1D(2), x, w)).toEqual([0, 2, 3, 0, 0, 5]);
      tf.dispose([x, w]);
    });
  });
}
