import { Input, Rescaling, clearSession } from '@strata/layers';
import type { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EfficientNetB0,
  EfficientNetB1,
  EfficientNetB2,
  EfficientNetB3,
  EfficientNetB4,
  EfficientNetB5,
  EfficientNetB6,
  EfficientNetB7,
} from './efficientnet';
import { expectBuildsLikeKeras } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => clearSession());

const small = { inputShape: [32, 32, 3], classes: 10 };
const cases: Array<[string, () => Model]> = [
  ['EfficientNetB0', () => EfficientNetB0(small)],
  ['EfficientNetB1', () => EfficientNetB1(small)],
  ['EfficientNetB2', () => EfficientNetB2(small)],
  ['EfficientNetB3', () => EfficientNetB3(small)],
  ['EfficientNetB4', () => EfficientNetB4(small)],
  ['EfficientNetB5', () => EfficientNetB5(small)],
  ['EfficientNetB6', () => EfficientNetB6(small)],
  ['EfficientNetB7', () => EfficientNetB7(small)],
  [
    'EfficientNetB0_notop_avg_odd',
    () => EfficientNetB0({ includeTop: false, inputShape: [35, 35, 3], pooling: 'avg' }),
  ],
];

describe('EfficientNet B0-B7 build what Keras builds', () => {
  it.each(cases)('%s: same layers, configs, inbound nodes and parameter count', (caseName, build) => {
    expectBuildsLikeKeras(caseName, build);
  });
});

describe('EfficientNetB0', () => {
  it('predicts class probabilities on a small image without leaking tensors', async () => {
    await expectPredicts(() => EfficientNetB0({ inputShape: [32, 32, 3], classes: 5 }), [2, 32, 32, 3], [2, 5], true);
  });

  it('builds on an input tensor and takes its source Input as the model input, as Keras does', () => {
    const image = Input({ shape: [32, 32, 3] });
    const scaled = new Rescaling(2).apply(image);
    const model = EfficientNetB0({ inputTensor: scaled, includeTop: false, pooling: 'max' });
    expect(model.inputs).toEqual([image]);
    expect(model.outputs[0].shape).toEqual([null, 1280]);
    expect(model.getLayer('max_pool').className).toBe('GlobalMaxPooling2D');
    model.dispose();
  });

  it('rejects a pooling mode Keras does not know and a too small input', () => {
    expect(() => EfficientNetB0({ includeTop: false, pooling: 'sum' as 'avg' })).toThrow(/pooling="sum"/);
    expect(() => EfficientNetB0({ inputShape: [16, 16, 3] })).toThrow(/at least 32x32/);
  });
});
