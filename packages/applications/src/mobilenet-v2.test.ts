import { useBackend } from '@strata/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { MobileNetV2, makeDivisible } from './mobilenet-v2';
import { expectKerasConfig } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('MobileNetV2', () => {
  it("builds Keras's MobileNetV2 config with the top", () => {
    expectKerasConfig('mobilenetv2_top', MobileNetV2);
  });

  it("builds Keras's configs with alpha 0.35 (max pooling, odd input size) and alpha 1.3", () => {
    expectKerasConfig('mobilenetv2_a035_notop', MobileNetV2);
    expectKerasConfig('mobilenetv2_a130_top', MobileNetV2);
  });

  it("rounds filters as Keras's _make_divisible does", () => {
    expect([makeDivisible(32 * 0.35, 8), makeDivisible(16 * 0.35, 8), makeDivisible(1280 * 1.3, 8)]).toEqual([16, 8, 1664]);
  });

  it('predicts on a small input without leaking tensors', async () => {
    const build = () => MobileNetV2({ inputShape: [32, 32, 3], alpha: 0.35, classes: 3 });
    await expectPredicts(build, [2, 32, 32, 3], [2, 3], true);
  });
});
