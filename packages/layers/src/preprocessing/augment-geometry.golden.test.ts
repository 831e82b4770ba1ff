import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BaseImageAugmentation } from './base-image-augmentation';
import { RandomCrop } from './random-crop';
import { RandomErasing } from './random-erasing';
import { RandomPerspective } from './random-perspective';
import { RandomShear } from './random-shear';

/** golden/augment-geometry.json, written by real Keras 3.15.1 (scripts/golden_augment_geometry.py). */
export interface GoldenCase {
  class_name: string;
  config: Record<string, unknown>;
  shape: number[];
  transformation: unknown;
  output: number[];
  labels?: number[][];
  mixed_labels?: number[][];
  inference_shape?: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'augment-geometry.json');
export const goldenCases = JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[];

/** The script's images: (sin(0.37 i + 0.1) + 1) / 2 × 255 over the flat index i. */
export const sineImages = (shape: number[]) =>
  tf.tidy(() => {
    const flat = tf.range(0, shape.reduce((a, b) => a * b, 1));
    return tf.reshape(tf.mul(tf.div(tf.add(tf.sin(tf.add(tf.mul(flat, 0.37), 0.1)), 1), 2), 255), shape) as tf.Tensor4D;
  });

/** A Keras transformation dict as tensors: booleans for the masks and switches, int32 for permutations. */
export function transformationTensors(json: Record<string, unknown>): Record<string, tf.Tensor> {
  const dtypeOf = (key: string): tf.DataType =>
    key.startsWith('apply_') || key === 'batch_masks' ? 'bool' : key === 'permutation_order' ? 'int32' : 'float32';
  return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, tf.tensor(value as number[], undefined, dtypeOf(key))]));
}

type Augmentation = BaseImageAugmentation<unknown>;
const LAYERS: Record<string, (config: Record<string, unknown>) => Augmentation> = {
  RandomCrop: (config) => RandomCrop.fromConfig(config) as Augmentation,
  RandomErasing: (config) => RandomErasing.fromConfig(config) as Augmentation,
  RandomShear: (config) => RandomShear.fromConfig(config) as Augmentation,
  RandomPerspective: (config) => RandomPerspective.fromConfig(config) as Augmentation,
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
      expectAllClose(output, expected, { rtol: 1e-5, atol: 1e-3 });
      const { name: _name, trainable: _trainable, dtype: _dtype, ...config } = layer.getConfig();
      expect(config).toEqual(golden.config);
      tf.dispose([images, output, expected, ...(Array.isArray(transformation) ? [] : Object.values(transformation))]);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
