import { useBackend } from '@strata/backend';
import { checkGradients, expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BinaryCrossentropy,
  BinaryFocalCrossentropy,
  CategoricalCrossentropy,
  CategoricalFocalCrossentropy,
  SparseCategoricalCrossentropy,
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
} from './index';

beforeAll(() => useBackend('cpu'));

// Keras clips probabilities to [eps, 1 - eps] in float32.
const LOW = Math.fround(1e-7);
const HIGH = Math.fround(1 - 1e-7);
const clip = (p: number) => Math.min(HIGH, Math.max(LOW, p));

/** Naive categorical cross-entropy of one row, from probabilities or logits. */
function naiveCategorical(labels: number[], output: number[], fromLogits: boolean): number {
  let probabilities: number[];
  if (fromLogits) {
    const max = Math.max(...output);
    const exps = output.map((x) => Math.exp(x - max));
    const total = exps.reduce((a, b) => a + b, 0);
    probabilities = exps.map((e) => e / total);
    return -labels.reduce((sum, y, k) => sum + y * Math.log(probabilities[k]), 0);
  }
  const total = output.reduce((a, b) => a + b, 0);
  probabilities = output.map((p) => clip(p / total));
  return -labels.reduce((sum, y, k) => sum + y * Math.log(probabilities[k]), 0);
}

function naiveBinary(label: number, output: number, fromLogits: boolean): number {
  const p = fromLogits ? 1 / (1 + Math.exp(-output)) : clip(output);
  if (fromLogits) return Math.max(output, 0) - output * label + Math.log1p(Math.exp(-Math.abs(output)));
  return -(label * Math.log(p) + (1 - label) * Math.log(1 - p));
}

const oneHot = (ids: number[], depth: number) => ids.map((id) => Array.from({ length: depth }, (_, k) => (k === id ? 1 : 0)));

describe('categorical cross-entropy', () => {
  const yTrue = [
    [0, 1, 0],
    [0, 0, 1],
  ];
  const yPred = [
    [0.05, 0.95, 0],
    [0.1, 0.8, 0.1],
  ];

  it('matches the numbers in the Keras documentation', () => {
    const loss = new CategoricalCrossentropy();
    expectAllClose(loss.compute(tf.tensor(yTrue), tf.tensor(yPred)), 1.177, { rtol: 1e-3 });
    expectAllClose(loss.compute(tf.tensor(yTrue), tf.tensor(yPred), tf.tensor([0.3, 0.7])), 0.814, { rtol: 1e-3 });
    expectAllClose(new CategoricalCrossentropy({ reduction: 'sum' }).compute(tf.tensor(yTrue), tf.tensor(yPred)), 2.354, {
      rtol: 1e-3,
    });
    expectAllClose(new CategoricalCrossentropy({ reduction: 'none' }).compute(tf.tensor(yTrue), tf.tensor(yPred)), [0.0513, Math.LN10], {
      rtol: 1e-3,
    });
  });

  it('matches a naive loop, with logits, label smoothing and a probability of exactly 0', () => {
    const labels = oneHot([2, 0, 1, 1], 4);
    const probabilities = [
      [0.1, 0.2, 0.3, 0.4],
      [0, 0.5, 0.25, 0.25],
      [1, 0, 0, 0],
      [0.2, 0.2, 0.2, 0.4],
    ];
    const logits = [
      [1, -2, 0.5, 3],
      [-1, 2, 4, 0],
      [10, -10, 0, 1],
      [0, 0, 0, 0],
    ];
    for (const smoothing of [0, 0.1]) {
      const smoothed = labels.map((row) => row.map((y) => y * (1 - smoothing) + smoothing / 4));
      const expectedProbabilities = smoothed.map((row, i) => naiveCategorical(row, probabilities[i], false));
      const expectedLogits = smoothed.map((row, i) => naiveCategorical(row, logits[i], true));
      const fromProbabilities = categoricalCrossentropy(tf.tensor(labels), tf.tensor(probabilities), { labelSmoothing: smoothing });
      expectAllClose(fromProbabilities, expectedProbabilities, { rtol: 1e-5 });
      const fromLogits = categoricalCrossentropy(tf.tensor(labels), tf.tensor(logits), { fromLogits: true, labelSmoothing: smoothing });
      expectAllClose(fromLogits, expectedLogits, { rtol: 1e-5 });
    }
    // A zero probability on the true class is clipped to 1e-7, so the loss is -log(1e-7), not infinity.
    expectAllClose(categoricalCrossentropy(tf.tensor([[1, 0]]), tf.tensor([[0, 1]])), [-Math.log(LOW)], { rtol: 1e-5 });
  });

  it('computes along another axis', () => {
    const labels = tf.tensor([[[1, 0], [0, 1], [0, 0]]]); // classes on axis 1
    const logits = tf.tensor([[[1, 2], [3, -1], [0, 0.5]]]);
    const moved = categoricalCrossentropy(tf.transpose(labels, [0, 2, 1]), tf.transpose(logits, [0, 2, 1]), { fromLogits: true });
    const alongAxis = categoricalCrossentropy(labels, logits, { fromLogits: true, axis: 1 });
    expectAllClose(alongAxis, moved);
  });

  it('names the loss and both shapes when the shapes do not fit', () => {
    const loss = new CategoricalCrossentropy();
    expect(() => loss.compute(tf.tensor([[0, 1, 0]]), tf.tensor([[0.5, 0.5]]))).toThrow(
      /categorical_crossentropy.*\[1, 3\].*\[1, 2\]/,
    );
  });

  it('has a gradient that matches finite differences, from logits and from probabilities', () => {
    const labels = tf.tensor(oneHot([1, 0, 2], 3));
    const logits = tf.tensor([
      [0.2, -0.4, 1.1],
      [1.5, 0.3, -0.7],
      [0.1, 0.1, 0.9],
    ]);
    const fromLogits = new CategoricalCrossentropy({ fromLogits: true });
    expect(checkGradients((x) => fromLogits.compute(labels, x) as tf.Scalar, [logits]).maxRelativeError).toBeLessThan(1e-2);
    const probabilities = tf.softmax(logits);
    const fromProbabilities = new CategoricalCrossentropy();
    const check = checkGradients((x) => fromProbabilities.compute(labels, x) as tf.Scalar, [probabilities], { epsilon: 1e-3 });
    expect(check.maxRelativeError).toBeLessThan(2e-2);
  });
});

