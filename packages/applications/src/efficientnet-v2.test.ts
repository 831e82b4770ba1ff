import { clearSession } from '@strata/layers';
import type { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, beforeEach, describe, it } from 'vitest';
import {
  EfficientNetV2B0,
  EfficientNetV2B1,
  EfficientNetV2B2,
  EfficientNetV2B3,
  EfficientNetV2L,
  EfficientNetV2M,
  EfficientNetV2S,
} from './efficientnet-v2';
import { expectBuildsLikeKeras } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';

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
    expectBuildsLikeKeras(caseName, build);
  });
});

describe('EfficientNetV2B0', () => {
  it('predicts class probabilities on a small image without leaking tensors', async () => {
    await expectPredicts(() => EfficientNetV2B0({ inputShape: [32, 32, 3], classes: 4 }), [1, 32, 32, 3], [1, 4], true);
  });
});
