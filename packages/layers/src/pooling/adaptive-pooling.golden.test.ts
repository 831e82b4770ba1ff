import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInLayers } from '../registry';

/** golden/new-layers.json, written by real Keras 3.15.1 (scripts/golden_new_layers.py). */
interface GoldenCase {
  class_name: string;
  config: Record<string, unknown>;
  input_shape: number[];
  output: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'new-layers.json');
const cases = (JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[]).filter((c) => c.class_name.startsWith('Adaptive'));

/** The script's input: sin(0.37 i + 0.1) over the element index i. */
const sineInput = (shape: number[]) => tf.tidy(() => tf.reshape(tf.sin(tf.add(tf.mul(tf.range(0, shape.reduce((a, b) => a * b, 1)), 0.37), 0.1)), shape));

beforeAll(async () => {
  await useBackend('cpu');
});

describe('adaptive pooling layers at Keras 3.15.1’s numbers', () => {
  it('covers the six layers', () => {
    expect(cases.map((c) => c.class_name).sort()).toEqual([
      'AdaptiveAveragePooling1D',
      'AdaptiveAveragePooling2D',
      'AdaptiveAveragePooling3D',
      'AdaptiveMaxPooling1D',
      'AdaptiveMaxPooling2D',
      'AdaptiveMaxPooling3D',
    ]);
  });

  for (const golden of cases) {
    it(`${golden.class_name}(${JSON.stringify(golden.config.output_size)}, ${golden.config.data_format}) on [${golden.input_shape}]: Keras's outputs, config and output shape`, () => {
      const before = tf.memory().numTensors;
      const layer = builtInLayers()[golden.class_name].fromConfig({ ...golden.config, name: 'pool' });
      const x = sineInput(golden.input_shape);
      const y = layer.apply(x) as tf.Tensor;
      const expected = tf.tensor(golden.output);
      expectAllClose(y, expected, { rtol: 1e-6, atol: 1e-6 });
      expect(layer.computeOutputShape(golden.input_shape)).toEqual(expected.shape);
      const { name: _name, trainable: _trainable, dtype: _dtype, ...config } = layer.getConfig();
      expect(config).toEqual(golden.config);
      tf.dispose([x, y, expected]);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('refuses an output size of the wrong length or not a positive integer, naming the layer and the value', async () => {
    const { AdaptiveAveragePooling2D, AdaptiveMaxPooling1D } = await import('./index');
    expect(() => new AdaptiveAveragePooling2D([2, 3, 4])).toThrow(/AdaptiveAveragePooling2D: `outputSize` must be a positive integer or a list of 2 positive integers. Received: \[2,3,4\]/);
    expect(() => new AdaptiveMaxPooling1D(0)).toThrow(/AdaptiveMaxPooling1D: `outputSize`.*Received: 0/);
  });
});
