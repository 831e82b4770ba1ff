import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNormalization, GroupNormalization, LayerNormalization, UnitNormalization } from './index';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { normalizationSpecs } from '../test-support/specs/normalization';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Mean and biased variance of each group of values, written out. */
function stats(values: number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return [mean, values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length];
}

/** Values of a [rows, columns] array by column. */
function columns(data: ArrayLike<number>, width: number): number[][] {
  const result: number[][] = Array.from({ length: width }, () => []);
  for (let i = 0; i < data.length; i++) result[i % width].push(data[i]);
  return result;
}

describe('BatchNormalization semantics', () => {
  const x = () => tf.tensor2d([[1, 10], [3, 20], [8, -6], [0, 4]]);

  it('training normalizes with the batch statistics and moves the moving statistics with Keras\'s formula', () => {
    const layer = new BatchNormalization({ momentum: 0.9, epsilon: 1e-3 });
    const input = x();
    const output = layer.apply(input, { training: true }) as tf.Tensor;
    const byFeature = columns(input.dataSync(), 2);
    const [[mean0, var0], [mean1, var1]] = byFeature.map(stats);
    const expected = input.dataSync().map((v, i) => {
      const [mean, variance] = i % 2 === 0 ? [mean0, var0] : [mean1, var1];
      return (v - mean) / Math.sqrt(variance + 1e-3);
    });
    expectAllClose(output, expected);
    // moving = moving * momentum + batch * (1 - momentum), from zeros and ones.
    const [movingMean, movingVariance] = layer.nonTrainableWeights.map((w) => w.read());
    expectAllClose(movingMean, [0.1 * mean0, 0.1 * mean1]);
    expectAllClose(movingVariance, [0.9 + 0.1 * var0, 0.9 + 0.1 * var1]);
    layer.apply(input, { training: true });
    expectAllClose(layer.nonTrainableWeights[0].read(), [0.19 * mean0, 0.19 * mean1]);
  });

  it('training differentiates through the batch statistics while updating the moving ones', () => {
    const layer = new BatchNormalization({ momentum: 0.5 });
    const input = tf.randomNormal([6, 3], 2, 3, 'float32', 4);
    layer.apply(input);
    const upstream = tf.variable(tf.scalar(1.5));
    const projection = tf.randomNormal([6, 3], 0, 1, 'float32', 5);
    const [gamma] = layer.trainableWeights;
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.mul(layer.apply(tf.mul(input, upstream), { training: true }) as tf.Tensor, projection)) as tf.Scalar,
      [gamma.value, upstream],
    );
    // d/dgamma of sum(P * (gamma * x_hat + beta)) is sum over the batch of P * x_hat, x_hat from the batch statistics.
    const scaled = tf.mul(input, 1.5);
    const { mean, variance } = tf.moments(scaled, 0);
    const normalized = tf.div(tf.sub(scaled, mean), tf.sqrt(tf.add(variance, 1e-3)));
    expectAllClose(grads[gamma.value.name], tf.sum(tf.mul(projection, normalized), 0), { rtol: 1e-4, atol: 1e-5 });
    // Batch normalization with batch statistics is (almost) scale-invariant: the input scale gets (almost) no gradient.
    expect(Math.abs(grads[upstream.name].dataSync()[0])).toBeLessThan(1e-3);
    expectAllClose(layer.nonTrainableWeights[0].read(), tf.mul(mean, 0.5), { rtol: 1e-5, atol: 1e-6 });
  });

  it('inference uses the moving statistics and leaves them alone', () => {
    const layer = new BatchNormalization({ epsilon: 0.01 });
    layer.apply(x());
    layer.setWeights([tf.tensor1d([2, 0.5]), tf.tensor1d([1, -1]), tf.tensor1d([3, 5]), tf.tensor1d([4, 0.25])]);
    const output = layer.apply(x(), { training: false }) as tf.Tensor;
    const expected = x()
      .dataSync()
      .map((v, i) => (i % 2 === 0 ? (2 * (v - 3)) / Math.sqrt(4.01) + 1 : (0.5 * (v - 5)) / Math.sqrt(0.26) - 1));
    expectAllClose(output, expected);
    expectAllClose(layer.nonTrainableWeights[0].read(), [3, 5]);
  });

  it('a frozen layer runs in inference mode even when training', () => {
    const layer = new BatchNormalization();
    layer.apply(x());
    layer.trainable = false;
    layer.apply(x(), { training: true });
    // Frozen, every weight is non-trainable: read moving_mean by its position in `weights`.
    expectAllClose(layer.weights[2].read(), [0, 0]);
  });

  it('masked steps do not count in the batch statistics', () => {
    const layer = new BatchNormalization({ momentum: 0 });
    const input = tf.tensor3d([[[1], [2], [100]]]);
    layer.apply(input, { training: true, mask: tf.tensor2d([[1, 1, 0]], [1, 3], 'bool') });
    // Keras adds 1e-7 to the weight sum: the mean of [1, 2] to within 1e-6.
    expectAllClose(layer.nonTrainableWeights[0].read(), [1.5], { rtol: 1e-5, atol: 1e-6 });
    expectAllClose(layer.nonTrainableWeights[1].read(), [0.25], { rtol: 1e-5, atol: 1e-6 });
  });

  it('weights, order and config are Keras\'s', () => {
    const layer = new BatchNormalization();
    layer.apply(tf.zeros([1, 4, 4, 16]));
    expect(layer.weights.map((w) => w.name)).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
    expect(layer.countParams()).toBe(64);
    expect(layer.getConfig()).toMatchObject({ axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, synchronized: false });
  });
});

