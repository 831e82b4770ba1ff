import { useBackend } from '@strata/backend';
import { checkGradients, expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CategoricalHinge,
  CosineSimilarity,
  Hinge,
  Huber,
  KLDivergence,
  LogCosh,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
  Poisson,
  SquaredHinge,
  cosineSimilarity,
  huber,
  logCosh,
} from './index';

beforeAll(() => useBackend('cpu'));

const EPS = 1e-7;
const yTrue = [
  [0.5, 1, -2, 0],
  [3, 0, 1, 1],
  [0, 0, 0.25, 2],
];
const yPred = [
  [0.4, 2, -1, 0.5],
  [1, 0.1, 1, 3],
  [-0.5, 0, 0.3, 1.5],
];

/** Applies `element(t, p)` to each pair and averages each row, as the per-sample losses do. */
function rowMeans(element: (t: number, p: number) => number, trueRows = yTrue, predRows = yPred): number[] {
  return trueRows.map((row, i) => row.reduce((sum, t, k) => sum + element(t, predRows[i][k]), 0) / row.length);
}

const naive = {
  mse: (t: number, p: number) => (t - p) ** 2,
  mae: (t: number, p: number) => Math.abs(t - p),
  mape: (t: number, p: number) => (100 * Math.abs(t - p)) / Math.max(Math.abs(t), EPS),
  msle: (t: number, p: number) => (Math.log(Math.max(p, EPS) + 1) - Math.log(Math.max(t, EPS) + 1)) ** 2,
  huber: (t: number, p: number) => (Math.abs(p - t) <= 1 ? 0.5 * (p - t) ** 2 : Math.abs(p - t) - 0.5),
  logCosh: (t: number, p: number) => Math.log(Math.cosh(p - t)),
  poisson: (t: number, p: number) => p - t * Math.log(p + EPS),
};

describe('regression losses', () => {
  it('match naive loops, per sample and reduced', () => {
    const cases: Array<[{ call(a: tf.Tensor, b: tf.Tensor): tf.Tensor; compute(a: tf.Tensor, b: tf.Tensor): tf.Tensor }, (t: number, p: number) => number]> = [
      [new MeanSquaredError(), naive.mse],
      [new MeanAbsoluteError(), naive.mae],
      [new MeanAbsolutePercentageError(), naive.mape],
      [new MeanSquaredLogarithmicError(), naive.msle],
      [new Huber(), naive.huber],
      [new LogCosh(), naive.logCosh],
    ];
    for (const [loss, element] of cases) {
      const expected = rowMeans(element);
      expectAllClose(loss.call(tf.tensor(yTrue), tf.tensor(yPred)), expected, { rtol: 1e-5 });
      expectAllClose(loss.compute(tf.tensor(yTrue), tf.tensor(yPred)), expected.reduce((a, b) => a + b) / 3, { rtol: 1e-5 });
    }
  });

  it('match the numbers in the Keras documentation', () => {
    expectAllClose(tf.mean(huber(tf.tensor([[0, 1], [0, 0]]), tf.tensor([[0.6, 0.4], [0.4, 0.6]]))), 0.155, { rtol: 1e-3 });
    expectAllClose(tf.mean(logCosh(tf.tensor([[0, 1], [0, 0]]), tf.tensor([[1, 1], [0, 0]]))), 0.108, { rtol: 5e-3 });
    const similarity = cosineSimilarity(tf.tensor([[0, 1], [1, 1], [1, 1]]), tf.tensor([[1, 0], [1, 1], [-1, -1]]));
    expectAllClose(similarity, [0, -0.99999994, 0.99999994], { atol: 1e-6 });
  });

  it('huber uses delta and has a gradient through both branches', () => {
    const loss = new Huber({ delta: 0.5 });
    const element = (t: number, p: number) => (Math.abs(p - t) <= 0.5 ? 0.5 * (p - t) ** 2 : 0.5 * Math.abs(p - t) - 0.125);
    expectAllClose(loss.call(tf.tensor(yTrue), tf.tensor(yPred)), rowMeans(element), { rtol: 1e-5 });
    const check = checkGradients((x) => loss.compute(tf.tensor(yTrue), x) as tf.Scalar, [tf.tensor(yPred)], { epsilon: 1e-3 });
    expect(check.maxRelativeError).toBeLessThan(1e-2);
  });

  it('squeezes labels of shape [batch] against predictions of shape [batch, 1]', () => {
    const loss = new MeanSquaredError();
    expectAllClose(loss.compute(tf.tensor([1, 2, 3]), tf.tensor([[1.5], [2], [2]])), (0.25 + 0 + 1) / 3, { rtol: 1e-6 });
    expect(() => loss.compute(tf.tensor([[1, 2, 3]]), tf.tensor([[1, 2]]))).toThrow(/mean_squared_error.*\[1, 3\].*\[1, 2\]/);
  });

  it('cosine similarity is 0 for a zero vector and has a gradient', () => {
    const loss = new CosineSimilarity({ reduction: 'none' });
    expectAllClose(loss.compute(tf.tensor([[0, 0]]), tf.tensor([[1, 2]])), [0]);
    const check = checkGradients((x) => new CosineSimilarity().compute(tf.tensor(yTrue), x) as tf.Scalar, [tf.tensor(yPred)], {
      epsilon: 1e-3,
    });
    expect(check.maxRelativeError).toBeLessThan(1e-2);
  });

  it('mse and log-cosh gradients match finite differences', () => {
    for (const loss of [new MeanSquaredError(), new LogCosh()]) {
      const check = checkGradients((x) => loss.compute(tf.tensor(yTrue), x) as tf.Scalar, [tf.tensor(yPred)], { epsilon: 1e-3 });
      expect(check.maxRelativeError).toBeLessThan(1e-2);
    }
  });
});

