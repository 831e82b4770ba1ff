import { useBackend } from '@strata/backend';
import { expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUC, type Metric, Precision, Recall } from './index';

beforeAll(() => useBackend('cpu'));

function resultOf(metric: Metric): number[] {
  const result = metric.result();
  const values = Array.from(result.dataSync());
  result.dispose();
  return values;
}

/** Deterministic pseudo-random numbers in [0, 1). */
function randomValues(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
}

interface Counts {
  tp: number[];
  fp: number[];
  tn: number[];
  fn: number[];
}

/** Naive confusion counts: an entry is predicted positive when its prediction is > the threshold. */
function naiveCounts(labels: number[], predictions: number[], weights: number[], thresholds: number[]): Counts {
  const counts: Counts = { tp: [], fp: [], tn: [], fn: [] };
  for (const threshold of thresholds) {
    let tp = 0;
    let fp = 0;
    let tn = 0;
    let fn = 0;
    labels.forEach((label, i) => {
      const positive = predictions[i] > threshold;
      if (label && positive) tp += weights[i];
      else if (label) fn += weights[i];
      else if (positive) fp += weights[i];
      else tn += weights[i];
    });
    counts.tp.push(tp);
    counts.fp.push(fp);
    counts.tn.push(tn);
    counts.fn.push(fn);
  }
  return counts;
}

const divideNoNan = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Keras's AUC.result() written as plain loops over the thresholds. */
function naiveAuc({ tp, fp, tn, fn }: Counts, curve: 'ROC' | 'PR', summation: string): number {
  let area = 0;
  for (let i = 0; i < tp.length - 1; i++) {
    if (curve === 'PR' && summation === 'interpolation') {
      const deltaTruePositives = tp[i] - tp[i + 1];
      const positivesHead = tp[i] + fp[i];
      const positivesTail = tp[i + 1] + fp[i + 1];
      const slope = divideNoNan(deltaTruePositives, Math.max(positivesHead - positivesTail, 0));
      const intercept = tp[i + 1] - slope * positivesTail;
      const ratio = positivesHead > 0 && positivesTail > 0 ? divideNoNan(positivesHead, positivesTail) : 1;
      area += divideNoNan(slope * (deltaTruePositives + intercept * Math.log(ratio)), Math.max(tp[i + 1] + fn[i + 1], 0));
      continue;
    }
    const recall = (k: number) => divideNoNan(tp[k], tp[k] + fn[k]);
    const x = curve === 'ROC' ? (k: number) => divideNoNan(fp[k], fp[k] + tn[k]) : recall;
    const y = curve === 'ROC' ? recall : (k: number) => divideNoNan(tp[k], tp[k] + fp[k]);
    const height =
      summation === 'interpolation'
        ? (y(i) + y(i + 1)) / 2
        : summation === 'minoring'
          ? Math.min(y(i), y(i + 1))
          : Math.max(y(i), y(i + 1));
    area += (x(i) - x(i + 1)) * height;
  }
  return area;
}

