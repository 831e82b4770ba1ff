import { useBackend } from '@strata/backend';
import { beforeAll, describe, it } from 'vitest';
import { DenseNet121, DenseNet169, DenseNet201 } from './densenet';
import { expectKerasConfig } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('DenseNet', () => {
  it("builds Keras's DenseNet121 config, with and without the top", () => {
    expectKerasConfig('densenet121_top', DenseNet121);
    expectKerasConfig('densenet121_notop_max', DenseNet121);
  });

  it("builds Keras's DenseNet169 and DenseNet201 configs", () => {
    expectKerasConfig('densenet169_top', DenseNet169);
    expectKerasConfig('densenet201_top', DenseNet201);
  });

  it('predicts on a small input without leaking tensors', async () => {
    const build = () => DenseNet121({ inputShape: [32, 32, 3], classes: 4 });
    await expectPredicts(build, [1, 32, 32, 3], [1, 4], true);
  });
});