describe('hinge losses', () => {
  const predictions = [
    [0.3, -0.8, 1.5],
    [-0.2, 0.4, 0.9],
  ];

  it('convert 0/1 labels to -1/1 and match naive loops', () => {
    const binaryLabels = [
      [1, 0, 1],
      [0, 0, 1],
    ];
    const signed = binaryLabels.map((row) => row.map((y) => 2 * y - 1));
    const hingeElement = (t: number, p: number) => Math.max(1 - t * p, 0);
    const expected = rowMeans(hingeElement, signed, predictions);
    expectAllClose(new Hinge().call(tf.tensor(binaryLabels), tf.tensor(predictions)), expected, { rtol: 1e-6 });
    expectAllClose(new Hinge().call(tf.tensor(signed), tf.tensor(predictions)), expected, { rtol: 1e-6 });
    const squared = rowMeans((t, p) => hingeElement(t, p) ** 2, signed, predictions);
    expectAllClose(new SquaredHinge().call(tf.tensor(binaryLabels), tf.tensor(predictions)), squared, { rtol: 1e-6 });
  });

  it('categorical hinge is max(neg - pos + 1, 0)', () => {
    const labels = [
      [0, 0, 1],
      [1, 0, 0],
    ];
    const expected = labels.map((row, i) => {
      const positive = row.reduce((sum, y, k) => sum + y * predictions[i][k], 0);
      const negative = Math.max(...row.map((y, k) => (1 - y) * predictions[i][k]));
      return Math.max(negative - positive + 1, 0);
    });
    expectAllClose(new CategoricalHinge().call(tf.tensor(labels), tf.tensor(predictions)), expected, { rtol: 1e-6 });
  });
});

describe('probabilistic losses', () => {
  it('KL divergence clips both arguments to [eps, 1]', () => {
    const labels = [
      [0, 0.3, 0.7],
      [1, 0, 0],
    ];
    const probabilities = [
      [0.2, 0.3, 0.5],
      [0, 0.5, 0.5],
    ];
    const clip = (x: number) => Math.min(1, Math.max(Math.fround(EPS), x));
    const expected = labels.map((row, i) =>
      row.reduce((sum, t, k) => sum + clip(t) * Math.log(clip(t) / clip(probabilities[i][k])), 0),
    );
    expectAllClose(new KLDivergence().call(tf.tensor(labels), tf.tensor(probabilities)), expected, { rtol: 1e-5 });
  });

  it('Poisson matches a naive loop', () => {
    const labels = [
      [1, 0, 3],
      [2, 2, 0],
    ];
    const rates = [
      [0.5, 1, 2.5],
      [2, 0, 0.1],
    ];
    expectAllClose(new Poisson().call(tf.tensor(labels), tf.tensor(rates)), rowMeans(naive.poisson, labels, rates), {
      rtol: 1e-5,
    });
  });
});
