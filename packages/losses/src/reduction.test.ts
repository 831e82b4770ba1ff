import { useBackend } from '@strata/backend';
import { expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MeanSquaredError, SparseCategoricalCrossentropy } from './index';

beforeAll(() => useBackend('cpu'));

// Per-sample MSE of these rows: [1, 4, 0.25, 9].
let yTrue: tf.Tensor;
let yPred: tf.Tensor;
beforeAll(() => {
  yTrue = tf.zeros([4, 2]);
  yPred = tf.tensor([[1, -1], [2, 2], [0.5, 0.5], [3, -3]]);
});
const perSample = [1, 4, 0.25, 9];
const weights = [1, 0.5, 2, 0];
const weightedSum = perSample.reduce((sum, value, i) => sum + value * weights[i], 0);

describe('reductions and sample weights', () => {
  it('follow Keras for every reduction', () => {
    const compute = (reduction: 'sum_over_batch_size' | 'sum' | 'none' | 'mean' | 'mean_with_sample_weight', weighted: boolean) =>
      new MeanSquaredError({ reduction }).compute(yTrue, yPred, weighted ? tf.tensor(weights) : undefined);
    expectAllClose(compute('sum_over_batch_size', false), 14.25 / 4);
    expectAllClose(compute('mean', false), 14.25 / 4);
    expectAllClose(compute('sum', false), 14.25);
    expectAllClose(compute('none', false), perSample);
    expectAllClose(compute('sum_over_batch_size', true), weightedSum / 4);
    expectAllClose(compute('sum', true), weightedSum);
    expectAllClose(compute('none', true), perSample.map((value, i) => value * weights[i]));
    // Keras divides by the sum of the sample weights only for 'mean_with_sample_weight'.
    expectAllClose(compute('mean_with_sample_weight', true), weightedSum / 3.5);
    expectAllClose(compute('mean_with_sample_weight', false), 14.25 / 4);
  });

  it('accepts sample weights of shape [batch, 1] and a scalar weight', () => {
    const loss = new MeanSquaredError();
    expectAllClose(loss.compute(yTrue, yPred, tf.tensor(weights, [4, 1])), weightedSum / 4);
    expectAllClose(loss.compute(yTrue, yPred, tf.scalar(2)), (2 * 14.25) / 4);
  });

  it('weights per time step when the loss is per time step', () => {
    const labels = tf.tensor([[0, 1], [2, 2]]);
    const logits = tf.zeros([2, 2, 3]);
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    expectAllClose(loss.compute(labels, logits, tf.tensor([[1, 0], [1, 1]])), (3 * Math.log(3)) / 4, { rtol: 1e-6 });
  });

  it('rejects an unknown reduction by name', () => {
    expect(() => new MeanSquaredError({ reduction: 'avg' as 'sum' })).toThrow(/reduction.*avg/);
  });

  it('leaves no tensors behind inside a tidy', async () => {
    const loss = new MeanSquaredError();
    await expectNoLeak(() => tf.tidy(() => loss.compute(yTrue, yPred, tf.tensor(weights))).dispose());
  });
});