describe('sparse categorical cross-entropy', () => {
  it('matches the numbers in the Keras documentation, for labels of shape [batch] and [batch, 1]', () => {
    const yPred = tf.tensor([
      [0.05, 0.95, 0],
      [0.1, 0.8, 0.1],
    ]);
    const loss = new SparseCategoricalCrossentropy();
    expectAllClose(loss.compute(tf.tensor([1, 2]), yPred), 1.177, { rtol: 1e-3 });
    expectAllClose(loss.compute(tf.tensor([[1], [2]]), yPred), 1.177, { rtol: 1e-3 });
    expectAllClose(loss.compute(tf.tensor([1, 2]), yPred, tf.tensor([0.3, 0.7])), 0.814, { rtol: 1e-3 });
    expectAllClose(sparseCategoricalCrossentropy(tf.tensor([1, 2], undefined, 'int32'), yPred), [0.0513, Math.LN10], { rtol: 1e-3 });
  });

  it('equals categorical cross-entropy of the one-hot labels, from logits', () => {
    const ids = [3, 0, 2, 1, 3];
    const logits = tf.randomNormal([5, 4], 0, 2, 'float32', 7);
    const sparse = sparseCategoricalCrossentropy(tf.tensor(ids), logits, { fromLogits: true });
    const dense = categoricalCrossentropy(tf.tensor(oneHot(ids, 4)), logits, { fromLogits: true });
    expectAllClose(sparse, dense, { rtol: 1e-6 });
  });

  it('leaves out ignoreClass entries and averages over the valid ones only', () => {
    const logits = [
      [1, 2, 0],
      [0.5, -1, 2],
      [3, 0, 0],
      [0, 0, 1],
    ];
    const ids = [1, -1, 0, -1];
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: -1 });
    const valid = [naiveCategorical(oneHot([1], 3)[0], logits[0], true), naiveCategorical(oneHot([0], 3)[0], logits[2], true)];
    expectAllClose(loss.compute(tf.tensor(ids), tf.tensor(logits)), (valid[0] + valid[1]) / 2, { rtol: 1e-5 });
    expectAllClose(loss.call(tf.tensor(ids), tf.tensor(logits)), [valid[0], 0, valid[1], 0], { rtol: 1e-5 });
    const summed = new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: -1, reduction: 'sum' });
    expectAllClose(summed.compute(tf.tensor(ids), tf.tensor(logits)), valid[0] + valid[1], { rtol: 1e-5 });
    const check = checkGradients((x) => loss.compute(tf.tensor(ids), x) as tf.Scalar, [tf.tensor(logits)]);
    expect(check.maxRelativeError).toBeLessThan(1e-2);
  });

  it('rejects one-hot labels with an error naming the loss and both shapes', () => {
    const loss = new SparseCategoricalCrossentropy();
    expect(() => loss.compute(tf.tensor(oneHot([0, 1], 3)), tf.tensor([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]))).toThrow(
      /sparse_categorical_crossentropy.*\[2, 3\].*\[2, 3\]/,
    );
  });

  it('computes without leaking tensors', async () => {
    const yTrue = tf.tensor([0, 2]);
    const yPred = tf.tensor([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]);
    const loss = new SparseCategoricalCrossentropy({ ignoreClass: 2 });
    await expectNoLeak(() => tf.tidy(() => loss.compute(yTrue, yPred)).dispose());
    await expectNoLeak(() => sparseCategoricalCrossentropy(yTrue, yPred).dispose());
  });
});

