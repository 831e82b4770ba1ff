// The metric classes added from Keras 3 against real Keras 3.15.1 (golden/metrics.json, written by
// scripts/golden_metrics.py): built from Keras's own config, two batches, the result after each
// (float32: rtol 1e-5, atol 1e-6), the config written back unchanged, and no tensor left behind.
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { deserializeMetric } from './metric-config';
import { getMetric } from './registry';

interface GoldenArray {
  dtype: string;
  shape: number[];
  data: number[];
}
interface MetricCase {
  class_name: string;
  config: Record<string, unknown>;
  kwargs: Record<string, unknown>;
  y_true: GoldenArray[];
  y_pred: GoldenArray[];
  sample_weight: GoldenArray[] | null;
  results: GoldenArray[];
}

const cases = (JSON.parse(readFileSync(new URL('../golden/metrics.json', import.meta.url), 'utf8')) as { cases: MetricCase[] }).cases;

function tensorOf(array: GoldenArray): tf.Tensor {
  return tf.tensor(array.data, array.shape, array.dtype.startsWith('int') ? 'int32' : 'float32');
}

beforeAll(() => useBackend('cpu'));

describe('metrics added from Keras 3: the results real Keras gave', () => {
  it.each(cases.map((c, i) => [`${c.class_name} ${JSON.stringify(c.config)}`, i] as const))('%s', (_label, index) => {
    const goldenCase = cases[index];
    const before = tf.memory().numTensors;
    // Keras's config with the constructor's arguments laid over it: CosineSimilarity's config drops its axis.
    const metric = deserializeMetric({ class_name: goldenCase.class_name, config: { ...goldenCase.config, ...goldenCase.kwargs } });
    expect(metric.getConfig()).toEqual(goldenCase.config);
    goldenCase.results.forEach((expected, batch) => {
      const yTrue = tensorOf(goldenCase.y_true[batch]);
      const yPred = tensorOf(goldenCase.y_pred[batch]);
      const weight = goldenCase.sample_weight === null ? undefined : tensorOf(goldenCase.sample_weight[batch]);
      metric.updateState(yTrue, yPred, weight);
      const result = metric.result();
      expect(result.shape).toEqual(expected.shape);
      expectAllClose(result, expected.data, { rtol: 1e-5, atol: 1e-6 });
      tf.dispose([yTrue, yPred, result, ...(weight ? [weight] : [])]);
    });
    metric.resetState();
    metric.dispose();
    expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
  });

  it('refuses an unknown class and a config without a required argument', () => {
    expect(() => deserializeMetric({ class_name: 'constructor', config: {} })).toThrow(/not a built-in Keras metric/);
    expect(() => deserializeMetric({ class_name: 'MeanIoU', config: {} })).toThrow(/no `num_classes`/);
  });

  it('resolves the new names as compile does', () => {
    const byName = ['pearson_correlation', 'concordance_correlation', 'R2Score', 'F1Score', 'TruePositives', 'KLDivergence'].map((id) => getMetric(id));
    expect(byName.map((metric) => [metric.className, metric.name])).toEqual([
      ['MeanMetricWrapper', 'pearson_correlation'],
      ['MeanMetricWrapper', 'concordance_correlation'],
      ['R2Score', 'r2_score'],
      ['F1Score', 'f1_score'],
      ['TruePositives', 'true_positives'],
      ['KLDivergence', 'kl_divergence'],
    ]);
    byName.forEach((metric) => metric.dispose());
  });
});
