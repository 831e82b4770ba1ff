import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RMSNormalization } from './rms-normalization';

/** golden/new-layers.json, written by real Keras 3.15.1 (scripts/golden_new_layers.py). */
interface GoldenCase {
  class_name: string;
  config: Record<string, unknown> & { scale: number[] };
  input_shape: number[];
  output: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'new-layers.json');
const cases = (JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[]).filter((c) => c.class_name === 'RMSNormalization');

/** The script's input: sin(0.37 i + 0.1) over the element index i. */
const sineInput = (shape: number[]) => tf.tidy(() => tf.reshape(tf.sin(tf.add(tf.mul(tf.range(0, shape.reduce((a, b) => a * b, 1)), 0.37), 0.1)), shape));

beforeAll(async () => {
  await useBackend('cpu');
});

describe('RMSNormalization at Keras 3.15.1’s numbers', () => {
  it('has two golden cases: the last axis, and axes [1, 2] with epsilon 0.5', () => {
    expect(cases.map((c) => c.config.axis)).toEqual([[-1], [1, 2]]);
  });

  for (const golden of cases) {
    it(`axis ${JSON.stringify(golden.config.axis)}, epsilon ${golden.config.epsilon}, a trained scale: Keras's outputs and config`, () => {
      const before = tf.memory().numTensors;
      const { scale, ...config } = golden.config;
      const layer = RMSNormalization.fromConfig({ ...config, name: 'rms' });
      const x = sineInput(golden.input_shape);
      layer.maybeBuild(golden.input_shape);
      const scaleTensor = tf.tensor(scale);
      layer.setWeights([scaleTensor]);
      const y = layer.apply(x) as tf.Tensor;
      const expected = tf.tensor(golden.output);
      expectAllClose(y, expected, { rtol: 1e-5, atol: 1e-6 });
      const { name: _name, trainable: _trainable, dtype: _dtype, ...written } = layer.getConfig();
      expect(written).toEqual(config);
      expect(layer.weights.map((w) => w.path)).toEqual(['rms/scale']);
      tf.dispose([x, y, expected, scaleTensor]);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('writes an int axis as Keras does after build: a one-element list', () => {
    const layer = new RMSNormalization({ axis: 2 });
    expect(layer.getConfig().axis).toBe(2);
    layer.maybeBuild([1, 3, 4]);
    expect(layer.getConfig().axis).toEqual([2]);
    layer.dispose();
  });
});
