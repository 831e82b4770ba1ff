import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInLayers } from '../registry';
import { HashedCrossing } from './hashed-crossing';
import { Hashing, type HashingArgs } from './hashing';
import { sipHash24 } from './siphash';

/*
 * Real Keras cannot run Hashing or HashedCrossing without TensorFlow (their
 * constructors raise ImportError in the torch-only reference build), so these
 * tests check TensorFlow's outputs as Keras 3.15.1's own tests and docstrings
 * record them (keras/src/layers/preprocessing/hashing_test.py,
 * hashed_crossing_test.py), and SipHash against the reference vectors of the
 * SipHash paper.
 */
beforeAll(async () => {
  await useBackend('cpu');
});

const WIRE = [['omar'], ['stringer'], ['marlo'], ['wire'], ['skywalker']];
const LETTERS = [['A'], ['B'], ['C'], ['D'], ['E']];

function hashed(args: HashingArgs, input: tf.Tensor): unknown {
  const before = tf.memory().numTensors;
  const layer = new Hashing(args);
  const output = layer.apply(input) as tf.Tensor;
  const values = output.arraySync();
  output.dispose();
  input.dispose();
  expect(tf.memory().numTensors).toBe(before - 1);
  return values;
}

describe('SipHash-2-4', () => {
  it("gives the reference vectors of the SipHash paper (key 00..0f; messages '' and 00..0e)", () => {
    const key: [bigint, bigint] = [0x0706050403020100n, 0x0f0e0d0c0b0a0908n];
    expect(sipHash24(key, new Uint8Array(0))).toBe(0x726fdb47dd0e0e31n);
    expect(sipHash24(key, Uint8Array.from({ length: 15 }, (_, i) => i))).toBe(0xa129ca6149be45e5n);
  });
});

