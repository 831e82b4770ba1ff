// Behaviour the core goldens cannot express: JavaScript results (convertToNumpy), symbolic tensors, and the
// places where Strata deliberately differs from Keras 3.15.1's torch backend (documented in scripts/golden/core.py).
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as ops from '../index';

let before = 0;
beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors, 'tensors leaked').toBe(before);
});

describe('convertToNumpy', () => {
  it('returns nested JavaScript arrays of numbers, booleans for bool tensors, a number for a scalar', () => {
    const x = tf.tensor2d([
      [1.5, 2],
      [3, 4],
    ]);
    const flags = tf.tensor1d([1, 0], 'bool');
    const scalar = tf.scalar(7, 'int32');
    expect(ops.convertToNumpy(x)).toEqual([
      [1.5, 2],
      [3, 4],
    ]);
    expect(ops.convertToNumpy(flags)).toEqual([true, false]);
    expect(ops.convertToNumpy(scalar)).toBe(7);
    tf.dispose([x, flags, scalar]);
  });

  it('stacks an array of tensors, as Keras does with a list', () => {
    const a = tf.tensor1d([1, 2]);
    const b = tf.tensor1d([3, 4]);
    expect(ops.convertToNumpy([a, b])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    tf.dispose([a, b]);
  });
});

describe('shape, dtype and isTensor', () => {
  it('read symbolic tensors too', () => {
    const symbolic = new ops.KerasTensor([null, 3], 'float32');
    expect(ops.shape(symbolic)).toEqual([null, 3]);
    expect(ops.dtype(symbolic)).toBe('float32');
    expect(ops.isTensor(symbolic)).toBe(false);
    expect(ops.isTensor([1, 2])).toBe(false);
  });

  it('refuse what is not a tensor, naming it', () => {
    expect(() => ops.shape(3 as never)).toThrow(/ops.shape expects a tensor; received number/);
    expect(() => ops.dtype(null as never)).toThrow(/received null/);
  });
});

describe('saturateCast where Keras 3.15.1 on torch overflows', () => {
  it('sends +Infinity and values past 2^31 to the largest float32 below 2^31 (Keras gives -2^31)', () => {
    const x = tf.tensor1d([Number.POSITIVE_INFINITY, 3e9, Number.NEGATIVE_INFINITY]);
    const y = ops.saturateCast(x, 'int32');
    expect(Array.from(y.dataSync())).toEqual([2147483520, 2147483520, -2147483648]);
    tf.dispose([x, y]);
  });

  it('keeps int32 values when casting to float32 (Keras returns -2^31 everywhere)', () => {
    const x = tf.tensor1d([1, -2, 300], 'int32');
    const y = ops.saturateCast(x, 'float32');
    expect(y.dtype).toBe('float32');
    expect(Array.from(y.dataSync())).toEqual([1, -2, 300]);
    tf.dispose([x, y]);
  });
});

describe('scatter and slice edge cases', () => {
  it('scatters booleans and counts negative indices from the end', () => {
    const values = tf.tensor1d([1, 1], 'bool');
    const out = ops.scatter([[0], [-1]], values, [4]);
    expect(out.dtype).toBe('bool');
    expect(Array.from(out.dataSync())).toEqual([1, 0, 0, 1]);
    tf.dispose([values, out]);
  });

  it('sliceUpdate refuses updates that run past the end', () => {
    const x = tf.zeros([3, 3]);
    const updates = tf.ones([2, 2]);
    expect(() => ops.sliceUpdate(x, [2, 0], updates)).toThrow(/do not fit/);
    tf.dispose([x, updates]);
  });

  it('rearrange refuses an axis it cannot infer, and an output axis it does not know', () => {
    const x = tf.zeros([6, 4]);
    expect(() => ops.rearrange(x, '(a b) c -> a b c')).toThrow(/cannot infer/);
    expect(() => ops.rearrange(x, 'a b -> a z')).toThrow(/not an input axis/);
    x.dispose();
  });
});

describe('ops that take functions refuse what is not one', () => {
  it('names the argument', () => {
    expect(() => ops.scan(3 as never, 0, [1, 2])).toThrow(/f must be a function/);
    expect(() => ops.associativeScan(null as never, [1, 2])).toThrow(/f must be a function/);
    expect(() => ops.switch(0, [])).toThrow(/non-empty array/);
  });
});
