import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataUtilsGolden } from '../test-support/data-utils-golden';
import { fromArray } from './sources';
import { splitDataset, splitSizes, torchRandperm } from './split';

beforeAll(() => useBackend('cpu'));

describe('splitDataset', () => {
  it("reproduces torch's seeded randperm, which Keras's torch backend shuffles with", () => {
    const seeds = Object.entries(dataUtilsGolden.torch_randperm);
    expect(seeds.length).toBe(3);
    for (const [seed, order] of seeds) expect(Array.from(torchRandperm(order.length, Number(seed)))).toEqual(order);
  });

  it("sizes the two sides as Keras's _rescale_dataset_split_sizes (Python's half-to-even round included)", () => {
    for (const golden of dataUtilsGolden.split_sizes) {
      const compute = () => splitSizes(golden.left_size, golden.right_size, golden.total);
      if (golden.result === 'ValueError') expect(compute).toThrow(/splitDataset/);
      else expect(compute()).toEqual(golden.result);
    }
  });

  it('splits seeded shuffled tensors into the samples Keras puts on each side', async () => {
    for (const golden of dataUtilsGolden.split_dataset.filter((g) => g.kwargs.shuffle)) {
      const x = tf.range(0, 12, 1, 'int32');
      const y = tf.mul(x, 10);
      const before = tf.memory().numTensors;
      const [left, right] = splitDataset([x, y], {
        leftSize: golden.kwargs.left_size as number,
        rightSize: golden.kwargs.right_size as number,
        shuffle: true,
        seed: golden.kwargs.seed as number,
      });
      const [[leftX, leftY]] = await left.batch(100).toArray();
      const [[rightX, rightY]] = await right.batch(100).toArray();
      expect(Array.from(leftX.dataSync())).toEqual(golden.left);
      expect(Array.from(leftY.dataSync())).toEqual(golden.left.map((v) => v * 10));
      expect(Array.from(rightX.dataSync())).toEqual(golden.right);
      expect([left.size, right.size]).toEqual([golden.left.length, golden.right.length]);
      expect(Array.from(rightY.dataSync())).toEqual(golden.right.map((v) => v * 10));
      tf.dispose([leftX, leftY, rightX, rightY]);
      left.dispose();
      right.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, y]);
    }
  });

  it('keeps the order without shuffle: the first leftSize samples and the last rightSize (Keras tf path; its torch path permutes even then)', async () => {
    for (const golden of dataUtilsGolden.split_dataset.filter((g) => !g.kwargs.shuffle)) {
      const x = tf.range(0, 12, 1, 'int32');
      const [left, right] = splitDataset(x, { leftSize: golden.kwargs.left_size as number, rightSize: golden.kwargs.right_size as number });
      const leftRows = (await left.toArray()).map((t) => t.dataSync()[0]);
      const rightRows = (await right.toArray()).map((t) => t.dataSync()[0]);
      // Keras's sides have these sizes, and hold these samples in some order.
      expect([...leftRows, ...rightRows].sort((a, b) => a - b)).toEqual([...golden.left, ...golden.right].sort((a, b) => a - b));
      expect(leftRows).toEqual(Array.from({ length: golden.left.length }, (_, i) => i));
      expect(rightRows).toEqual(Array.from({ length: golden.right.length }, (_, i) => 12 - golden.right.length + i));
      left.dispose();
      right.dispose();
      x.dispose();
    }
  });

  it('splits a Dataset (read once into memory), leaves out samples beyond both sizes, and frees everything', async () => {
    const before = tf.memory().numTensors;
    const source = fromArray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]).map((v) => ({ x: tf.scalar(v), y: tf.scalar(v * 2) }));
    const [left, right] = await splitDataset(source, { leftSize: 0.3, rightSize: 2, shuffle: true, seed: 0 });
    const order = Array.from(torchRandperm(10, 0));
    const read = async (ds: AsyncIterable<{ x: tf.Tensor; y: tf.Tensor }>) => {
      const values: number[] = [];
      for await (const element of ds) {
        values.push(element.x.dataSync()[0]);
        expect(element.y.dataSync()[0]).toBe(2 * element.x.dataSync()[0]);
        tf.dispose([element.x, element.y]);
      }
      return values;
    };
    expect(await read(left)).toEqual(order.slice(0, 3));
    expect(await read(left)).toEqual(order.slice(0, 3)); // iterable again
    expect(await read(right)).toEqual(order.slice(8));
    left.dispose();
    right.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('explains bad sizes', async () => {
    const x = tf.zeros([4, 2]);
    expect(() => splitDataset(x, {})).toThrow(/at least one of `leftSize` or `rightSize` must be specified/);
    expect(() => splitDataset(x, { leftSize: 1.5 })).toThrow(/`leftSize` should be either a positive integer smaller than 4, or a float within the range `\[0, 1\]`. Received: leftSize=1.5/);
    expect(() => splitDataset(x, { leftSize: 0.7, rightSize: 0.6 })).toThrow(/greater than 1/);
    expect(() => splitDataset(x, { leftSize: 3, rightSize: 2 })).toThrow(/should be smaller than the 4 samples/);
    expect(() => splitDataset([x, tf.zeros([3])] as tf.Tensor[], { leftSize: 1 })).toThrow(/same first dimension, received shapes \[4,2\] and \[3\]/);
    x.dispose();
  });
});
