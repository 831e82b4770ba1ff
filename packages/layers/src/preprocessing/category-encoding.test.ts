import { expectAllClose } from '@strata/testing';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Input } from '../core/input-layer';
import { CategoryEncoding, StringLookup, TextVectorization } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Multi-hot or count vectors of each row, by loops. */
function naiveEncode(rows: number[][], depth: number, mode: 'multi_hot' | 'count'): number[][] {
  return rows.map((row) => {
    const out = new Array(depth).fill(0);
    for (const v of row) if (v >= 0 && v < depth) out[v] = mode === 'count' ? out[v] + 1 : 1;
    return out;
  });
}

describe('CategoryEncoding', () => {
  const rows = [
    [0, 1, 1, 3],
    [2, 2, 2, 0],
    [3, 3, 1, 1],
  ];

  it('encodes multi_hot (the default) and count over the last axis, as loops do', () => {
    const x = tf.tensor2d(rows, undefined, 'int32');
    expectAllClose(new CategoryEncoding({ numTokens: 5 }).apply(x) as tf.Tensor, naiveEncode(rows, 5, 'multi_hot'));
    expectAllClose(new CategoryEncoding({ numTokens: 5, outputMode: 'count' }).apply(x) as tf.Tensor, naiveEncode(rows, 5, 'count'));
    // A rank-1 input is one sample.
    expectAllClose(new CategoryEncoding({ numTokens: 4, outputMode: 'binary' }).apply(tf.tensor1d([0, 2], 'int32')) as tf.Tensor, [1, 0, 1, 0]);
  });

  it('encodes one_hot per element, squeezing a last axis of 1', () => {
    const layer = new CategoryEncoding({ numTokens: 3, outputMode: 'one_hot' });
    expectAllClose(layer.apply(tf.tensor1d([2, 0], 'int32')) as tf.Tensor, [
      [0, 0, 1],
      [1, 0, 0],
    ]);
    const squeezed = layer.apply(tf.tensor2d([[1], [2]], undefined, 'int32')) as tf.Tensor;
    expect(squeezed.shape).toEqual([2, 3]);
    expect(layer.computeOutputShape([null, 1])).toEqual([null, 3]);
    expect(layer.computeOutputShape([null, 4])).toEqual([null, 4, 3]);
  });

  it('writes Keras config keys (no sparse)', () => {
    const layer = new CategoryEncoding({ numTokens: 6, outputMode: 'count' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ num_tokens: 6, output_mode: 'count' });
    expect('sparse' in config).toBe(false);
  });

  it('rejects bad arguments with clear errors', () => {
    expect(() => new CategoryEncoding()).toThrow(/`num_tokens` must be set/);
    expect(() => new CategoryEncoding({ numTokens: 0 })).toThrow(/`num_tokens` must be an integer >= 1. Received: num_tokens=0/);
    expect(() => new CategoryEncoding({ numTokens: 3, outputMode: 'tf_idf' as never })).toThrow(/does not know `output_mode`="tf_idf"/);
    expect(() => new CategoryEncoding({ numTokens: 3, sparse: true })).toThrow(/`sparse=true` is not supported/);
  });
});

describe('string layers in functional graphs', () => {
  it('give symbolic output shapes and dtypes', () => {
    const words = Input({ shape: [3], dtype: 'string' });
    const indices = new StringLookup({ vocabulary: ['a', 'b'] }).apply(words);
    expect(indices.shape).toEqual([null, 3]);
    expect(indices.dtype).toBe('int32');
    const hot = new StringLookup({ vocabulary: ['a', 'b'], outputMode: 'multi_hot' }).apply(words);
    expect(hot.shape).toEqual([null, 3]);
    const text = Input({ shape: [1], dtype: 'string' });
    const sequence = new TextVectorization({ vocabulary: ['a'], outputSequenceLength: 5 }).apply(text);
    expect(sequence.shape).toEqual([null, 5]);
    const counts = new TextVectorization({ vocabulary: ['a', 'b'], outputMode: 'count' }).apply(text);
    expect(counts.shape).toEqual([null, 3]);
  });
});

describe('the built-in registry', () => {
  it('holds every preprocessing layer by its Keras class name, and each rebuilds from its own config', async () => {
    const { builtInLayers } = await import('../registry');
    const registry = builtInLayers();
    const layers = await import('./index');
    const made = [
      new layers.Rescaling(2),
      new layers.Normalization({ mean: 1, variance: 4 }),
      new layers.Resizing(4, 4),
      new layers.CenterCrop(2, 2),
      new layers.RandomFlip(),
      new layers.RandomRotation(0.1),
      new layers.RandomZoom(0.1),
      new layers.RandomTranslation(0.1, 0.2),
      new layers.CategoryEncoding({ numTokens: 4 }),
      new layers.IntegerLookup({ vocabulary: [3, 4] }),
      new layers.StringLookup({ vocabulary: ['a'] }),
      new layers.TextVectorization({ vocabulary: ['a'] }),
    ];
    for (const layer of made) {
      const entry = registry[layer.className];
      expect(entry?.className, layer.className).toBe(layer.className);
      const config = JSON.parse(JSON.stringify(layer.getConfig()));
      expect(entry.fromConfig(config).getConfig()).toEqual(config);
    }
    expect(registry.IndexLookup).toBeUndefined();
  });
});