describe('Precision and Recall', () => {
  it('match the numbers in the Keras documentation', () => {
    const precision = new Precision();
    precision.updateState(tf.tensor([0, 1, 1, 1]), tf.tensor([1, 0, 1, 1]));
    expectAllClose(resultOf(precision), [0.6666667]);
    precision.resetState();
    precision.updateState(tf.tensor([0, 1, 1, 1]), tf.tensor([1, 0, 1, 1]), tf.tensor([0, 0, 1, 0]));
    expectAllClose(resultOf(precision), [1]);
    const topTwo = new Precision({ topK: 2 });
    topTwo.updateState(tf.tensor([0, 0, 1, 1]), tf.tensor([1, 1, 1, 1]));
    expectAllClose(resultOf(topTwo), [0]);
    const topFour = new Precision({ topK: 4 });
    topFour.updateState(tf.tensor([0, 0, 1, 1]), tf.tensor([1, 1, 1, 1]));
    expectAllClose(resultOf(topFour), [0.5]);
    const recall = new Recall();
    recall.updateState(tf.tensor([0, 1, 1, 1]), tf.tensor([1, 0, 1, 1]));
    expectAllClose(resultOf(recall), [0.6666667]);
  });

  it('stream several weighted batches at several thresholds like a naive count', () => {
    const thresholds = [0.1, 0.5, 0.73];
    const precision = new Precision({ thresholds });
    const recall = new Recall({ thresholds });
    const all = { labels: [] as number[], predictions: [] as number[], weights: [] as number[] };
    for (const [size, seed] of [[6, 1], [9, 2], [4, 3]]) {
      const predictions = randomValues(size, seed);
      const labels = randomValues(size, seed + 10).map((r) => (r > 0.5 ? 1 : 0));
      const weights = randomValues(size, seed + 20);
      precision.updateState(tf.tensor(labels), tf.tensor(predictions, [size, 1]), tf.tensor(weights));
      recall.updateState(tf.tensor(labels, [size, 1]), tf.tensor(predictions), tf.tensor(weights));
      all.labels.push(...labels);
      all.predictions.push(...predictions);
      all.weights.push(...weights);
    }
    const { tp, fp, fn } = naiveCounts(all.labels, all.predictions, all.weights, thresholds);
    expectAllClose(resultOf(precision), tp.map((value, k) => divideNoNan(value, value + fp[k])), { rtol: 1e-5 });
    expectAllClose(resultOf(recall), tp.map((value, k) => divideNoNan(value, value + fn[k])), { rtol: 1e-5 });
  });

  it('take Keras bucket path for evenly spaced thresholds, with the same counts', () => {
    const thresholds = [0, 0.25, 0.5, 0.75, 1];
    const predictions = [0.1, 0.3, 0.5, 0.74, 0.9, 1, 0];
    const labels = [1, 0, 1, 1, 0, 1, 0];
    const precision = new Precision({ thresholds });
    precision.updateState(tf.tensor(labels), tf.tensor(predictions));
    const recall = new Recall({ thresholds });
    recall.updateState(tf.tensor(labels), tf.tensor(predictions));
    const { tp, fp, fn } = naiveCounts(labels, predictions, labels.map(() => 1), thresholds);
    expectAllClose(resultOf(precision), tp.map((value, k) => divideNoNan(value, value + fp[k])), { rtol: 1e-6 });
    expectAllClose(resultOf(recall), tp.map((value, k) => divideNoNan(value, value + fn[k])), { rtol: 1e-6 });
  });

  it('restrict to one class with classId', () => {
    const labels = [[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]];
    const predictions = [[0.9, 0.1, 0.3], [0.6, 0.7, 0.2], [0.2, 0.5, 0.9], [0.8, 0.1, 0.6]];
    const precision = new Precision({ classId: 0 });
    precision.updateState(tf.tensor(labels), tf.tensor(predictions));
    // Column 0: predicted positive for rows 0, 1, 3; of those only row 0 is labelled 1.
    expectAllClose(resultOf(precision), [1 / 3]);
    const recall = new Recall({ classId: 0 });
    recall.updateState(tf.tensor(labels), tf.tensor(predictions));
    expectAllClose(resultOf(recall), [0.5]);
    expect(precision.getConfig()).toEqual({ name: 'precision', dtype: 'float32', thresholds: null, top_k: null, class_id: 0 });
  });
});

