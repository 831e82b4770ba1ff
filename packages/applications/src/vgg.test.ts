import { useBackend } from '@strata/backend';
import { beforeAll, describe, it } from 'vitest';
import { expectKerasConfig } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';
import { VGG16, VGG19 } from './vgg';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('VGG', () => {
  it("builds Keras's VGG16 config, with and without the top", () => {
    expectKerasConfig('vgg16_top', VGG16);
    expectKerasConfig('vgg16_notop_max', VGG16);
  });

  it("builds Keras's VGG19 config", () => {
    expectKerasConfig('vgg19_top', VGG19);
  });

  it('predicts on a small input without leaking tensors', async () => {
    const build = () => VGG16({ includeTop: false, inputShape: [32, 32, 3], pooling: 'avg' });
    await expectPredicts(build, [2, 32, 32, 3], [2, 512], false);
  });
});
