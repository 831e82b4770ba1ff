import { Input, Rescaling, clearSession } from '@strata/layers';
import type { Model } from '@strata/models';
import { expectNoLeak } from '@strata/testing';
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
import { configDifferences, countParams, readKerasGolden } from './keras-config-compare-b.test-util';

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
    const golden = readKerasGolden(caseName);
    const model = build();
    expect(configDifferences(model, golden)).toEqual([]);
    expect(countParams(model)).toBe(golden.count_params);
    model.dispose();
  });
});

describe('EfficientNetB0', () => {
  it('predicts class probabilities on a small image without leaking tensors', async () => {
    const model = EfficientNetB0({ inputShape: [32, 32, 3], classes: 5 });
    const x = tf.randomUniform([2, 32, 32, 3], 0, 255);
    await expectNoLeak(() => {
      const y = model.predictOnBatch(x) as tf.Tensor;
      expect(y.shape).toEqual([2, 5]);
      const sums = tf.sum(y, -1);
      for (const s of sums.dataSync()) expect(s).toBeCloseTo(1, 5);
      tf.dispose([y, sums]);
    });
    x.dispose();
    model.dispose();
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
