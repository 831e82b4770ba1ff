import { useBackend } from '@strata/backend';
import { BinaryCrossentropy, SparseCategoricalCrossentropy } from '@strata/losses';
import { expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  type Metric,
  SparseCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  TopKCategoricalAccuracy,
  getMetric,
} from './index';

beforeAll(() => useBackend('cpu'));

/** Feeds the batches, then returns the metric's result as a number and frees it. */
function stream(metric: Metric, batches: Array<[number[] | number[][], number[][] | number[], number[]?]>): number {
  for (const [yTrue, yPred, weights] of batches) {
    metric.updateState(tf.tensor(yTrue), tf.tensor(yPred), weights ? tf.tensor(weights) : undefined);
  }
  const result = metric.result();
  const value = result.dataSync()[0];
  result.dispose();
  return value;
}

/** A pseudo-random batch of `size` rows of `classes` scores, deterministic for the tests. */
function scores(size: number, classes: number, seed: number): number[][] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: size }, () => Array.from({ length: classes }, next));
}
const argmax = (row: number[]) => row.indexOf(Math.max(...row));

describe('accuracy metrics', () => {
  it('match the numbers in the Keras documentation', () => {
    expect(stream(new Accuracy(), [[[[1], [2], [3], [4]], [[0], [2], [3], [4]]]])).toBeCloseTo(0.75, 6);
    expect(stream(new Accuracy(), [[[[1], [2], [3], [4]], [[0], [2], [3], [4]], [1, 1, 0, 0]]])).toBeCloseTo(0.5, 6);
    expect(stream(new BinaryAccuracy(), [[[[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]]]])).toBeCloseTo(0.75, 6);
    expect(stream(new BinaryAccuracy(), [[[[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]], [1, 0, 0, 1]]])).toBeCloseTo(0.5, 6);
    const oneHot = [[0, 0, 1], [0, 1, 0]];
    const predictions = [[0.1, 0.9, 0.8], [0.05, 0.95, 0]];
    expect(stream(new CategoricalAccuracy(), [[oneHot, predictions]])).toBeCloseTo(0.5, 6);
    expect(stream(new CategoricalAccuracy(), [[oneHot, predictions, [0.7, 0.3]]])).toBeCloseTo(0.3, 6);
    const sparsePredictions = [[0.1, 0.6, 0.3], [0.05, 0.95, 0]];
    expect(stream(new SparseCategoricalAccuracy(), [[[[2], [1]], sparsePredictions]])).toBeCloseTo(0.5, 6);
    expect(stream(new SparseCategoricalAccuracy(), [[[[2], [1]], sparsePredictions, [0.7, 0.3]]])).toBeCloseTo(0.3, 6);
    expect(stream(new TopKCategoricalAccuracy({ k: 1 }), [[oneHot, predictions, [0.7, 0.3]]])).toBeCloseTo(0.3, 6);
    expect(stream(new SparseTopKCategoricalAccuracy({ k: 1 }), [[[2, 1], predictions]])).toBeCloseTo(0.5, 6);
  });

  it('stream over several batches of different sizes like a naive count', () => {
    const batches = [scores(5, 4, 1), scores(3, 4, 2), scores(7, 4, 3)];
    const labels = batches.map((batch, b) => batch.map((_, i) => (i * 7 + b) % 4));
    const weights = batches.map((batch) => batch.map((_, i) => (i % 3) * 0.5));
    let hits = 0;
    let weightedHits = 0;
    let weightTotal = 0;
    let topTwoHits = 0;
    let count = 0;
    batches.forEach((batch, b) => {
      batch.forEach((row, i) => {
        const hit = argmax(row) === labels[b][i] ? 1 : 0;
        hits += hit;
        weightedHits += hit * weights[b][i];
        weightTotal += weights[b][i];
        topTwoHits += row.filter((score) => score > row[labels[b][i]]).length < 2 ? 1 : 0;
        count++;
      });
    });
    const sparse = batches.map((batch, b): [number[], number[][]] => [labels[b], batch]);
    expect(stream(new SparseCategoricalAccuracy(), sparse)).toBeCloseTo(hits / count, 6);
    const weighted = batches.map((batch, b): [number[], number[][], number[]] => [labels[b], batch, weights[b]]);
    expect(stream(new SparseCategoricalAccuracy(), weighted)).toBeCloseTo(weightedHits / weightTotal, 6);
    const dense = batches.map((batch, b): [number[][], number[][]] => [labels[b].map((id) => [0, 1, 2, 3].map((k) => (k === id ? 1 : 0))), batch]);
    expect(stream(new CategoricalAccuracy(), dense)).toBeCloseTo(hits / count, 6);
    expect(stream(new SparseTopKCategoricalAccuracy({ k: 2 }), sparse)).toBeCloseTo(topTwoHits / count, 6);
    expect(stream(new TopKCategoricalAccuracy({ k: 2 }), dense)).toBeCloseTo(topTwoHits / count, 6);
  });

  it('binary accuracy uses the threshold, per element, averaged per sample', () => {
    const metric = new BinaryAccuracy({ threshold: 0.7 });
    // Row 1: 0.8 > 0.7 matches 1, 0.6 <= 0.7 matches 0 -> 1; row 2: 0.75 vs 0 misses, 0.2 vs 1 misses -> 0.
    expect(stream(metric, [[[[1, 0], [0, 1]], [[0.8, 0.6], [0.75, 0.2]]]])).toBeCloseTo(0.5, 6);
    expect(() => new BinaryAccuracy({ threshold: 1 })).toThrow(/threshold/);
  });

  it('leave the tensor count unchanged through update, result and reset', async () => {
    const metrics: Metric[] = [new SparseCategoricalAccuracy(), new BinaryAccuracy(), new SparseTopKCategoricalAccuracy({ k: 2 })];
    const yPred = tf.tensor(scores(4, 3, 9));
    const yTrue = tf.tensor([0, 1, 2, 1]);
    const binaryTrue = tf.tensor([[0, 1, 1], [1, 0, 0], [0, 0, 1], [1, 1, 1]]);
    const weights = tf.ones([4]);
    for (const metric of metrics) {
      const labels = metric instanceof BinaryAccuracy ? binaryTrue : yTrue;
      await expectNoLeak(() => {
        metric.updateState(labels, yPred, weights);
        tf.tidy(() => metric.updateState(labels, yPred));
        metric.result().dispose();
        metric.resetState();
      });
      expectAllClose(metric.result(), 0);
      const variables = metric.variables.length;
      await expectNoLeak(() => metric.dispose(), -variables);
    }
  });
});

