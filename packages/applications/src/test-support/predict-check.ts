/**
 * Test support: checks that a built application predicts on a small random batch with the expected
 * output shape and finite values (softmax rows summing to one), and that nothing leaks, the model included.
 */
import type { Model } from '@strata/models';
import { expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

export async function expectPredicts(
  build: () => Model,
  inputShape: number[],
  outputShape: number[],
  softmax: boolean,
): Promise<void> {
  await expectNoLeak(async () => {
    const model = build();
    const x = tf.randomUniform(inputShape, 0, 1, 'float32', 7);
    const y = (await model.predict(x)) as tf.Tensor;
    expect(y.shape).toEqual(outputShape);
    const values = Array.from(await y.data());
    expect(values.every(Number.isFinite)).toBe(true);
    if (softmax) {
      const rows = outputShape[0];
      const width = values.length / rows;
      for (let r = 0; r < rows; r++) {
        const sum = values.slice(r * width, (r + 1) * width).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 4);
      }
    } else {
      expect(values.some((v) => v !== 0)).toBe(true);
    }
    tf.dispose([x, y]);
    model.dispose();
  });
}
