import { expectAllClose } from '@strata/testing';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Normalization, Rescaling } from './index';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { preprocessingSpecs } from '../test-support/specs/preprocessing';

beforeAll(async () => {
  await useBackend('cpu');
});

const KERAS_DATA = [
  [0, 7, 4],
  [2, 9, 6],
  [0, 7, 4],
  [2, 9, 6],
];

/** Column means and population variances, by loops. */
function columnMoments(rows: number[][]): [number[], number[]] {
  const n = rows.length;
  const mean = rows[0].map((_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  const variance = rows[0].map((_, j) => rows.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / n);
  return [mean, variance];
}

describe('Rescaling', () => {
  it('computes x * scale + offset in float32, for numbers and per-channel arrays', () => {
    const x = tf.tensor2d([[0, 255, 128]], undefined, 'int32');
    const out = new Rescaling(1 / 127.5, { offset: -1 }).apply(x) as tf.Tensor;
    expect(out.dtype).toBe('float32');
    expectAllClose(out, [[-1, 1, 128 / 127.5 - 1]]);
    const perChannel = new Rescaling([1, 2, 3], { offset: [0, 1, 0] }).apply(tf.ones([2, 3])) as tf.Tensor;
    expectAllClose(perChannel, [
      [1, 3, 3],
      [1, 3, 3],
    ]);
  });

  it('writes Keras config keys', () => {
    const layer = new Rescaling(0.5, { offset: 2 });
    expect(layer.getConfig()).toMatchObject({ scale: 0.5, offset: 2 });
  });

  it('rejects a scale that is not a number', () => {
    expect(() => new Rescaling(Number.NaN)).toThrow(/Rescaling expects `scale`/);
  });
});

describe('Normalization', () => {
  it('adapts per-feature mean and variance from a tensor as Keras documents', async () => {
    const layer = new Normalization({ axis: -1 });
    await layer.adapt(tf.tensor2d(KERAS_DATA));
    expectAllClose(layer.adaptMean!.read(), [1, 8, 5]);
    expectAllClose(layer.adaptVariance!.read(), [1, 1, 1]);
    expectAllClose(layer.apply(tf.tensor2d([[0, 7, 4]])) as tf.Tensor, [[-1, -1, -1]]);
    expect(layer.weights.map((w) => w.name)).toEqual(['mean', 'variance', 'count']);
    expect(layer.nonTrainableWeights.length).toBe(3);
    expect(layer.trainableWeights.length).toBe(0);
  });

  it('with axis null computes one global mean and variance (from a plain array)', async () => {
    const layer = new Normalization({ axis: null });
    await layer.adapt([1, 2, 3, 4, 5]);
    expectAllClose(layer.adaptMean!.read(), 3);
    expectAllClose(layer.adaptVariance!.read(), 2);
    expectAllClose(layer.apply(tf.tensor1d([1, 2, 3])) as tf.Tensor, [-Math.SQRT2, -Math.SQRT1_2, 0]);
  });

  it('combines uneven batches of an async iterable to the exact whole-data statistics', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => [Math.sin(i) * 3, i * i * 0.1, (i % 3) - 1]);
    const [mean, variance] = columnMoments(rows);
    async function* batches() {
      yield tf.tensor2d(rows.slice(0, 1));
      yield tf.tensor2d(rows.slice(1, 5));
      yield tf.tensor2d(rows.slice(5));
    }
    const layer = new Normalization();
    await layer.adapt(batches());
    expectAllClose(layer.adaptMean!.read(), mean, { rtol: 1e-5, atol: 1e-5 });
    expectAllClose(layer.adaptVariance!.read(), variance, { rtol: 1e-5, atol: 1e-5 });
    const out = (layer.apply(tf.tensor2d(rows)) as tf.Tensor).arraySync() as number[][];
    const expected = rows.map((r) => r.map((v, j) => (v - mean[j]) / Math.max(Math.sqrt(variance[j]), 1e-7)));
    expectAllClose(out, expected, { rtol: 1e-4, atol: 1e-5 });
  });

  it('keeps several axes, and inverts', async () => {
    // Input [batch, 2, 2]; axis [1, 2]: one statistic per (row, column) position.
    const data = [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [3, 6],
        [3, 0],
      ],
    ];
    const layer = new Normalization({ axis: [1, 2] });
    await layer.adapt(tf.tensor3d(data));
    expectAllClose(layer.adaptMean!.read(), [
      [2, 4],
      [3, 2],
    ]);
    expectAllClose(layer.adaptVariance!.read(), [
      [1, 4],
      [0, 4],
    ]);
    const inverse = new Normalization({ axis: -1, invert: true });
    await inverse.adapt(tf.tensor2d(KERAS_DATA));
    expectAllClose(inverse.apply(tf.tensor2d([[1, 2, 3]])) as tf.Tensor, [[2, 10, 8]]);
  });

  it('uses a given mean and variance, aligned with the kept axes from the right', () => {
    const scalar = new Normalization({ mean: 3, variance: 2 });
    expectAllClose(scalar.apply(tf.tensor2d([[1], [2], [3]])) as tf.Tensor, [[-Math.SQRT2], [-Math.SQRT1_2], [0]]);
    expect(scalar.weights.length).toBe(0);
    const perChannel = new Normalization({ axis: -1, mean: [1, 2], variance: [4, 9] });
    expectAllClose(perChannel.apply(tf.tensor3d([[[3, 8]], [[1, -1]]])) as tf.Tensor, [[[1, 2]], [[0, -1]]]);
    expect(perChannel.getConfig()).toMatchObject({ axis: [-1], invert: false, mean: [1, 2], variance: [4, 9] });
  });

  it('writes Keras config keys after adapt', async () => {
    const adapted = new Normalization();
    await adapted.adapt(tf.tensor2d(KERAS_DATA));
    const config = adapted.getConfig();
    expect(config).toMatchObject({ axis: [-1], invert: false, mean: null, variance: null });
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      adapted.apply(tf.ones([2, 3]));
    });
    await adapted.adapt([
      [1, 2, 3],
      [3, 4, 5],
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects inconsistent arguments and data with clear errors', async () => {
    expect(() => new Normalization({ mean: 1 })).toThrow(/both `mean` and `variance` must be set/);
    expect(() => new Normalization({ mean: [1, 2], variance: [1] })).toThrow(/same shape/);
    expect(() => new Normalization({ axis: -1, mean: [[1]], variance: [[1]] })).toThrow(/rank of `mean`/);
    expect(() => new Normalization({ axis: 3 }).apply(tf.ones([2, 3]))).toThrow(/range \[-ndim, ndim\)/);
    const layer = new Normalization();
    await layer.adapt(tf.ones([4, 3]));
    await expect(layer.adapt(tf.ones([4, 2]))).rejects.toThrow(/incompatible shape/);
  });
});

describeLayerTests('preprocessing layers through the layer harness', preprocessingSpecs);
