import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { goldenCases, sineImages, transformationTensors } from '../test-support/augmentation-golden';
import type { BaseImageAugmentation } from './augmentation-base';
import { CutMix } from './cut-mix';
import { MixUp } from './mix-up';
import { RandomCrop } from './random-crop';
import { RandomElasticTransform } from './random-elastic-transform';
import { RandomErasing } from './random-erasing';
import { RandomPerspective } from './random-perspective';
import { RandomShear } from './random-shear';

type Augmentation = BaseImageAugmentation<unknown>;
const LAYERS: Record<string, (config: Record<string, unknown>) => Augmentation> = {
  RandomCrop: (config) => RandomCrop.fromConfig(config) as Augmentation,
  RandomErasing: (config) => RandomErasing.fromConfig(config) as Augmentation,
  RandomShear: (config) => RandomShear.fromConfig(config) as Augmentation,
  RandomPerspective: (config) => RandomPerspective.fromConfig(config) as Augmentation,
  CutMix: (config) => CutMix.fromConfig(config) as Augmentation,
  MixUp: (config) => MixUp.fromConfig(config) as Augmentation,
  RandomElasticTransform: (config) => RandomElasticTransform.fromConfig(config) as Augmentation,
};

beforeAll(async () => {
  await useBackend('cpu');
});

describe('geometric augmentation layers at Keras 3.15.1’s numbers (transformImages on a fixed transformation)', () => {
  for (const golden of goldenCases.filter((c) => c.class_name in LAYERS)) {
    it(`${golden.class_name} ${JSON.stringify(golden.config)}: Keras's output and config`, () => {
      const before = tf.memory().numTensors;
      const layer = LAYERS[golden.class_name]({ ...golden.config, name: 'augment' });
      const images = sineImages(golden.shape);
      const transformation = Array.isArray(golden.transformation)
        ? golden.transformation
        : transformationTensors(golden.transformation as Record<string, unknown>);
      const output = layer.transformImages(images, transformation, true);
      const expected = tf.tensor(golden.output);
      expect(output.shape).toEqual(expected.shape);
      expectAllClose(output, expected, { rtol: 1e-5, atol: 1e-5 });
      if (golden.labels && golden.mixed_labels) {
        const labels = tf.tensor(golden.labels);
        const mixed = (layer as CutMix | MixUp).transformLabels(labels, transformation as never, true);
        const expectedLabels = tf.tensor(golden.mixed_labels);
        expectAllClose(mixed, expectedLabels, { rtol: 1e-5, atol: 1e-6 });
        tf.dispose([labels, mixed, expectedLabels]);
      }
      const { name: _name, trainable: _trainable, dtype: _dtype, ...config } = layer.getConfig();
      expect(config).toEqual(golden.config);
      tf.dispose([images, output, expected, ...(Array.isArray(transformation) ? [] : Object.values(transformation).filter((v) => v instanceof tf.Tensor))]);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
