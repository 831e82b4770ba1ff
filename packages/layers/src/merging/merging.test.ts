import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Input } from '../core/input-layer';
import { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract } from './index';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { mergingSpecs } from '../test-support/specs/merging';

beforeAll(async () => {
  await useBackend('cpu');
});

const a = [[1, -2, 3], [4, 5, -6]];
const b = [[0.5, 2, -1], [-4, 1, 7]];
const c = [[2, 2, 2], [0, -1, 1]];
const t = (v: number[][]) => tf.tensor2d(v);
/** Element-wise reference over the three arrays, written as a loop. */
const each = (f: (...v: number[]) => number, ...arrays: number[][][]) =>
  arrays[0].flatMap((row, i) => row.map((_, j) => f(...arrays.map((m) => m[i][j]))));

describe('merging layers match their element-wise definitions', () => {
  it('Add, Subtract, Multiply, Average, Maximum, Minimum', () => {
    expectAllClose(new Add().apply([t(a), t(b), t(c)]) as tf.Tensor, each((x, y, z) => x + y + z, a, b, c));
    expectAllClose(new Subtract().apply([t(a), t(b)]) as tf.Tensor, each((x, y) => x - y, a, b));
    expectAllClose(new Multiply().apply([t(a), t(b), t(c)]) as tf.Tensor, each((x, y, z) => x * y * z, a, b, c));
    expectAllClose(new Average().apply([t(a), t(b), t(c)]) as tf.Tensor, each((x, y, z) => (x + y + z) / 3, a, b, c));
    expectAllClose(new Maximum().apply([t(a), t(b), t(c)]) as tf.Tensor, each(Math.max, a, b, c));
    expectAllClose(new Minimum().apply([t(a), t(b), t(c)]) as tf.Tensor, each(Math.min, a, b, c));
  });

  it('broadcasts a lower-rank input with unit axes after the batch axis, as Keras does', () => {
    const sum = new Add().apply([tf.ones([2, 3, 4]), tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 8]])]) as tf.Tensor;
    expect(sum.shape).toEqual([2, 3, 4]);
    expectAllClose(tf.slice(sum, [1, 2, 0], [1, 1, 4]), [6, 7, 8, 9]);
  });

  it('keeps unknown spatial sizes unknown in symbolic shapes, as Keras does', () => {
    expect(new Add().computeOutputShape([[null, null, null, 8], [null, null, null, 8]])).toEqual([null, null, null, 8]);
    expect(new Multiply().computeOutputShape([[null, null, 4, 8], [null, 1, 1, 8]])).toEqual([null, null, 4, 8]);
    expect(new Maximum().computeOutputShape([[null, 5, 8], [null, 8]])).toEqual([null, 5, 8]);
    const a = Input({ shape: [null, null, 3] });
    expect((new Add().apply([a, a]) as { shape: unknown }).shape).toEqual([null, null, null, 3]);
    expect(() => new Add().computeOutputShape([[null, 2, 3], [null, 4, 3]])).toThrow(/axis 1 has sizes 2 and 4/);
  });

  it('Concatenate joins along the axis; shapes and symbolic shapes', () => {
    const joined = new Concatenate().apply([t(a), tf.tensor2d([[9], [8]])]) as tf.Tensor;
    expectAllClose(joined, [1, -2, 3, 9, 4, 5, -6, 8]);
    const symbolic = new Concatenate().apply([Input({ shape: [3] }), Input({ shape: [5] })]);
    expect((symbolic as { shape: unknown }).shape).toEqual([null, 8]);
    expect(() => new Concatenate({ axis: 1 }).apply([tf.zeros([1, 2, 3]), tf.zeros([1, 2, 4])])).toThrow(/matching shapes/);
  });

  it('Dot is the per-sample dot product, normalized to the cosine when asked', () => {
    expectAllClose(new Dot(1).apply([t(a), t(b)]) as tf.Tensor, [1 * 0.5 - 4 - 3, -16 + 5 - 42]);
    const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    const cosine = a.map((row, i) => row.reduce((s, x, j) => s + x * b[i][j], 0) / (norm(row) * norm(b[i])));
    expectAllClose(new Dot(-1, { normalize: true }).apply([t(a), t(b)]) as tf.Tensor, cosine);
    // [batch, 2, 3] . [batch, 4, 3] on axes (2, 2): out[n, i, k] = sum_j x[n, i, j] * y[n, k, j].
    const x = tf.randomNormal([2, 2, 3], 0, 1, 'float32', 1);
    const y = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 2);
    const xs = x.arraySync() as number[][][];
    const ys = y.arraySync() as number[][][];
    const expected = xs.flatMap((rows, n) => rows.flatMap((row) => ys[n].map((other) => row.reduce((s, v, j) => s + v * other[j], 0))));
    const output = new Dot([2, 2]).apply([x, y]) as tf.Tensor;
    expect(output.shape).toEqual([2, 2, 4]);
    expectAllClose(output, expected, { rtol: 1e-5, atol: 1e-6 });
    expect(new Dot([1, 2]).computeOutputShape([[null, 3, 5], [null, 7, 3]])).toEqual([null, 5, 7]);
  });

  it('configs and errors are Keras\'s', () => {
    expect(new Dot(1).getConfig()).toMatchObject({ axes: 1, normalize: false });
    expect(new Concatenate().getConfig()).toMatchObject({ axis: -1 });
    expect(Object.keys(new Add().getConfig())).toEqual(['name', 'trainable', 'dtype']);
    expect(() => new Subtract().apply([t(a), t(b), t(c)])).toThrow(/exactly 2 inputs/);
    expect(() => new Add().apply(t(a))).toThrow(/list of at least 1 input/);
  });
});

describeLayerTests('merging layers through the layer harness', mergingSpecs);
