import { useBackend } from '@strata/backend';
import { beforeAll, describe, it } from 'vitest';
import { InceptionV3 } from './inception-v3';
import { expectKerasConfig } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('InceptionV3', () => {
  it("builds Keras's InceptionV3 config, with and without the top", () => {
    expectKerasConfig('inceptionv3_top', InceptionV3);
    expectKerasConfig('inceptionv3_notop', InceptionV3);
  });

  it('predicts on a small input without leaking tensors', async () => {
    const build = () => InceptionV3({ inputShape: [75, 75, 3], classes: 3 });
    await expectPredicts(build, [1, 75, 75, 3], [1, 3], true);
  });
});
