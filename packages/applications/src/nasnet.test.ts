import { clearSession } from '@strata/layers';
import type { Model } from '@strata/models';
import { expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectBuildsLikeKeras } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';
import { NASNetLarge, NASNetMobile, preprocessInput } from './nasnet';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => clearSession());

const small = { inputShape: [32, 32, 3], classes: 10 };
const cases: Array<[string, () => Model]> = [
  ['NASNetMobile', () => NASNetMobile(small)],
  ['NASNetLarge', () => NASNetLarge(small)],
  ['NASNetMobile_notop_avg', () => NASNetMobile({ includeTop: false, inputShape: [35, 35, 3], pooling: 'avg' })],
];

describe('NASNetMobile and NASNetLarge build what Keras builds', () => {
  it.each(cases)('%s: same layers, configs, inbound nodes and parameter count', (caseName, build) => {
    expectBuildsLikeKeras(caseName, build);
  });
});

describe('NASNetMobile', () => {
  it('predicts class probabilities on a small image without leaking tensors', async () => {
    await expectPredicts(() => NASNetMobile({ inputShape: [32, 32, 3], classes: 3 }), [1, 32, 32, 3], [1, 3], true);
  });
});

describe('NASNet preprocessInput', () => {
  it("scales pixels to [-1, 1] as Keras's 'tf' mode does", async () => {
    const x = tf.tensor1d([0, 127.5, 255, 51]);
    const y = await expectNoLeak(() => preprocessInput(x), 1);
    expect(Array.from(y.dataSync())).toEqual([-1, 0, 1, expect.closeTo(-0.6, 6)]);
    tf.dispose([x, y]);
  });
});
