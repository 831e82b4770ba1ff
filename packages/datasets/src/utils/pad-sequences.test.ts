import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataUtilsGolden } from '../test-support/data-utils-golden';
import { type PadSequencesOptions, padSequences } from './pad-sequences';

beforeAll(() => useBackend('cpu'));

function options(kwargs: Record<string, unknown>): PadSequencesOptions {
  return kwargs as PadSequencesOptions; // Keras's keyword names are single words here (maxlen, dtype, padding...).
}

describe('padSequences', () => {
  for (const golden of dataUtilsGolden.pad_sequences) {
    it(`matches keras.utils.pad_sequences: ${golden.name}`, () => {
      const before = tf.memory().numTensors;
      const result = padSequences(golden.sequences, options(golden.kwargs));
      expect(result.dtype).toBe(golden.result.dtype);
      expect(result.shape).toEqual(golden.result.shape);
      expect(Array.from(result.dataSync())).toEqual(golden.result.data);
      result.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('accepts typed arrays as sequences', () => {
    const result = padSequences([Int32Array.of(3, 4), Float32Array.of(5)], { maxlen: 3 });
    expect(Array.from(result.dataSync())).toEqual([0, 3, 4, 0, 0, 5]);
    result.dispose();
  });

  it('refuses steps whose shape differs from the first sequence, naming the sequence', () => {
    expect(() => padSequences([[[1, 2]], [[3, 4, 5]]])).toThrow(/steps of sequence 1 have shape \[3\], but the first non-empty sequence's steps have shape \[2\]/);
    expect(() => padSequences([[1], 2 as unknown as number[]])).toThrow(/found 2 at position 1/);
    expect(() => padSequences([[1]], { padding: 'middle' as 'pre' })).toThrow(/padding 'pre' or 'post', received 'middle'/);
  });
});