describe('binary cross-entropy', () => {
  const yTrue = [
    [0, 1],
    [0, 0],
  ];
  const logits = [
    [-18.6, 0.51],
    [2.94, -12.8],
  ];

  it('matches the numbers in the Keras documentation', () => {
    const loss = new BinaryCrossentropy({ fromLogits: true });
    expectAllClose(loss.compute(tf.tensor(yTrue), tf.tensor(logits)), 0.8654, { rtol: 1e-3 });
    expectAllClose(loss.compute(tf.tensor(yTrue), tf.tensor(logits), tf.tensor([0.8, 0.2])), 0.243, { rtol: 5e-3 });
    const none = new BinaryCrossentropy({ fromLogits: true, reduction: null });
    expectAllClose(none.compute(tf.tensor(yTrue), tf.tensor(logits)), [0.235, 1.496], { rtol: 2e-3 });
    const probabilities = binaryCrossentropy(tf.tensor(yTrue), tf.tensor([[0.6, 0.4], [0.4, 0.6]]));
    expectAllClose(probabilities, [0.916, 0.714], { rtol: 1e-3 });
  });

  it('matches a naive loop, with smoothing, and clips probabilities of exactly 0 and 1', () => {
    const labels = [1, 0, 1, 0, 1, 0.3];
    const probabilities = [0, 1, 1, 0, 0.7, 0.2];
    for (const smoothing of [0, 0.2]) {
      const smoothed = labels.map((y) => y * (1 - smoothing) + 0.5 * smoothing);
      const expected = smoothed.map((y, i) => naiveBinary(y, probabilities[i], false));
      const actual = new BinaryCrossentropy({ labelSmoothing: smoothing, reduction: 'none' }).compute(
        tf.tensor(labels, [6, 1]),
        tf.tensor(probabilities, [6, 1]),
      );
      expectAllClose(actual, expected, { rtol: 1e-5 });
    }
    // p = 0 for a positive label: -log(1e-7) = 16.118; p = 1 for a negative label: -log(1 - (1 - 1e-7) in float32).
    expectAllClose(binaryCrossentropy(tf.tensor([1, 0]), tf.tensor([0, 1]), { axis: 0 }), (-Math.log(LOW) - Math.log(1 - HIGH)) / 2, {
      rtol: 1e-5,
    });
    const logitsFlat = [-30, 30, 0.5, -2];
    const labelsFlat = [1, 0, 1, 0];
    expectAllClose(
      binaryCrossentropy(tf.tensor([labelsFlat]), tf.tensor([logitsFlat]), { fromLogits: true }),
      labelsFlat.reduce((sum, y, i) => sum + naiveBinary(y, logitsFlat[i], true), 0) / 4,
      { rtol: 1e-5 },
    );
  });

  it('takes labels of shape [batch] against predictions of shape [batch, 1]', () => {
    const loss = new BinaryCrossentropy();
    const squeezed = loss.compute(tf.tensor([1, 0, 1]), tf.tensor([[0.9], [0.2], [0.4]]));
    expectAllClose(squeezed, (naiveBinary(1, 0.9, false) + naiveBinary(0, 0.2, false) + naiveBinary(1, 0.4, false)) / 3, { rtol: 1e-5 });
    expect(() => loss.compute(tf.tensor([[1, 0]]), tf.tensor([[0.3, 0.2, 0.1]]))).toThrow(/binary_crossentropy.*\[1, 2\].*\[1, 3\]/);
  });

  it('has a gradient that matches finite differences', () => {
    const labels = tf.tensor([[1, 0, 1], [0, 0, 1]]);
    const logitsTensor = tf.tensor([[0.3, -1.2, 2], [0.1, 0.8, -0.5]]);
    const loss = new BinaryCrossentropy({ fromLogits: true });
    expect(checkGradients((x) => loss.compute(labels, x) as tf.Scalar, [logitsTensor]).maxRelativeError).toBeLessThan(1e-2);
  });
});

