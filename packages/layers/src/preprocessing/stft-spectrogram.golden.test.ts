import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { STFTSpectrogram } from './stft-spectrogram';

/** golden/stft-spectrogram.json, written by real Keras 3.15.1 (scripts/golden_stft_spectrogram.py). */
interface GoldenCase {
  kwargs: Record<string, unknown>;
  shape: number[];
  config: Record<string, unknown>;
  output: number[];
  trainable_weights: number;
  non_trainable_weights: number;
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'stft-spectrogram.json');
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

describe('STFTSpectrogram at Keras 3.15.1’s numbers', () => {
  for (const golden of cases) {
    it(`${JSON.stringify(golden.kwargs)}: Keras's output, weights and config`, () => {
      const before = tf.memory().numTensors;
      const layer = STFTSpectrogram.fromConfig({ ...golden.config, name: 'stft_spectrogram' });
      const x = signal(golden.shape);
      const y = layer.apply(x) as tf.Tensor;
      const expected = tf.tensor(golden.output);
      expect(layer.computeOutputShape(x.shape)).toEqual(expected.shape);
      // The phase of a bin with almost no energy is noise in float32: compare angles only where Keras's is well away from ±π.
      const tolerance = golden.config.mode === 'angle' ? { rtol: 1e-3, atol: 2e-3 } : { rtol: 1e-4, atol: 1e-4 };
      if (golden.config.mode === 'angle') {
        const [a, e] = [y.dataSync(), expected.dataSync()];
        const wrapped = Array.from(a, (v, i) => (Math.abs(v - e[i]) > Math.PI ? v - Math.sign(v - e[i]) * 2 * Math.PI : v));
        expectAllClose(wrapped, Array.from(e), tolerance);
      } else {
        expectAllClose(y, expected, tolerance);
      }
      expect(layer.trainableWeights.length).toBe(golden.trainable_weights);
      expect(layer.nonTrainableWeights.length).toBe(golden.non_trainable_weights);
      const { name: _name, trainable: _trainable, dtype: _dtype, ...config } = layer.getConfig();
      expect(config).toEqual(golden.config);
      tf.dispose([x, y, expected]);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('refuses what Keras refuses, in sentences', () => {
    expect(() => new STFTSpectrogram({ frameLength: 8, frameStep: 9 })).toThrow(/frame_step=9; expected a positive integer not greater than frame_length=8/);
    expect(() => new STFTSpectrogram({ frameLength: 8, fftLength: 4 })).toThrow(/fft_length=4; expected at least frame_length=8/);
    expect(() => new STFTSpectrogram({ mode: 'power' as never })).toThrow(/mode="power"; expected one of log, magnitude/);
    expect(() => new STFTSpectrogram({ padding: 'causal' as never })).toThrow(/padding="causal"/);
    expect(() => new STFTSpectrogram({ window: 'kaiser' as never })).toThrow(/unknown window 'kaiser'/);
    const ints = tf.zeros([1, 16, 1], 'int32');
    expect(() => new STFTSpectrogram({ frameLength: 8 }).apply(ints)).toThrow(/expects float inputs; received a int32 tensor/);
    ints.dispose();
  });
});