describe("getMetric('accuracy')", () => {
  it('resolves like Keras 3 compile_utils from the shapes, keeping the name the user gave', () => {
    const table: Array<[string, number[], number[], string]> = [
      ['accuracy', [32], [32, 10], 'SparseCategoricalAccuracy'],
      ['acc', [32, 1], [32, 10], 'SparseCategoricalAccuracy'],
      ['accuracy', [32, 10], [32, 10], 'CategoricalAccuracy'],
      ['accuracy', [32, 1], [32, 1], 'BinaryAccuracy'],
      ['acc', [32], [32, 1], 'BinaryAccuracy'],
      ['accuracy', [8, 5], [8, 5, 4], 'SparseCategoricalAccuracy'],
      ['Accuracy', [16, 3], [16, 3], 'CategoricalAccuracy'],
    ];
    for (const [identifier, yTrueShape, yPredShape, className] of table) {
      const metric = getMetric(identifier, { yTrueShape, yPredShape });
      expect([identifier, yTrueShape, yPredShape, metric.className, metric.name]).toEqual([
        identifier,
        yTrueShape,
        yPredShape,
        className,
        identifier,
      ]);
      metric.dispose();
    }
  });

  it('falls back on the loss before the label shape is known', () => {
    const table: Array<[Parameters<typeof getMetric>[1], string]> = [
      [{ loss: 'sparse_categorical_crossentropy' }, 'SparseCategoricalAccuracy'],
      [{ loss: new SparseCategoricalCrossentropy({ fromLogits: true }) }, 'SparseCategoricalAccuracy'],
      [{ loss: 'binary_crossentropy' }, 'BinaryAccuracy'],
      [{ loss: new BinaryCrossentropy() }, 'BinaryAccuracy'],
      [{ loss: 'categorical_crossentropy' }, 'CategoricalAccuracy'],
      [{ loss: 'mse', yPredShape: [null, 1] }, 'BinaryAccuracy'],
      [{}, 'CategoricalAccuracy'],
    ];
    for (const [context, className] of table) {
      const metric = getMetric('acc', context);
      expect(metric.className).toBe(className);
      expect(metric.name).toBe('acc');
      metric.dispose();
    }
  });

  it('resolves other names, camelCase and class names', () => {
    const table: Array<[string, string]> = [
      ['sparse_categorical_accuracy', 'SparseCategoricalAccuracy'],
      ['sparseCategoricalAccuracy', 'SparseCategoricalAccuracy'],
      ['mse', 'MeanSquaredError'],
      ['mae', 'MeanAbsoluteError'],
      ['meanAbsoluteError', 'MeanAbsoluteError'],
      ['AUC', 'AUC'],
      ['precision', 'Precision'],
      ['root_mean_squared_error', 'RootMeanSquaredError'],
      ['binary_crossentropy', 'MeanMetricWrapper'],
      ['kld', 'MeanMetricWrapper'],
    ];
    for (const [identifier, className] of table) {
      const metric = getMetric(identifier);
      expect([identifier, metric.className, metric.name]).toEqual([identifier, className, identifier]);
      metric.dispose();
    }
    expect(() => getMetric('f7_score')).toThrow(/f7_score/);
  });
});
