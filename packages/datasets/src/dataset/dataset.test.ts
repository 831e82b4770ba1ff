import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tensorsLeftBy } from '../test-support/helpers';
import { fromArray, fromGenerator, fromTensorSlices } from './sources';

beforeAll(() => useBackend('cpu'));

const values = (tensor: tf.Tensor) => Array.from(tensor.dataSync());

describe('fromTensorSlices', () => {
  it('batches [x, y] into exactly [xBatch, yBatch] tuples, the last one smaller', async () => {
    const x = tf.tensor2d(Array.from({ length: 70 * 3 }, (_, i) => i), [70, 3]);
    const y = tf.tensor1d(Array.from({ length: 70 }, (_, i) => i % 10), 'int32');
    const leaked = await tensorsLeftBy(async () => {
      const shapes: number[][][] = [];
      for await (const batch of fromTensorSlices([x, y]).batch(32)) {
        expect(Array.isArray(batch)).toBe(true);
        expect(batch).toHaveLength(2);
        shapes.push(batch.map((tensor) => tensor.shape));
        tf.dispose(batch);
      }
      expect(shapes).toEqual([[[32, 3], [32]], [[32, 3], [32]], [[6, 3], [6]]]);
      const dropped = await fromTensorSlices([x, y]).batch(32, { dropRemainder: true }).toArray();
      expect(dropped).toHaveLength(2);
      tf.dispose(dropped);
    });
    expect(leaked).toBe(0);
    tf.dispose([x, y]);
  });

  it('slices single tensors and dicts row by row, and refuses mismatched lengths', async () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const rows = await fromTensorSlices(x).toArray();
    expect(rows.map((row) => row.shape)).toEqual([[2], [2], [2]]);
    expect(values(rows[2])).toEqual([5, 6]);
    const y = tf.tensor1d([7, 8, 9]);
    const [first] = await fromTensorSlices({ x, y }).take(1).toArray();
    expect(values(first.x)).toEqual([1, 2]);
    expect(values(first.y)).toEqual([7]);
    expect(() => fromTensorSlices([x, tf.tensor1d([1])])).toThrow(/same first dimension, received shapes \[3, 2\] and \[1\]/);
    tf.dispose([x, y, ...rows, first.x, first.y]);
  });
});

describe('Dataset transformations', () => {
  it('map, filter, skip and take in order, disposing what they drop', async () => {
    const x = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const leaked = await tensorsLeftBy(async () => {
      const result = await fromTensorSlices(x)
        .map((row) => tf.mul(row, 10))
        .filter((row) => row.dataSync()[0] % 20 === 0)
        .skip(1)
        .take(3)
        .toArray();
      expect(result.map((row) => values(row)[0])).toEqual([20, 40, 60]);
      tf.dispose(result);
    });
    expect(leaked).toBe(0);
    x.dispose();
  });

  it('shuffles reproducibly from a seed, a new order each epoch, keeping every element', async () => {
    const data = fromArray(Array.from({ length: 50 }, (_, i) => i));
    const shuffled = data.shuffle(10, 42);
    const firstEpoch = await shuffled.toArray();
    const secondEpoch = await shuffled.toArray();
    expect([...firstEpoch].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(firstEpoch).not.toEqual(secondEpoch);
    expect(await data.shuffle(10, 42).toArray()).toEqual(firstEpoch);
    expect(firstEpoch).not.toEqual(await data.shuffle(10, 43).toArray());
    expect(() => data.shuffle(0)).toThrow(/bufferSize to be a positive integer, received 0/);
  });

  it('batches numbers, numeric rows, tuples and dicts, and unbatches back', async () => {
    const rows = fromArray([
      { features: [1, 2], label: 0 },
      { features: [3, 4], label: 1 },
      { features: [5, 6], label: 0 },
    ]);
    const leaked = await tensorsLeftBy(async () => {
      const [batch] = await rows.batch(3).toArray();
      expect(batch.features.shape).toEqual([3, 2]);
      expect(values(batch.label)).toEqual([0, 1, 0]);
      tf.dispose(batch);
      const tuples = await fromArray([[[1, 2], 5] as [number[], number], [[3, 4], 6]]).batch(2).toArray();
      expect(tuples[0][0].shape).toEqual([2, 2]);
      expect(values(tuples[0][1])).toEqual([5, 6]);
      tf.dispose(tuples);
      const unbatched = await rows.batch(2).unbatch().toArray();
      expect(unbatched.map((row) => values(row.features))).toEqual([[1, 2], [3, 4], [5, 6]]);
      tf.dispose(unbatched);
    });
    expect(leaked).toBe(0);
    await expect(fromArray([tf.zeros([2]), tf.zeros([3])]).batch(2).toArray()).rejects.toThrow(/different shapes: \[2\] and \[3\]/);
  });

  it('reads generators lazily, sync and async, and repeats them', async () => {
    let produced = 0;
    const counting = fromGenerator(function* () {
      for (let i = 0; i < 1_000_000; i++) {
        produced++;
        yield i;
      }
    });
    expect(await counting.take(3).toArray()).toEqual([0, 1, 2]);
    expect(produced).toBeLessThanOrEqual(4);
    const asynchronous = fromGenerator(async function* () {
      yield 'a';
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield 'b';
    });
    expect(await asynchronous.repeat(2).toArray()).toEqual(['a', 'b', 'a', 'b']);
    expect(await asynchronous.repeat().take(5).toArray()).toEqual(['a', 'b', 'a', 'b', 'a']);
    expect(await fromArray([]).repeat().toArray()).toEqual([]);
  });

  it('prefetches ahead of the consumer without changing the order', async () => {
    let produced = 0;
    const source = fromGenerator(function* () {
      for (let i = 0; i < 10; i++) {
        produced++;
        yield i;
      }
    }).prefetch(3);
    const iterator = source[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toBe(0);
    expect(produced).toBeGreaterThanOrEqual(3);
    expect(produced).toBeLessThanOrEqual(5);
    const rest: number[] = [];
    for (let result = await iterator.next(); !result.done; result = await iterator.next()) rest.push(result.value);
    expect(rest).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('disposes buffered tensors when the consumer stops early', async () => {
    const x = tf.tensor2d(Array.from({ length: 200 }, (_, i) => i), [100, 2]);
    const leaked = await tensorsLeftBy(async () => {
      for (const pipeline of [
        fromTensorSlices(x).shuffle(20, 1).batch(8).prefetch(2),
        fromTensorSlices(x).batch(10).unbatch().prefetch(4),
      ]) {
        let seen = 0;
        for await (const element of pipeline) {
          tf.dispose(element);
          if (++seen === 2) break;
        }
      }
    });
    expect(leaked).toBe(0);
    x.dispose();
  });

  it('caches the first complete pass and replays clones the consumer may dispose', async () => {
    let reads = 0;
    const cached = fromGenerator(function* () {
      for (let i = 0; i < 4; i++) {
        reads++;
        yield tf.scalar(i);
      }
    }).cache();
    const before = tf.memory().numTensors;
    for (let epoch = 0; epoch < 3; epoch++) {
      const elements = await cached.toArray();
      expect(elements.map((element) => element.dataSync()[0])).toEqual([0, 1, 2, 3]);
      tf.dispose(elements);
    }
    expect(reads).toBe(4);
    expect(tf.memory().numTensors - before).toBe(4);
    cached.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
