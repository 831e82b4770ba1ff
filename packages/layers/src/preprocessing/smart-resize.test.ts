import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataFormat, Interpolation } from './image-utils';
import { smartResize } from './smart-resize';

/** golden/smart-resize.json, written by real Keras 3.15.1 (scripts/golden_smart_resize.py). */
interface GoldenCase {
  shape: number[];
  size: [number, number];
  interpolation: Interpolation;
  data_format: DataFormat;
  output: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'smart-resize.json');
const cases = JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[];
const sineInput = (shape: number[]) => tf.tidy(() => tf.reshape(tf.sin(tf.add(tf.mul(tf.range(0, shape.reduce((a, b) => a * b, 1)), 0.37), 0.1)), shape));

beforeAll(async () => {
  await useBackend('cpu');
});

describe('smartResize at Keras 3.15.1’s numbers', () => {
  for (const golden of cases) {
    it(`[${golden.shape}] to ${golden.size.join('x')}, ${golden.interpolation}, ${golden.data_format}: crops the centred box of the target ratio, then resizes`, () => {
      const before = tf.memory().numTensors;
      const x = sineInput(golden.shape);
      const y = smartResize(x, golden.size, { interpolation: golden.interpolation, dataFormat: golden.data_format });
      const expected = tf.tensor(golden.output);
      expect(y.shape).toEqual(expected.shape);
      expectAllClose(y, expected, { rtol: 1e-5, atol: 1e-6 });
      tf.dispose([x, y, expected]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('refuses a size that is not [height, width] and images of another rank, saying what it received', () => {
    const x = tf.zeros([4, 4]);
    expect(() => smartResize(x, [2, 2])).toThrow('smartResize expects an image of rank 3 (height, width, channels) or a batch of rank 4; received a tensor of shape [4,4].');
    expect(() => smartResize(x, [2] as never)).toThrow('smartResize expects `size` to be [height, width]; received [2].');
    x.dispose();
  });
});
