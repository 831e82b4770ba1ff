import { expectAllClose } from '@strata/testing';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInLayers } from '../registry';
import { fingerprint64 } from './farmhash';
import { IntegerLookup, StringLookup } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

const VOCAB = ['a', 'b', 'c', 'd'];
const DATA = [
  ['a', 'c', 'd'],
  ['d', 'z', 'b'],
];

describe('FarmHash Fingerprint64', () => {
  it("reproduces tf.strings.to_hash_bucket_fast's documented buckets", () => {
    const bucket = (s: string, n: number) => Number(fingerprint64(new TextEncoder().encode(s)) % BigInt(n));
    expect(['Hello', 'TensorFlow', '2.x'].map((s) => bucket(s, 3))).toEqual([0, 2, 2]);
    expect(['A', 'B', 'C', 'D', 'E'].map((s) => bucket(s, 3))).toEqual([1, 0, 1, 1, 2]);
    expect(fingerprint64(new Uint8Array(0))).toBe(0x9ae16a3b2f90404fn);
  });
});

describe('StringLookup', () => {
  it('maps strings to indices (OOV at 0) from JS arrays and string tensors, as Keras documents', () => {
    const layer = new StringLookup({ vocabulary: VOCAB });
    const fromArray = layer.apply(DATA as never) as tf.Tensor;
    expect(fromArray.dtype).toBe('int32');
    expect(fromArray.arraySync()).toEqual([
      [1, 3, 4],
      [4, 0, 2],
    ]);
    expect((layer.apply(tf.tensor(DATA)) as tf.Tensor).arraySync()).toEqual(fromArray.arraySync());
    expect(layer.getVocabulary()).toEqual(['[UNK]', 'a', 'b', 'c', 'd']);
    expect(layer.getVocabulary(false)).toEqual(VOCAB);
    expect(layer.vocabularySize()).toBe(5);
  });

  it('inverts indices back to strings', () => {
    const inverse = new StringLookup({ vocabulary: VOCAB, invert: true });
    const out = inverse.apply(tf.tensor2d([[1, 3, 4], [4, 0, 2]], undefined, 'int32')) as tf.Tensor;
    expect(out.dtype).toBe('string');
    expect(out.arraySync()).toEqual([
      ['a', 'c', 'd'],
      ['d', '[UNK]', 'b'],
    ]);
  });

  it('adapts a vocabulary by frequency, ties in descending token order, capped by max_tokens', async () => {
    const data = ['b', 'a', 'c', 'a', 'b', 'd', 'e', 'e', 'e'];
    // Counts: e 3, a 2, b 2, c 1, d 1 → e, then b before a, then d before c.
    const layer = new StringLookup();
    await layer.adapt(data);
    expect(layer.getVocabulary()).toEqual(['[UNK]', 'e', 'b', 'a', 'd', 'c']);
    const capped = new StringLookup({ maxTokens: 3 });
    await capped.adapt(tf.tensor(data));
    expect(capped.getVocabulary()).toEqual(['[UNK]', 'e', 'b']);
    const masked = new StringLookup({ maskToken: '', numOovIndices: 2 });
    async function* batches() {
      yield [['x', '', 'y']];
      yield tf.tensor([['y', '[UNK]', '']]);
    }
    await masked.adapt(batches());
    expect(masked.getVocabulary()).toEqual(['', '[UNK]', '[UNK]', 'y', 'x']);
  });

  it('puts the mask at 0 in int mode and spreads OOV tokens over several indices by FarmHash', () => {
    const layer = new StringLookup({ vocabulary: ['x'], maskToken: '', numOovIndices: 3 });
    // Buckets of A..E are [1, 0, 1, 1, 2]; OOV indices start at 1 after the mask.
    expect((layer.apply(tf.tensor(['A', 'B', 'C', 'D', 'E', 'x', ''])) as tf.Tensor).arraySync()).toEqual([2, 1, 2, 2, 3, 4, 0]);
  });

  it('encodes one_hot, multi_hot, count and tf_idf as Keras documents', () => {
    const oneHot = new StringLookup({ vocabulary: VOCAB, outputMode: 'one_hot' });
    expectAllClose(oneHot.apply(tf.tensor(['a', 'b', 'c', 'd', 'z'])) as tf.Tensor, [
      [0, 1, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
      [1, 0, 0, 0, 0],
    ]);
    const data = tf.tensor([
      ['a', 'c', 'd', 'd'],
      ['d', 'z', 'b', 'z'],
    ]);
    expectAllClose(new StringLookup({ vocabulary: VOCAB, outputMode: 'multi_hot' }).apply(data) as tf.Tensor, [
      [0, 1, 0, 1, 1],
      [1, 0, 1, 0, 1],
    ]);
    expectAllClose(new StringLookup({ vocabulary: VOCAB, outputMode: 'count' }).apply(data) as tf.Tensor, [
      [0, 1, 0, 1, 2],
      [2, 0, 1, 0, 1],
    ]);
    const tfIdf = new StringLookup({ vocabulary: VOCAB, idfWeights: [0.25, 0.75, 0.6, 0.4], outputMode: 'tf_idf' });
    expectAllClose(tfIdf.apply(data) as tf.Tensor, [
      [0, 0.25, 0, 0.6, 0.8],
      [1, 0, 0.75, 0, 0.4],
    ]);
    const padded = new StringLookup({ vocabulary: VOCAB, outputMode: 'multi_hot', maxTokens: 8, padToMaxTokens: true, maskToken: '' });
    expectAllClose(padded.apply(tf.tensor([['', 'b']])) as tf.Tensor, [[0, 0, 1, 0, 0, 0, 0, 0]]);
  });

  it('adapts inverse document frequencies in tf_idf mode', async () => {
    const layer = new StringLookup({ outputMode: 'tf_idf' });
    await layer.adapt([
      ['a', 'b', 'a'],
      ['a', 'c', 'c'],
    ]);
    // a in 2 documents, b and c in 1; counts a 3, c 2, b 1.
    expect(layer.getVocabulary()).toEqual(['[UNK]', 'a', 'c', 'b']);
    const idf = [Math.log(1 + 2 / 3), Math.log(2), Math.log(2)];
    const mean = (idf[0] + idf[1] + idf[2]) / 3;
    expectAllClose(layer.getIdfWeights()!, [mean, ...idf], { rtol: 1e-6 });
    expectAllClose(layer.apply(tf.tensor([['a', 'a', 'q']])) as tf.Tensor, [[mean, 2 * idf[0], 0, 0]], { rtol: 1e-5 });
  });

  it('round-trips its Keras config and is in the built-in registry', () => {
    const layer = new StringLookup({ vocabulary: VOCAB, maskToken: '[MASK]', numOovIndices: 2, name: 'words' });
    const config = layer.getConfig();
    expect(config).toEqual({
      name: 'words',
      trainable: true,
      dtype: expect.any(Object),
      invert: false,
      max_tokens: null,
      num_oov_indices: 2,
      oov_token: '[UNK]',
      mask_token: '[MASK]',
      output_mode: 'int',
      sparse: false,
      pad_to_max_tokens: false,
      idf_weights: null,
      vocabulary: VOCAB,
      vocabulary_size: 7,
      encoding: 'utf-8',
    });
    const rebuilt = builtInLayers().StringLookup.fromConfig(JSON.parse(JSON.stringify(config))) as StringLookup;
    expect(rebuilt.getConfig()).toEqual(config);
    expect(rebuilt.getVocabulary()).toEqual(layer.getVocabulary());
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      layer.apply(tf.tensor(DATA));
      rebuilt.apply(DATA as never);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad arguments and data with clear errors', async () => {
    expect(() => new StringLookup({ maxTokens: 1 })).toThrow(/`max_tokens` must be greater than 1/);
    expect(() => new StringLookup({ invert: true, outputMode: 'count' })).toThrow(/must be "int" when `invert` is true/);
    expect(() => new StringLookup({ vocabulary: ['a', 'b', 'a'] })).toThrow(/repeated term.*"a"/);
    expect(() => new StringLookup({ vocabulary: ['a', 'b', 'c'], maxTokens: 3 })).toThrow(/vocabulary size is 4; `max_tokens` is 3/);
    expect(() => new StringLookup({ outputMode: 'tf_idf', vocabulary: VOCAB })).toThrow(/`idf_weights` argument must also be provided/);
    expect(() => new StringLookup({ sparse: true, outputMode: 'multi_hot' })).toThrow(/`sparse=true` is not supported/);
    expect(() => new StringLookup({ outputMode: 'multi_hot' }).apply(tf.tensor(['a']))).toThrow(/must set the layer's vocabulary/);
    expect(() => new StringLookup({ vocabulary: VOCAB, numOovIndices: 0 }).apply(tf.tensor(['a', 'zz']))).toThrow(/found OOV values \["zz"\]/);
    await expect(new StringLookup({ vocabulary: VOCAB }).adapt(['a'])).rejects.toThrow(/cannot adapt layer/);
  });
});

describe('IntegerLookup', () => {
  it('maps integers to indices with OOV at 0, and back with invert', () => {
    const vocab = [12, 36, 1138, 42];
    const layer = new IntegerLookup({ vocabulary: vocab });
    expect(
      (
        layer.apply(
          tf.tensor2d(
            [
              [12, 1138, 42],
              [42, 1000, 36],
            ],
            undefined,
            'int32',
          ),
        ) as tf.Tensor
      ).arraySync(),
    ).toEqual([
      [1, 3, 4],
      [4, 0, 2],
    ]);
    expect(layer.getVocabulary()).toEqual([-1, 12, 36, 1138, 42]);
    const inverse = new IntegerLookup({ vocabulary: layer.getVocabulary(), invert: true });
    expect((inverse.apply(tf.tensor1d([1, 3, 4, 0], 'int32')) as tf.Tensor).arraySync()).toEqual([12, 1138, 42, -1]);
  });

  it('adapts by frequency with ties in descending numeric order', async () => {
    const layer = new IntegerLookup();
    await layer.adapt(tf.tensor1d([1, 2, 2, 3, 3, 10], 'int32'));
    expect(layer.getVocabulary()).toEqual([-1, 3, 2, 10, 1]);
  });

  it('masks and hashes OOV integers by floormod', () => {
    const layer = new IntegerLookup({ vocabulary: [12], maskToken: 0, numOovIndices: 2 });
    // Mask 0 → 0; OOV start 1: 7 mod 2 = 1 → 2, -3 floormod 2 = 1 → 2, 4 → 1; 12 → 3.
    expect((layer.apply([0, 7, -3, 4, 12] as never) as tf.Tensor).arraySync()).toEqual([0, 2, 2, 1, 3]);
    expect(layer.getVocabulary()).toEqual([0, -1, -1, 12]);
  });

  it('round-trips its Keras config', () => {
    const layer = new IntegerLookup({ vocabulary: [5, 6], outputMode: 'multi_hot' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ vocabulary_dtype: 'int64', oov_token: -1, mask_token: null, output_mode: 'multi_hot', vocabulary: [5, 6] });
    const rebuilt = IntegerLookup.fromConfig(JSON.parse(JSON.stringify(config)));
    expect(rebuilt.getConfig()).toEqual(config);
    expectAllClose(rebuilt.apply(tf.tensor2d([[6, 9]], undefined, 'int32')) as tf.Tensor, [[1, 0, 1]]);
    expect(() => new IntegerLookup({ vocabularyDtype: 'int32' as never })).toThrow(/only `vocabulary_dtype`="int64"/);
  });
});
