import { useBackend } from '../use-backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { reluBiasGrad } from './relu-bias-grad';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`reluBiasGrad on ${backend}`, () => {
    it('passes dy where the output is positive and sums it per channel (a hand-worked case)', async () => {
      await useBackend(backend);
      // Two rows of three channels; zeros in y (a relu that cut) stop the gradient, as tfjs's step(0) = 0.
      const y = tf.tensor2d([
        [0.5, 0, 2],
        [0, 3, -0],
      ]);
      const dy = tf.tensor2d([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const before = tf.memory().numTensors;
      const { dz, biasGrad } = reluBiasGrad(dy, y);
      expect(await dz.array()).toEqual([
        [1, 0, 3],
        [0, 5, 0],
      ]);
      expect(Array.from(await biasGrad.data())).toEqual([1, 5, 3]);
      expect(biasGrad.shape).toEqual([3]);
      tf.dispose([dz, biasGrad]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([y, dy]);
      // As tfjs's mul(dy, step(y)): an infinite dy where the relu cut gives NaN, not 0.
      const cut = reluBiasGrad(tf.tensor2d([[Number.POSITIVE_INFINITY, 1]]), tf.tensor2d([[0, 1]]));
      expect(Array.from(await cut.dz.data())).toEqual([Number.NaN, 1]);
      tf.dispose([cut.dz, cut.biasGrad]);
    });

    it("equals tfjs's mul(dy, step(y)) and its sum over leading axes on a rank-4 activation", async () => {
      await useBackend(backend);
      const y = tf.relu(tf.randomNormal([3, 5, 4, 7], 0, 1, 'float32', 1));
      const dy = tf.randomNormal([3, 5, 4, 7], 0, 1, 'float32', 2);
      const { dz, biasGrad } = reluBiasGrad(dy, y);
      const expectedDz = tf.mul(dy, tf.step(y));
      const expectedBias = tf.sum(expectedDz, [0, 1, 2]);
      expect(Array.from(await dz.data())).toEqual(Array.from(await expectedDz.data()));
      const sums = await biasGrad.data();
      // The kernel sums in float64, tfjs in float32: about 1e-6 relative apart.
      (await expectedBias.data()).forEach((value, c) => expect(sums[c]).toBeCloseTo(value, 5));
      tf.dispose([y, dy, dz, biasGrad, expectedDz, expectedBias]);
    });
  });
}