describe('other normalizations match their formulas', () => {
  it('LayerNormalization normalizes each sample over its features', () => {
    const layer = new LayerNormalization({ epsilon: 1e-3 });
    const input = tf.tensor2d([[1, 2, 6], [-3, 0, 9]]);
    layer.apply(input);
    layer.setWeights([tf.tensor1d([1, 2, 3]), tf.tensor1d([0, 1, -1])]);
    const rows = [[1, 2, 6], [-3, 0, 9]];
    const expected = rows.flatMap((row) => {
      const [mean, variance] = stats(row);
      return row.map((v, j) => ((v - mean) / Math.sqrt(variance + 1e-3)) * [1, 2, 3][j] + [0, 1, -1][j]);
    });
    expectAllClose(layer.apply(input) as tf.Tensor, expected);
    const rms = new LayerNormalization({ rmsScaling: true, epsilon: 1e-3 }).apply(input) as tf.Tensor;
    expectAllClose(rms, rows.flatMap((row) => row.map((v) => v / Math.sqrt(row.reduce((a, b) => a + b * b, 0) / 3 + 1e-3))));
  });

  it('GroupNormalization normalizes each sample within each channel group', () => {
    const input = tf.randomNormal([2, 3, 4], 0, 2, 'float32', 9);
    const data = input.dataSync();
    const expected = new Float32Array(data.length);
    for (let batch = 0; batch < 2; batch++) {
      for (let group = 0; group < 2; group++) {
        const indices: number[] = [];
        for (let step = 0; step < 3; step++) for (let c = group * 2; c < group * 2 + 2; c++) indices.push(batch * 12 + step * 4 + c);
        const [mean, variance] = stats(indices.map((i) => data[i]));
        for (const i of indices) expected[i] = (data[i] - mean) / Math.sqrt(variance + 1e-3);
      }
    }
    expectAllClose(new GroupNormalization({ groups: 2 }).apply(input) as tf.Tensor, expected, { rtol: 1e-5, atol: 1e-5 });
    expect(() => new GroupNormalization({ groups: 3 }).apply(input)).toThrow(/multiple of the number of channels/);
  });

  it('UnitNormalization gives unit L2 norms', () => {
    const output = new UnitNormalization().apply(tf.tensor2d([[3, 4], [0, 0]])) as tf.Tensor;
    expectAllClose(output, [0.6, 0.8, 0, 0]);
  });
});

describeLayerTests('normalization layers through the layer harness', normalizationSpecs);
