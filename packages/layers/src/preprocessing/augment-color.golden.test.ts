import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BaseImageAugmentation } from './augmentation-base';
import { ContrastLimitedAdaptiveHistogramEqualization } from './contrast-limited-adaptive-histogram-equalization';
import { Equalization } from './equalization';
import { RandomBrightness } from './random-brightness';
import { RandomColorDegeneration } from './random-color-degeneration';
import { RandomColorJitter } from './random-color-jitter';
import { RandomContrast } from './random-contrast';
import { RandomGaussianBlur } from './random-gaussian-blur';
import { RandomGrayscale } from './random-grayscale';
import { RandomHue } from './random-hue';
import { RandomInvert } from './random-invert';
import { RandomPosterization } from './random-posterization';
import { RandomSaturation } from './random-saturation';
import { RandomSharpness } from './random-sharpness';
import { Solarization } from './solarization';

/** A tensor of a transformation as the script writes it. */
interface TensorSpec {
  dtype: string;
  shape: number[];
  values: (number | boolean)[];
}
type TransformationSpec = null | TensorSpec | { [key: string]: TransformationSpec };
/** golden/augment-color.json, written by real Keras 3.15.1 (scripts/golden_augment_color.py). */
interface GoldenCase {
  label: string;
  class_name: string;
  config: Record<string, unknown>;
  shape: number[];
  images: number[];
  transformation: TransformationSpec;
  output: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'augment-color.json');
const cases = JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[];

type Augmentation = BaseImageAugmentation<unknown>;
const CLASSES: Record<string, { fromConfig(config: Record<string, unknown>): Augmentation }> = {
  RandomBrightness,
  RandomContrast,
  RandomGrayscale,
  RandomInvert,
  RandomPosterization,
  Solarization,
  RandomColorDegeneration,
  RandomSaturation,
  RandomHue,
  RandomSharpness,
  RandomColorJitter,
  Equalization,
  RandomGaussianBlur,
  ContrastLimitedAdaptiveHistogramEqualization,
};

const isTensorSpec = (node: object): node is TensorSpec => 'dtype' in node && 'values' in node;
/** Keras's uint8 shift factors become int32, its booleans bool: the dtypes tfjs has. */
function toTensors(node: TransformationSpec): unknown {
  if (node === null) return null;
  if (isTensorSpec(node)) {
    const dtype = node.dtype === 'bool' ? 'bool' : node.dtype === 'float32' ? 'float32' : 'int32';
    return tf.tensor(node.values as number[], node.shape, dtype);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, toTensors(value)]));
}

beforeAll(async () => {
  await useBackend('cpu');
});

describe('colour augmentation layers at Keras 3.15.1’s numbers (transformImages with a fixed transformation)', () => {
  for (const golden of cases) {
    it(`${golden.class_name}, ${golden.label}: Keras's output and config`, () => {
      const before = tf.memory().numTensors;
      const layer = CLASSES[golden.class_name].fromConfig({ ...golden.config, name: 'augment' });
      const images = tf.tensor(golden.images, golden.shape);
      const transformation = toTensors(golden.transformation);
      const output = layer.transformImages(images, transformation, true);
      // rtol 1e-5 with an absolute floor of 1e-5 of the image scale, for the outputs near zero.
      const scale = Math.max(1, ...golden.images.map(Math.abs));
      const expected = tf.tensor(golden.output, golden.shape);
      expectAllClose(output, expected, { rtol: 1e-5, atol: 1e-5 * scale });
      const { name: _name, trainable: _trainable, dtype: _dtype, ...config } = layer.getConfig();
      expect(config).toEqual(golden.config);
      tf.dispose([images, output, expected]);
      tf.dispose(collect(transformation));
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

function collect(node: unknown): tf.Tensor[] {
  if (node instanceof tf.Tensor) return [node];
  if (node === null || typeof node !== 'object') return [];
  return Object.values(node).flatMap(collect);
}
