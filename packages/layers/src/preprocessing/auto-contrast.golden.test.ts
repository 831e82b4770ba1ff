import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AutoContrast } from './auto-contrast';

/** golden/auto-contrast.json, written by real Keras 3.15.1 (scripts/golden_auto_contrast.py). */
interface GoldenCase {
  config: Record<string, unknown>;
  shape: number[];
  low: number;
  high: number;
  output: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'auto-contrast.json');
const cases = JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[];
/** The script's images: low + (sin(0.37 i + 0.1) + 1) / 2 * (high - low). */
const sineImages = (shape: number[], low: number, high: number) =>
  tf.tidy(() => {
    const unit = tf.div(tf.add(tf.sin(tf.add(tf.mul(tf.range(0, shape.reduce((a, b) => a * b, 1)), 0.37), 0.1)), 1), 2);
    return tf.reshape(tf.add(tf.mul(unit, high - low), low), shape);
  });

beforeAll(async () => {
  await useBackend('cpu');
});

describe('AutoContrast at Keras 3.15.1’s numbers', () => {
  for (const golden of cases) {
    it(`value range ${JSON.stringify(golden.config.value_range)}, images [${golden.shape}]: Keras's output and config`, () => {
      const before = tf.memory().numTensors;
      const layer = AutoContrast.fromConfig({ ...golden.config, name: 'auto_contrast' });
      const x = sineImages(golden.shape, golden.low, golden.high);
      const y = layer.apply(x) as tf.Tensor;
      const expected = tf.tensor(golden.output);
      expectAllClose(y, expected, { rtol: 1e-4, atol: 1e-4 });
      const { name: _name, trainable: _trainable, dtype: _dtype, ...config } = layer.getConfig();
      expect(config).toEqual(golden.config);
      tf.dispose([x, y, expected]);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('leaves a flat channel as it was, keeps integer images integer, and refuses a value range that is not [low, high]', () => {
    const flat = tf.fill([1, 2, 2, 1], 7);
    const kept = new AutoContrast().apply(flat) as tf.Tensor;
    expect(Array.from(kept.dataSync())).toEqual([7, 7, 7, 7]);
    const ints = tf.tensor4d([[[[10], [20]], [[30], [40]]]], undefined, 'int32');
    const stretched = new AutoContrast().apply(ints) as tf.Tensor;
    expect([stretched.dtype, ...Array.from(stretched.dataSync())]).toEqual(['int32', 0, 85, 170, 255]);
    tf.dispose([flat, kept, ints, stretched]);
    expect(() => new AutoContrast({ valueRange: [0] as never })).toThrow('AutoContrast expects `valueRange` to be [low, high]; received [0].');
  });
});
