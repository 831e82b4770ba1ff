import { useBackend } from '@strata/backend';
import { checkGradients, expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { glu, logSoftmax, softmax, sparsemax } from './axis';

beforeAll(() => useBackend('cpu'));

const rows = [
  [-3, 0.5, 2, 40],
  [1, 1, 1, 1],
  [-60, -2, 0.25, 3.5],
];

function naiveSoftmax(row: number[]): number[] {
  const max = Math.max(...row);
  const exps = row.map((v) => Math.exp(v - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / total);
}

/** Sparsemax by its definition: the Euclidean projection onto the simplex. */
function naiveSparsemax(row: number[]): number[] {
  const sorted = [...row].sort((a, b) => b - a);
  let cumulative = 0;
  let supportSize = 0;
  let supportSum = 0;
  sorted.forEach((value, k) => {
    cumulative += value;
    if (1 + (k + 1) * value > cumulative) {
      supportSize = k + 1;
      supportSum = cumulative;
    }
  });
  const tau = (supportSum - 1) / supportSize;
  return row.map((v) => Math.max(v - tau, 0));
}

const transposeRows = (matrix: number[][]) => matrix[0].map((_, j) => matrix.map((row) => row[j]));

describe('axis activations', () => {
  it('softmax normalises the last axis by default', () => {
    const output = softmax(tf.tensor2d(rows));
    expectAllClose(output, rows.flatMap(naiveSoftmax), { rtol: 1e-5, atol: 1e-7 });
    output.dispose();
  });

  it('softmax and log_softmax take another axis', () => {
    const x = tf.tensor2d(transposeRows(rows));
    const expected = transposeRows(rows.map(naiveSoftmax)).flat();
    const probabilities = softmax(x, 0);
    const logProbabilities = logSoftmax(x, 0);
    expectAllClose(probabilities, expected, { rtol: 1e-5, atol: 1e-7 });
    // log(0) is -inf in the naive form; compare where the probability is not negligible.
    const logs = logProbabilities.dataSync();
    expected.forEach((p, i) => {
      if (p > 1e-30) expect(Math.abs(logs[i] - Math.log(p))).toBeLessThan(1e-4);
    });
    tf.dispose([x, probabilities, logProbabilities]);
  });

  it('log_softmax stays finite for large logits', () => {
    const output = logSoftmax(tf.tensor2d(rows));
    expect(Array.from(output.dataSync()).every(Number.isFinite)).toBe(true);
    expectAllClose(tf.exp(output), rows.flatMap(naiveSoftmax), { rtol: 1e-5, atol: 1e-7 });
  });

  it('glu gates the first half with the sigmoid of the second', () => {
    const output = glu(tf.tensor2d(rows));
    const expected = rows.flatMap(([a, b, c, d]) => [a / (1 + Math.exp(-c)), b / (1 + Math.exp(-d))]);
    expectAllClose(output, expected, { rtol: 1e-5, atol: 1e-7 });
    expect(() => glu(tf.tensor2d([[1, 2, 3]]))).toThrow(/even size/);
  });

  it('sparsemax projects onto the simplex', () => {
    const output = sparsemax(tf.tensor2d(rows));
    expectAllClose(output, rows.flatMap(naiveSparsemax), { rtol: 1e-5, atol: 1e-6 });
    const along0 = sparsemax(tf.tensor2d(transposeRows(rows)), 0);
    expectAllClose(along0, transposeRows(rows.map(naiveSparsemax)).flat(), { rtol: 1e-5, atol: 1e-6 });
  });

  it('softmax, log_softmax, glu and sparsemax have correct gradients', () => {
    const x = tf.tensor2d([
      [0.3, -1.2, 0.8, 0.1],
      [1.5, 0.2, -0.4, 1.1],
    ]);
    const weights = tf.tensor2d([
      [1, -2, 0.5, 3],
      [-1, 0.7, 2, -0.3],
    ]);
    for (const fn of [(t: tf.Tensor) => softmax(t), (t: tf.Tensor) => softmax(t, 0), (t: tf.Tensor) => logSoftmax(t)]) {
      const { maxRelativeError } = checkGradients((input) => tf.sum(tf.mul(fn(input), weights)) as tf.Scalar, [x]);
      expect(maxRelativeError).toBeLessThan(1e-2);
    }
    const gluResult = checkGradients((input) => tf.sum(tf.mul(glu(input), tf.slice(weights, [0, 0], [2, 2]))) as tf.Scalar, [x]);
    expect(gluResult.maxRelativeError).toBeLessThan(1e-2);
    const sparseResult = checkGradients((input) => tf.sum(tf.mul(sparsemax(input), weights)) as tf.Scalar, [x], { epsilon: 1e-3 });
    expect(sparseResult.maxRelativeError).toBeLessThan(2e-2);
  });
});
