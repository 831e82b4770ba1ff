import { expectAllClose } from '@strata/testing';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInLayers } from '../registry';
import { TextVectorization } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

const ints = (t: unknown) => (t as tf.Tensor).arraySync();

describe('TextVectorization', () => {
  it('reproduces the Keras documentation example (adapt, OOV, padding)', async () => {
    const layer = new TextVectorization({ maxTokens: 5000, outputMode: 'int', outputSequenceLength: 4 });
    await layer.adapt(['foo bar', 'bar baz', 'baz bada boom']);
    // Counts: bar 2, baz 2, then foo, bada, boom 1 each; ties in descending order.
    expect(layer.getVocabulary()).toEqual(['', '[UNK]', 'baz', 'bar', 'foo', 'boom', 'bada']);
    const out = layer.apply(tf.tensor([['foo qux bar'], ['qux baz']])) as tf.Tensor;
    expect(out.dtype).toBe('int32');
    expect(out.arraySync()).toEqual([
      [4, 1, 3, 0],
      [1, 2, 0, 0],
    ]);
  });

  it('takes a vocabulary, truncates to output_sequence_length, or pads to the longest sample', () => {
    const vocabulary = ['earth', 'wind', 'and', 'fire'];
    const layer = new TextVectorization({ vocabulary, outputSequenceLength: 2 });
    expect(layer.getVocabulary()).toEqual(['', '[UNK]', 'earth', 'wind', 'and', 'fire']);
    expect(ints(layer.apply(['earth wind and fire', 'fire'] as never))).toEqual([
      [2, 3],
      [5, 0],
    ]);
    const ragged = new TextVectorization({ vocabulary });
    expect(ints(ragged.apply(['  earth\twind\n and ', 'fire'] as never))).toEqual([
      [2, 3, 4],
      [5, 0, 0],
    ]);
  });

  it('standardizes as Keras: ASCII lowercasing and its punctuation set', async () => {
    const layer = new TextVectorization();
    await layer.adapt(["Hello, World! It's ÉTÉ (c/o) a-b_c"]);
    expect(layer.getVocabulary(false).sort()).toEqual(['abc', 'co', 'hello', 'its', 'world', 'ÉtÉ'].sort());
    const lower = new TextVectorization({ standardize: 'lower' });
    await lower.adapt(['A. a.']);
    expect(lower.getVocabulary(false)).toEqual(['a.']);
    const none = new TextVectorization({ standardize: null, split: null });
    await none.adapt(['Keep It, Whole']);
    expect(none.getVocabulary(false)).toEqual(['Keep It, Whole']);
  });

  it('splits by character or by a function, and forms n-grams after splitting', async () => {
    const chars = new TextVectorization({ split: 'character', standardize: null });
    await chars.adapt(['abca']);
    expect(chars.getVocabulary(false)).toEqual(['a', 'c', 'b']);
    const commas = new TextVectorization({ split: (text) => text.split(','), standardize: 'lower' });
    await commas.adapt(['X,y,x']);
    expect(commas.getVocabulary(false)).toEqual(['x', 'y']);
    const grams = new TextVectorization({ ngrams: 2, vocabulary: ['a', 'b', 'c', 'a b', 'b c'] });
    // Unigrams first, then bigrams.
    expect(ints(grams.apply(['a b c'] as never))).toEqual([[2, 3, 4, 5, 6]]);
    const onlyBigrams = new TextVectorization({ ngrams: [2], vocabulary: ['a b', 'b c'] });
    expect(ints(onlyBigrams.apply(['a b c', 'a'] as never))).toEqual([
      [2, 3],
      [0, 0],
    ]);
  });

  it('counts tokens in multi_hot, count and tf_idf modes (no padding token in the vocabulary)', async () => {
    const count = new TextVectorization({ outputMode: 'count', vocabulary: ['a', 'b'] });
    expect(count.getVocabulary()).toEqual(['[UNK]', 'a', 'b']);
    expectAllClose(count.apply(['a a c', 'b', ''] as never) as tf.Tensor, [
      [1, 2, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    const multiHot = new TextVectorization({ outputMode: 'multi_hot', vocabulary: ['a', 'b'] });
    expectAllClose(multiHot.apply(['a a c'] as never) as tf.Tensor, [[1, 1, 0]]);
    const tfIdf = new TextVectorization({ outputMode: 'tf_idf' });
    await tfIdf.adapt(['a b', 'a']);
    // a in 2 of 2 documents, b in 1: idf log(1 + 2/3) and log(2); OOV gets their mean.
    const idfA = Math.log(1 + 2 / 3);
    const idfB = Math.log(2);
    expectAllClose(tfIdf.apply(['a a b z'] as never) as tf.Tensor, [[(idfA + idfB) / 2, 2 * idfA, idfB]], { rtol: 1e-5 });
  });

  it('round-trips its Keras config, functions through customObjects, and leaks no tensor', () => {
    const layer = new TextVectorization({ maxTokens: 10, vocabulary: ['x', 'y'], outputSequenceLength: 3, ngrams: [1, 2], name: 'tv' });
    const config = layer.getConfig();
    expect(config).toEqual({
      name: 'tv',
      trainable: true,
      dtype: expect.any(Object),
      max_tokens: 10,
      standardize: 'lower_and_strip_punctuation',
      split: 'whitespace',
      ngrams: [1, 2],
      output_mode: 'int',
      output_sequence_length: 3,
      pad_to_max_tokens: false,
      sparse: false,
      ragged: false,
      vocabulary: ['x', 'y'],
      idf_weights: null,
      encoding: 'utf-8',
      vocabulary_size: 4,
    });
    const rebuilt = builtInLayers().TextVectorization.fromConfig(JSON.parse(JSON.stringify(config)));
    expect(rebuilt.getConfig()).toEqual(config);
    function shout(text: string) {
      return text.toUpperCase();
    }
    const custom = new TextVectorization({ standardize: shout, vocabulary: ['A'] });
    const customConfig = JSON.parse(JSON.stringify(custom.getConfig()));
    expect(customConfig.standardize).toMatchObject({ class_name: 'function', config: 'shout' });
    expect(() => TextVectorization.fromConfig(customConfig)).toThrow(/"shout" is not in customObjects/);
    const restored = TextVectorization.fromConfig(customConfig, { shout });
    expect(ints(restored.apply(['a b'] as never))).toEqual([[2, 1]]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      layer.apply(tf.tensor(['x y z']));
      layer.apply(['x'] as never);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad arguments and inputs with clear errors', () => {
    expect(() => new TextVectorization({ standardize: 'upper' as never })).toThrow(/does not know `standardize`="upper"/);
    expect(() => new TextVectorization({ split: 'comma' as never })).toThrow(/does not know `split`="comma"/);
    expect(() => new TextVectorization({ ngrams: 0 })).toThrow(/`ngrams` must be null, an integer/);
    expect(() => new TextVectorization({ outputMode: 'count', outputSequenceLength: 3 })).toThrow(/must not be set if `output_mode` is not "int"/);
    expect(() => new TextVectorization({ ragged: true })).toThrow(/`ragged=true` is not supported/);
    expect(() => new TextVectorization().apply(tf.tensor([['a', 'b']]))).toThrow(/last shape dimension must be 1.*\[1,2\]/);
  });
});