describe('AUC', () => {
  it('matches the numbers in the Keras documentation', () => {
    const auc = new AUC({ numThresholds: 3 });
    auc.updateState(tf.tensor([0, 0, 1, 1]), tf.tensor([0, 0.5, 0.3, 0.9]));
    expectAllClose(resultOf(auc), [0.75]);
    auc.resetState();
    auc.updateState(tf.tensor([0, 0, 1, 1]), tf.tensor([0, 0.5, 0.3, 0.9]), tf.tensor([1, 0, 0, 1]));
    expectAllClose(resultOf(auc), [1]);
  });

  it('matches a naive implementation of Keras interpolation, for ROC and PR, over weighted batches', () => {
    const numThresholds = 200;
    const thresholds = [-1e-7, ...Array.from({ length: numThresholds - 2 }, (_, i) => (i + 1) / (numThresholds - 1)), 1 + 1e-7];
    const configurations: Array<['ROC' | 'PR', 'interpolation' | 'minoring' | 'majoring']> = [
      ['ROC', 'interpolation'],
      ['PR', 'interpolation'],
      ['ROC', 'minoring'],
      ['PR', 'majoring'],
    ];
    const metrics = configurations.map(([curve, summationMethod]) => new AUC({ curve, summationMethod }));
    const all = { labels: [] as number[], predictions: [] as number[], weights: [] as number[] };
    for (const [size, seed] of [[40, 5], [25, 6], [33, 7]]) {
      const labels = randomValues(size, seed + 10).map((r) => (r > 0.6 ? 1 : 0));
      // Positives score higher on average, so the areas are well inside (0, 1).
      const predictions = randomValues(size, seed).map((r, i) => Math.fround(Math.min(1, r * 0.7 + labels[i] * 0.3)));
      const weights = randomValues(size, seed + 20).map((r) => Math.fround(r + 0.5));
      for (const metric of metrics) metric.updateState(tf.tensor(labels), tf.tensor(predictions), tf.tensor(weights));
      all.labels.push(...labels);
      all.predictions.push(...predictions);
      all.weights.push(...weights);
    }
    const counts = naiveCounts(all.labels, all.predictions, all.weights, thresholds);
    configurations.forEach(([curve, summation], index) => {
      const expected = naiveAuc(counts, curve, summation);
      expect(expected).toBeGreaterThan(0.5);
      expectAllClose(resultOf(metrics[index]), [expected], { rtol: 1e-4 });
    });
  });

  it('computes one curve per label with multiLabel, averaged or weighted by labelWeights', () => {
    const size = 30;
    const labelsByColumn = [0, 1, 2].map((column) => randomValues(size, 40 + column).map((r) => (r > 0.5 ? 1 : 0)));
    const predictionsByColumn = labelsByColumn.map((labels, column) =>
      randomValues(size, 50 + column).map((r, i) => Math.fround(r * 0.8 + labels[i] * 0.2)),
    );
    const rows = (columns: number[][]) => Array.from({ length: size }, (_, i) => columns.map((column) => column[i]));
    const weights = randomValues(size, 60).map((r) => Math.fround(r + 0.5));
    const labelWeights = [1, 2, 0.5];
    for (const [curve, thresholds] of [['ROC', undefined], ['PR', [0.2, 0.45, 0.7]]] as const) {
      const all = [-1e-7, ...(thresholds ?? Array.from({ length: 198 }, (_, i) => (i + 1) / 199)), 1 + 1e-7];
      const perLabel = labelsByColumn.map((labels, column) =>
        naiveAuc(naiveCounts(labels, predictionsByColumn[column], weights, all), curve, 'interpolation'),
      );
      const averaged = new AUC({ curve, multiLabel: true, thresholds: thresholds ? [...thresholds] : undefined });
      const weighted = new AUC({ curve, multiLabel: true, numLabels: 3, labelWeights, thresholds: thresholds ? [...thresholds] : undefined });
      for (const metric of [averaged, weighted]) {
        // Two batches, to check that the per-label counts accumulate.
        metric.updateState(tf.tensor(rows(labelsByColumn).slice(0, 12)), tf.tensor(rows(predictionsByColumn).slice(0, 12)), tf.tensor(weights.slice(0, 12)));
        metric.updateState(tf.tensor(rows(labelsByColumn).slice(12)), tf.tensor(rows(predictionsByColumn).slice(12)), tf.tensor(weights.slice(12)));
      }
      expectAllClose(resultOf(averaged), [perLabel.reduce((a, b) => a + b) / 3], { rtol: 1e-4 });
      const weightedArea = perLabel.reduce((sum, area, k) => sum + area * labelWeights[k], 0) / 3.5;
      expectAllClose(resultOf(weighted), [weightedArea], { rtol: 1e-4 });
      expect(averaged.numLabels).toBe(3);
      averaged.dispose();
      weighted.dispose();
    }
  });

  it('uses the given thresholds and fromLogits', () => {
    const auc = new AUC({ thresholds: [0.3, 0.6], fromLogits: true });
    const logits = [-2, -0.1, 0.3, 1.5, 0.2, -1];
    const labels = [0, 0, 1, 1, 0, 1];
    auc.updateState(tf.tensor(labels), tf.tensor(logits));
    const probabilities = logits.map((x) => 1 / (1 + Math.exp(-x)));
    const counts = naiveCounts(labels, probabilities, labels.map(() => 1), [-1e-7, 0.3, 0.6, 1 + 1e-7]);
    expectAllClose(resultOf(auc), [naiveAuc(counts, 'ROC', 'interpolation')], { rtol: 1e-5 });
    expect(auc.getConfig()).toMatchObject({ name: 'auc', num_thresholds: 4, curve: 'ROC', thresholds: [0.3, 0.6], from_logits: true });
  });

  it('leaves the tensor count unchanged through update, result and reset', async () => {
    const metrics: Metric[] = [new AUC(), new AUC({ curve: 'PR', thresholds: [0.2, 0.9] }), new Precision({ topK: 1 }), new Recall()];
    const labels = tf.tensor([[0, 1], [1, 0]]);
    const predictions = tf.tensor([[0.3, 0.8], [0.6, 0.4]]);
    const weights = tf.tensor([1, 2]);
    for (const metric of metrics) {
      await expectNoLeak(() => {
        metric.updateState(labels, predictions, weights);
        tf.tidy(() => metric.updateState(labels, predictions));
        metric.result().dispose();
        metric.resetState();
      });
      await expectNoLeak(() => metric.dispose(), -metric.variables.length);
    }
  });
});
