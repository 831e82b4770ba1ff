import { useBackend } from '@strata/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResNet50, ResNet101, ResNet152 } from './resnet';
import { ResNet50V2, ResNet101V2, ResNet152V2 } from './resnet-v2';
import { expectKerasConfig } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('ResNet', () => {
  it("builds Keras's ResNet50 config, with and without the top", () => {
    expectKerasConfig('resnet50_top', ResNet50);
    expectKerasConfig('resnet50_notop_avg', ResNet50);
  });

  it("builds Keras's ResNet101 and ResNet152 configs", () => {
    expectKerasConfig('resnet101_top', ResNet101);
    expectKerasConfig('resnet152_top', ResNet152);
  });

  it('predicts on a small input without leaking tensors', async () => {
    const build = () => ResNet50({ inputShape: [32, 32, 3], classes: 5 });
    await expectPredicts(build, [1, 32, 32, 3], [1, 5], true);
  });

  it('refuses a classifier without a static input shape, and imagenet downloads', () => {
    expect(() => ResNet50({ inputShape: [null, null, 3] })).toThrow(/input shape must be static/);
    expect(() => ResNet50({ inputShape: [16, 16, 3] })).toThrow(/at least 32x32/);
    expect(() => ResNet50({ weights: 'imagenet' })).toThrow(/downloads nothing/);
  });
});

describe('ResNetV2', () => {
  it("builds Keras's ResNet50V2 config, with and without the top", () => {
    expectKerasConfig('resnet50v2_top', ResNet50V2);
    expectKerasConfig('resnet50v2_notop', ResNet50V2);
  });

  it("builds Keras's ResNet101V2 and ResNet152V2 configs", () => {
    expectKerasConfig('resnet101v2_top', ResNet101V2);
    expectKerasConfig('resnet152v2_top', ResNet152V2);
  });

  it('predicts on a small input without leaking tensors', async () => {
    const build = () => ResNet50V2({ includeTop: false, inputShape: [32, 32, 3], pooling: 'max' });
    await expectPredicts(build, [1, 32, 32, 3], [1, 2048], false);
  });
});
