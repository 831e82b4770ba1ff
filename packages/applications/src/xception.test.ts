import { useBackend } from '@strata/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectKerasConfig } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';
import { Xception } from './xception';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('Xception', () => {
  it("builds Keras's Xception config, with the top and with average pooling", () => {
    expectKerasConfig('xception_top', Xception);
    expectKerasConfig('xception_notop_avg', Xception);
  });

  it('refuses inputs smaller than 71x71', () => {
    expect(() => Xception({ inputShape: [64, 64, 3], includeTop: false })).toThrow(/at least 71x71/);
  });

  it('predicts on a small input without leaking tensors', async () => {
    const build = () => Xception({ includeTop: false, inputShape: [71, 71, 3], pooling: 'max' });
    await expectPredicts(build, [1, 71, 71, 3], [1, 2048], false);
  });
});