describe("Hashing at TensorFlow's buckets, as Keras's tests record them", () => {
  it('FarmHash of strings: Keras’s docstring and tests', () => {
    expect(hashed({ numBins: 3 }, tf.tensor(LETTERS))).toEqual([[1], [0], [1], [1], [2]]);
    expect(hashed({ numBins: 2 }, tf.tensor(WIRE))).toEqual([[0], [0], [1], [0], [0]]);
    expect(hashed({ numBins: 2 }, tf.tensor(WIRE.flat()))).toEqual([0, 0, 1, 0, 0]);
    expect(hashed({ numBins: 1 }, tf.tensor(LETTERS))).toEqual([[0], [0], [0], [0], [0]]);
  });

  it('mask_value takes bin 0 and moves the other values up by one', () => {
    expect(hashed({ numBins: 3, maskValue: '' }, tf.tensor([['A'], ['B'], [''], ['C'], ['D']]))).toEqual([[1], [1], [0], [2], [2]]);
    expect(hashed({ numBins: 3, maskValue: '' }, tf.tensor(WIRE))).toEqual([[1], [1], [2], [1], [1]]);
    expect(hashed({ numBins: 3, maskValue: 'omar' }, tf.tensor(WIRE))).toEqual([[0], [1], [2], [1], [1]]);
  });

  it('salt: SipHash under one salt (used twice) or two', () => {
    expect(hashed({ numBins: 3, salt: [133, 137] }, tf.tensor(LETTERS))).toEqual([[1], [2], [1], [0], [2]]);
    expect(hashed({ numBins: 3, salt: 133 }, tf.tensor(LETTERS))).toEqual([[0], [0], [2], [1], [0]]);
    expect(hashed({ numBins: 2, salt: [133, 137] }, tf.tensor(WIRE))).toEqual([[0], [1], [0], [1], [0]]);
    expect(hashed({ numBins: 2, salt: [211, 137] }, tf.tensor(WIRE))).toEqual([[1], [0], [1], [0], [1]]);
  });

  it('integers hash as their decimal text, with FarmHash and with SipHash; floats are truncated first', () => {
    expect(hashed({ numBins: 3 }, tf.tensor2d([[0], [1], [2], [3], [4]], undefined, 'int32'))).toEqual([[1], [0], [1], [0], [2]]);
    expect(hashed({ numBins: 3, salt: [133, 137] }, tf.tensor2d([[0], [1], [2], [3], [4]], undefined, 'int32'))).toEqual([[1], [1], [2], [0], [1]]);
    expect(hashed({ numBins: 3 }, tf.tensor2d([[0.5], [1.9], [2.2], [3], [4.99]]))).toEqual([[1], [0], [1], [0], [2]]);
    expect(hashed({ numBins: 3 }, tf.tensor(['0', '1', '2', '3', '4']))).toEqual([1, 0, 1, 0, 2]);
    expect(hashed({ numBins: 2 }, tf.tensor([[[1], [2]], [[2], [3]], [[3], [4]]], undefined, 'int32'))).toEqual([[[1], [1]], [[1], [1]], [[1], [1]]]);
  });

  it('one_hot, multi_hot and count outputs', () => {
    const ints = () => tf.tensor1d([0, 1, 2, 3, 4], 'int32');
    expect(hashed({ numBins: 3, outputMode: 'one_hot' }, ints())).toEqual([
      [0, 1, 0],
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(hashed({ numBins: 3, outputMode: 'one_hot' }, tf.tensor2d([[0], [1], [2], [3], [4]], undefined, 'int32'))).toEqual([
      [0, 1, 0],
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(hashed({ numBins: 3, outputMode: 'multi_hot' }, tf.tensor2d([[0, 1, 2, 3, 4]], undefined, 'int32'))).toEqual([[1, 1, 1]]);
    expect(hashed({ numBins: 3, outputMode: 'count' }, ints())).toEqual([2, 2, 1]);
    expect(hashed({ numBins: 3, outputMode: 'count' }, tf.tensor2d([[0, 1, 2, 3, 4]], undefined, 'int32'))).toEqual([[2, 2, 1]]);
  });

  it("has Keras's config and comes back from it through the registry", () => {
    const layer = new Hashing({ name: 'hashing', numBins: 7, salt: 5, maskValue: 'pad', outputMode: 'int' });
    const config = layer.getConfig();
    expect(config).toEqual({
      name: 'hashing',
      trainable: true,
      dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'int64' }, registered_name: null },
      num_bins: 7,
      salt: [5, 5],
      mask_value: 'pad',
      output_mode: 'int',
      sparse: false,
    });
    const restored = builtInLayers().Hashing.fromConfig(config) as Hashing;
    expect(restored.getConfig()).toEqual(config);
    expect(restored.hashValue('pad')).toBe(0);
  });

  it('refuses what Keras refuses, in sentences', () => {
    expect(() => new Hashing({})).toThrow(/num_bins=undefined; expected a positive integer/);
    expect(() => new Hashing({ numBins: 0 })).toThrow(/num_bins=0/);
    expect(() => new Hashing({ numBins: 3, outputMode: 'tf_idf' as never })).toThrow(/output_mode="tf_idf"/);
    expect(() => new Hashing({ numBins: 3, salt: [1, 2, 3] as never })).toThrow(/salt=\[1,2,3\]; expected one integer or an array of two integers/);
    expect(() => new Hashing({ numBins: 3, outputMode: 'one_hot', sparse: true })).toThrow(/sparse=true, which Strata does not support/);
  });
});

describe("HashedCrossing at TensorFlow's buckets, as Keras's tests record them", () => {
  const feat1 = () => tf.tensor1d(['A', 'B', 'A', 'B', 'A'], 'string');
  const feat2 = () => tf.tensor1d([101, 101, 101, 102, 102], 'int32');

  it('crosses a string and an integer feature: int and one_hot, (batch,) and (batch, 1) and scalars', () => {
    const before = tf.memory().numTensors;
    const inputs = [feat1(), feat2()];
    const int = new HashedCrossing({ numBins: 5 }).apply(inputs) as tf.Tensor;
    expect(int.dtype).toBe('int32');
    expect(int.arraySync()).toEqual([1, 4, 1, 1, 3]);
    const oneHot = new HashedCrossing({ numBins: 5, outputMode: 'one_hot' }).apply(inputs) as tf.Tensor;
    expect(oneHot.arraySync()).toEqual([
      [0, 1, 0, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 1, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 0, 0, 1, 0],
    ]);
    const columns = inputs.map((x) => tf.expandDims(x, -1));
    const column = new HashedCrossing({ numBins: 5 }).apply(columns) as tf.Tensor;
    expect(column.arraySync()).toEqual([[1], [4], [1], [1], [3]]);
    const scalars = [tf.scalar('A', 'string'), tf.scalar(101, 'int32')];
    const scalar = new HashedCrossing({ numBins: 10 }).apply(scalars) as tf.Tensor;
    expect(scalar.arraySync()).toBe(1);
    tf.dispose([...inputs, int, oneHot, ...columns, column, ...scalars, scalar]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("has Keras's config, and refuses what Keras refuses", () => {
    const layer = new HashedCrossing({ name: 'hashed_crossing', numBins: 5 });
    expect(layer.getConfig()).toEqual({ num_bins: 5, output_mode: 'int', sparse: false, name: 'hashed_crossing', dtype: 'int64' });
    const restored = builtInLayers().HashedCrossing.fromConfig({ ...layer.getConfig(), output_mode: 'one_hot', dtype: 'float32' }) as HashedCrossing;
    expect(restored.outputMode).toBe('one_hot');
    const one = tf.tensor1d([1], 'int32');
    const floats = tf.tensor1d([1.5]);
    const wide = tf.tensor2d([[1, 2]], undefined, 'int32');
    expect(() => layer.apply(one)).toThrow(/an array of at least two tensors; received one tensor/);
    expect(() => layer.apply([one])).toThrow(/at least two tensors; received 1/);
    expect(() => layer.apply([floats, floats])).toThrow(/integer or string tensors; received a float32 tensor/);
    expect(() => layer.apply([wide, wide])).toThrow(/shape \(\), \(batch,\) or \(batch, 1\); received \[1,2\]/);
    expect(() => layer.apply([one, wide])).toThrow(/equal shapes/);
    expect(() => new HashedCrossing({ numBins: 5, outputMode: 'count' as never })).toThrow(/expected "int" or "one_hot"/);
    tf.dispose([one, floats, wide]);
  });
});
