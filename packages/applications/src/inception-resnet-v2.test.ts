import * as layers from '@strata/layers';
import type { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InceptionResNetV2 } from './inception-resnet-v2';
import { expectBuildsLikeKeras } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';

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
    expectBuildsLikeKeras(caseName, build);
  });

  it('predicts class probabilities on a small image without leaking tensors', async () => {
    await expectPredicts(() => InceptionResNetV2({ inputShape: [75, 75, 3], classes: 3 }), [1, 75, 75, 3], [1, 3], true);
  });
});

describe('InceptionResNetV2 arguments', () => {
  it('refuses an input smaller than 75x75, as Keras does', () => {
    expect(() => InceptionResNetV2({ inputShape: [64, 64, 3] })).toThrow(/at least 75x75/);
  });
});