describe('focal cross-entropy', () => {
  it('binary: matches the numbers in the Keras documentation', () => {
    const yTrue = tf.tensor([[0, 1], [0, 0]]);
    const logits = tf.tensor([[-18.6, 0.51], [2.94, -12.8]]);
    expectAllClose(new BinaryFocalCrossentropy({ gamma: 3, fromLogits: true }).compute(yTrue, logits), 0.647, { rtol: 2e-3 });
    const balanced = new BinaryFocalCrossentropy({ applyClassBalancing: true, gamma: 3, fromLogits: true });
    expectAllClose(balanced.compute(yTrue, logits), 0.482, { rtol: 2e-3 });
    const weighted = new BinaryFocalCrossentropy({ gamma: 3, fromLogits: true });
    expectAllClose(weighted.compute(yTrue, logits, tf.tensor([0.8, 0.2])), 0.133, { rtol: 5e-3 });
    const summed = new BinaryFocalCrossentropy({ gamma: 4, fromLogits: true, reduction: 'sum' });
    expectAllClose(summed.compute(yTrue, logits), 1.222, { rtol: 2e-3 });
    const none = new BinaryFocalCrossentropy({ applyClassBalancing: true, gamma: 5, fromLogits: true, reduction: 'none' });
    expectAllClose(none.compute(yTrue, logits), [0.0004, 0.867], { rtol: 2e-3, atol: 1e-4 });
  });

  it('categorical: matches the numbers in the Keras documentation', () => {
    const yTrue = tf.tensor([[0, 1, 0], [0, 0, 1]]);
    const yPred = tf.tensor([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]);
    expectAllClose(new CategoricalFocalCrossentropy().compute(yTrue, yPred), 0.23315276, { rtol: 1e-4 });
    expectAllClose(new CategoricalFocalCrossentropy().compute(yTrue, yPred, tf.tensor([0.3, 0.7])), 0.1632, { rtol: 1e-3 });
    expectAllClose(new CategoricalFocalCrossentropy({ reduction: 'none' }).compute(yTrue, yPred), [3.2058331e-5, 4.6627346e-1], {
      rtol: 1e-4,
    });
  });

  it('with gamma 0 and alpha 1, equal the plain cross-entropies', () => {
    const labels = tf.tensor(oneHot([0, 2], 3));
    const logits = tf.tensor([[2, 1, -1], [0.3, 0.2, 0.1]]);
    const focal = new CategoricalFocalCrossentropy({ gamma: 0, alpha: 1, fromLogits: true, reduction: 'none' });
    expectAllClose(focal.compute(labels, logits), categoricalCrossentropy(labels, logits, { fromLogits: true }), { rtol: 1e-5 });
    const binaryFocal = new BinaryFocalCrossentropy({ gamma: 0, reduction: 'none' });
    const probabilities = tf.tensor([[0.2, 0.9], [0.5, 0.01]]);
    const binaryLabels = tf.tensor([[0, 1], [1, 0]]);
    expectAllClose(binaryFocal.compute(binaryLabels, probabilities), binaryCrossentropy(binaryLabels, probabilities), { rtol: 1e-5 });
  });

  it('have gradients that match finite differences', () => {
    const labels = tf.tensor(oneHot([1, 0], 3));
    const logits = tf.tensor([[0.2, -0.4, 1.1], [1.5, 0.3, -0.7]]);
    const categorical = new CategoricalFocalCrossentropy({ fromLogits: true });
    expect(checkGradients((x) => categorical.compute(labels, x) as tf.Scalar, [logits]).maxRelativeError).toBeLessThan(1e-2);
    const binary = new BinaryFocalCrossentropy({ fromLogits: true, applyClassBalancing: true });
    const binaryLabels = tf.tensor([[1, 0, 1], [0, 1, 0]]);
    expect(checkGradients((x) => binary.compute(binaryLabels, x) as tf.Scalar, [logits]).maxRelativeError).toBeLessThan(1e-2);
  });
});
