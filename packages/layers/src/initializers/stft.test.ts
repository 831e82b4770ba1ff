import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getInitializer, serializeInitializer } from './registry';
import { STFT } from './stft';

/** golden/stft-initializer.json, written by real Keras 3.15.1 (scripts/golden_stft_initializer.py). */
interface GoldenCase {
  shape: number[];
  config: { module: string; class_name: string; config: Record<string, unknown>; registered_name: null };
  kernel: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'stft-initializer.json');
const cases = JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[];

beforeAll(async () => {
  await useBackend('cpu');
});

describe('the STFT initializer at Keras 3.15.1’s numbers', () => {
  for (const golden of cases) {
    const { side, window, scaling, periodic } = golden.config.config;
    it(`${side}, window ${window}, scaling ${scaling}, periodic ${periodic}, shape [${golden.shape}]: Keras's kernel and serialized form`, () => {
      const before = tf.memory().numTensors;
      const initializer = getInitializer(golden.config);
      expect(initializer).toBeInstanceOf(STFT);
      const kernel = initializer.call(golden.shape);
      // Keras 3.15.1 returns [frameLength, 1, bins] whatever the channels asked for; Strata gives the shape asked
      // for, the same kernel in each input channel.
      const expected = tf.tidy(() => tf.broadcastTo(tf.tensor(golden.kernel), golden.shape));
      expect(kernel.shape).toEqual(golden.shape);
      expectAllClose(kernel, expected, { rtol: 1e-5, atol: 1e-6 });
      expect(serializeInitializer(initializer)).toEqual(golden.config);
      tf.dispose([kernel, expected]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it("reads Keras's other name STFTInitializer and refuses unknown windows and scalings with sentences", () => {
    expect(getInitializer('STFTInitializer')).toBeInstanceOf(STFT);
    expect(getInitializer('stft')).toBeInstanceOf(STFT);
    expect(() => new STFT({ window: 'kaiser' as never })).toThrow("STFT initializer: unknown window 'kaiser'; expected one of hann, hamming, blackman, boxcar, an array of window values, or null.");
    expect(() => new STFT({ scaling: 'energy' as never })).toThrow("STFT initializer: scaling must be null, 'density' or 'spectrum'; received scaling=energy.");
    expect(() => new STFT().call([4, 1])).toThrow('STFT initializer expects a shape [frameLength, inputChannels, fftBins]; received [4,1].');
  });

  it('takes the window as values too: a window of ones is the boxcar', () => {
    const [ones, boxcar] = [new STFT({ window: [1, 1, 1, 1] }).call([4, 1, 3]), new STFT({ window: 'boxcar' }).call([4, 1, 3])];
    expectAllClose(ones, boxcar, { rtol: 0, atol: 0 });
    tf.dispose([ones, boxcar]);
  });
});
