import * as layers from '@strata/layers';
import type { Model } from '@strata/models';
import { expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InceptionResNetV2 } from './inception-resnet-v2';
import { configDifferences, countParams, readKerasGolden } from './keras-config-compare-b.test-util';

// CustomScaleLayer comes to @strata/layers with the `apps` branch; until the lead merges it, these tests skip.
const hasCustomScaleLayer = 'CustomScaleLayer' in layers;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => layers.clearSession());

const cases: Array<[string, () => Model]> = [
  ['InceptionResNetV2', () => InceptionResNetV2({ inputShape: [75, 75, 3], classes: 10 })],
];

describe.skipIf(!hasCustomScaleLayer)('InceptionResNetV2 (needs CustomScaleLayer from the apps branch)', () => {
  it.each(cases)('%s: same layers, configs, inbound nodes and parameter count as Keras', (caseName, build) => {
    const golden = readKerasGolden(caseName);
    const model = build();
    expect(configDifferences(model, golden)).toEqual([]);
    expect(countParams(model)).toBe(golden.count_params);
    model.dispose();
  });

  it('predicts class probabilities on a small image without leaking tensors', async () => {
    const model = InceptionResNetV2({ inputShape: [75, 75, 3], classes: 3 });
    const x = tf.randomUniform([1, 75, 75, 3], -1, 1);
    await expectNoLeak(() => {
      const y = model.predictOnBatch(x) as tf.Tensor;
      expect(y.shape).toEqual([1, 3]);
      const sums = tf.sum(y, -1);
      expect(sums.dataSync()[0]).toBeCloseTo(1, 5);
      tf.dispose([y, sums]);
    });
    x.dispose();
    model.dispose();
  });
});

describe('InceptionResNetV2 arguments', () => {
  it('refuses an input smaller than 75x75, as Keras does', () => {
    expect(() => InceptionResNetV2({ inputShape: [64, 64, 3] })).toThrow(/at least 75x75/);
  });
});
