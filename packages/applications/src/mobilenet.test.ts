import { useBackend } from '@strata/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { MobileNet } from './mobilenet';
import { expectKerasConfig } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('MobileNet', () => {
  it("builds Keras's MobileNet config with the top", () => {
    expectKerasConfig('mobilenet_top', MobileNet);
  });

  it("builds Keras's config with alpha 0.5, depth multiplier 2 and average pooling", () => {
    expectKerasConfig('mobilenet_a050_dm2_notop', MobileNet);
  });

  it('names the model after alpha and the rows, as Keras does', () => {
    const model = MobileNet({ alpha: 0.75, includeTop: false, inputShape: [40, 48, 3] });
    expect(model.name).toBe('mobilenet_0.75_40');
    model.dispose();
  });

  it('predicts on a small input without leaking tensors', async () => {
    const build = () => MobileNet({ inputShape: [32, 32, 3], alpha: 0.25, classes: 3 });
    await expectPredicts(build, [2, 32, 32, 3], [2, 3], true);
  });
});
