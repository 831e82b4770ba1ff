import { useBackend } from '@strata/backend';
import { MeanSquaredError as MeanSquaredErrorLoss } from '@strata/losses';
import { expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Mean, MeanAbsoluteError, MeanMetricWrapper, MeanSquaredError, RootMeanSquaredError, Sum, getMetric } from './index';

beforeAll(() => useBackend('cpu'));

const resultOf = (metric: { result(): tf.Tensor }) => {
  const result = metric.result();
  const value = result.dataSync()[0];
  result.dispose();
  return value;
};

describe('Mean and Sum', () => {
  it('match the numbers in the Keras documentation', () => {
    const mean = new Mean();
    mean.updateState(tf.tensor([1, 3, 5, 7]));
    expect(resultOf(mean)).toBeCloseTo(4, 6);
    mean.resetState();
    mean.updateState(tf.tensor([1, 3, 5, 7]), tf.tensor([1, 1, 0, 0]));
    expect(resultOf(mean)).toBeCloseTo(2, 6);
    const sum = new Sum();
    sum.updateState(tf.tensor([1, 3, 5, 7]), tf.tensor([1, 1, 0, 0]));
    expect(resultOf(sum)).toBeCloseTo(4, 6);
  });

  it('tracks a loss over batches, weighted by a number or a tensor', () => {
    const mean = new Mean({ name: 'loss' });
    mean.updateState(tf.scalar(2), 32);
    mean.updateState(tf.scalar(5), 8);
    expect(resultOf(mean)).toBeCloseTo((2 * 32 + 5 * 8) / 40, 5);
    // Values of shape [batch, steps] are averaged per sample before weighting.
    const perStep = new Mean();
    perStep.updateState(tf.tensor([[1, 3], [10, 20]]), tf.tensor([1, 3]));
    expect(resultOf(perStep)).toBeCloseTo((2 * 1 + 15 * 3) / 4, 5);
    expect(resultOf(new Mean())).toBe(0);
  });

  it('leaves the tensor count unchanged', async () => {
    const mean = new Mean();
    const values = tf.tensor([1, 2, 3]);
    const weights = tf.ones([3]);
    await expectNoLeak(() => {
      mean.updateState(values, weights);
      mean.result().dispose();
      mean.resetState();
    });
    await expectNoLeak(() => mean.dispose(), -2);
  });
});

describe('regression metrics', () => {
  const batches: Array<[number[][], number[][], number[]]> = [
    [[[1, 2], [3, 4]], [[1.5, 2], [2, 5]], [1, 2]],
    [[[0, 0], [1, 1], [2, 2]], [[0.5, -0.5], [1, 3], [2, 2]], [0.5, 1, 1]],
  ];

  it('stream like naive weighted per-sample means', () => {
    let squared = 0;
    let absolute = 0;
    let weightTotal = 0;
    for (const [yTrue, yPred, weights] of batches) {
      yTrue.forEach((row, i) => {
        const rowSquared = row.reduce((sum, t, k) => sum + (t - yPred[i][k]) ** 2, 0) / row.length;
        const rowAbsolute = row.reduce((sum, t, k) => sum + Math.abs(t - yPred[i][k]), 0) / row.length;
        squared += rowSquared * weights[i];
        absolute += rowAbsolute * weights[i];
        weightTotal += weights[i];
      });
    }
    const metrics = [new MeanSquaredError(), new MeanAbsoluteError(), new RootMeanSquaredError(), getMetric('mse')];
    for (const metric of metrics) {
      for (const [yTrue, yPred, weights] of batches) metric.updateState(tf.tensor(yTrue), tf.tensor(yPred), tf.tensor(weights));
    }
    const expected = [squared / weightTotal, absolute / weightTotal, Math.sqrt(squared / weightTotal), squared / weightTotal];
    expectAllClose(metrics.map(resultOf), expected, { rtol: 1e-5 });
    expect(metrics.map((metric) => metric.name)).toEqual(['mean_squared_error', 'mean_absolute_error', 'root_mean_squared_error', 'mse']);
  });

  it('wraps a plain function and a loss instance like Keras', () => {
    const fromFunction = new MeanMetricWrapper(function absoluteDifference(yTrue: tf.Tensor, yPred: tf.Tensor) {
      return tf.abs(tf.sub(yTrue, yPred));
    });
    expect(fromFunction.name).toBe('absoluteDifference');
    fromFunction.updateState(tf.tensor([1, 2, 3]), tf.tensor([2, 2, 5]));
    expect(resultOf(fromFunction)).toBeCloseTo(1, 6);
    // A Loss instance is called as Keras calls it, loss(yTrue, yPred): one reduced value per batch.
    const fromLoss = getMetric(new MeanSquaredErrorLoss());
    fromLoss.updateState(tf.tensor([[0, 0]]), tf.tensor([[1, 1]]));
    fromLoss.updateState(tf.tensor([[0, 0], [0, 0]]), tf.tensor([[3, 3], [3, 3]]));
    expect(resultOf(fromLoss)).toBeCloseTo(5, 5);
    expect(fromLoss.name).toBe('mean_squared_error');
  });
});
