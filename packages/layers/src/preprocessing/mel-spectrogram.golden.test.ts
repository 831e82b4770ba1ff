import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MelSpectrogram } from './mel-spectrogram';

/** golden/mel-spectrogram.json, written by real Keras 3.15.1 (scripts/golden_mel_spectrogram.py). */
interface GoldenCase {
  kwargs: Record<string, unknown>;
  shape: number[];
  config: Record<string, unknown>;
  output: number[];
  output_shape: number[];
  computed_shape: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'mel-spectrogram.json');
const { cases } = JSON.parse(readFileSync(GOLDEN, 'utf8')) as { cases: GoldenCase[] };
/** The script's signal: sin(0.31 t) + 0.5 cos(1.7 t + 0.2) over the flat index t. */
const signal = (shape: number[]) =>
  tf.tidy(() => {
    const t = tf.range(0, shape.reduce((a, b) => a * b, 1));
    return tf.reshape(tf.add(tf.sin(tf.mul(t, 0.31)), tf.mul(tf.cos(tf.add(tf.mul(t, 1.7), 0.2)), 0.5)), shape);
  });

beforeAll(async () => {
  await useBackend('cpu');
});

describe('MelSpectrogram at Keras 3.15.1’s numbers', () => {
  for (const golden of cases) {
    it(`${JSON.stringify(golden.kwargs)} on [${golden.shape}]: Keras's output, shape and config`, () => {
      const before = tf.memory().numTensors;
      const layer = MelSpectrogram.fromConfig({ ...golden.config, name: 'mel_spectrogram' });
      const x = signal(golden.shape);
      const y = layer.apply(x) as tf.Tensor;
      const expected = tf.tensor(golden.output, golden.output_shape);
      expect(layer.computeOutputShape(x.shape)).toEqual(golden.computed_shape);
      // Decibels to 1e-3 dB; powers relative to their size.
      expectAllClose(y, expected, golden.config.power_to_db ? { rtol: 1e-4, atol: 2e-3 } : { rtol: 2e-4, atol: 1e-4 });
      const { name: _name, trainable: _trainable, dtype: _dtype, ...config } = layer.getConfig();
      expect(config).toEqual(golden.config);
      tf.dispose([x, y, expected]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('refuses a frame longer than the transform, in a sentence', () => {
    expect(() => new MelSpectrogram({ fftLength: 32, sequenceLength: 64 })).toThrow(/sequence_length=64 and fft_length=32; expected fft_length >= sequence_length/);
  });
});
