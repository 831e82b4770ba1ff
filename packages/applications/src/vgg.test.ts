import { useBackend } from '@strata/backend';
import { clearSession } from '@strata/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectPredicts } from './test-support/predict-check';
import { comparableLayer, comparableModel, type FunctionalConfig, optionsOf, readKerasGolden } from './test-support/keras-config';
import { VGG16, VGG19 } from './vgg';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('VGG', () => {
  for (const [caseName, build] of [['vgg16_top', VGG16], ['vgg16_notop_max', VGG16], ['vgg19_top', VGG19]] as const) {
    it(`builds Keras's ${caseName} config`, () => {
      const golden = readKerasGolden(caseName);
      clearSession();
      const model = build(optionsOf(golden));
      const config = model.getConfig() as unknown as FunctionalConfig;
      expect(comparableModel(config)).toEqual(comparableModel(golden.config));
      config.layers.forEach((layer, i) => {
        expect(comparableLayer(layer)).toEqual(comparableLayer(golden.config.layers[i]));
      });
      expect(model.countParams()).toBe(golden.count_params);
      model.dispose();
    });
  }

  it('predicts on a small input without leaking tensors', async () => {
    await expectPredicts(() => VGG16({ includeTop: false, inputShape: [32, 32, 3], pooling: 'avg' }), [2, 32, 32, 3], [2, 512], false);
  });
});
