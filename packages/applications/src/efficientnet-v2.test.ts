import { clearSession } from '@strata/layers';
import type { Model } from '@strata/models';
import { expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EfficientNetV2B0,
  EfficientNetV2B1,
  EfficientNetV2B2,
  EfficientNetV2B3,
  EfficientNetV2L,
  EfficientNetV2M,
  EfficientNetV2S,
} from './efficientnet-v2';
import { configDifferences, countParams, readKerasGolden } from './keras-config-compare-b.test-util';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => clearSession());

const small = { inputShape: [32, 32, 3], classes: 10 };
const cases: Array<[string, () => Model]> = [
  ['EfficientNetV2B0', () => EfficientNetV2B0(small)],
  ['EfficientNetV2B1', () => EfficientNetV2B1(small)],
  ['EfficientNetV2B2', () => EfficientNetV2B2(small)],
  ['EfficientNetV2B3', () => EfficientNetV2B3(small)],
  ['EfficientNetV2S', () => EfficientNetV2S(small)],
  ['EfficientNetV2M', () => EfficientNetV2M(small)],
  ['EfficientNetV2L', () => EfficientNetV2L(small)],
  [
    'EfficientNetV2B0_noprep_notop_max',
    () => EfficientNetV2B0({ includeTop: false, inputShape: [32, 32, 3], pooling: 'max', includePreprocessing: false }),
  ],
];

describe('EfficientNetV2 B0-B3, S, M, L build what Keras builds', () => {
  it.each(cases)('%s: same layers, configs, inbound nodes and parameter count', (caseName, build) => {
    const golden = readKerasGolden(caseName);
    const model = build();
    expect(configDifferences(model, golden)).toEqual([]);
    expect(countParams(model)).toBe(golden.count_params);
    model.dispose();
  });
});

describe('EfficientNetV2B0', () => {
  it('predicts class probabilities on a small image without leaking tensors', async () => {
    const model = EfficientNetV2B0({ inputShape: [32, 32, 3], classes: 4 });
    const x = tf.randomUniform([1, 32, 32, 3], 0, 255);
    await expectNoLeak(() => {
      const y = model.predictOnBatch(x) as tf.Tensor;
      expect(y.shape).toEqual([1, 4]);
      const sums = tf.sum(y, -1);
      expect(sums.dataSync()[0]).toBeCloseTo(1, 5);
      tf.dispose([y, sums]);
    });
    x.dispose();
    model.dispose();
  });
});
