// Gradients through the array ops that training code composes (custom layers, losses): checked against values
// worked out by hand and against finite differences.
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

function gradientOf(fn: (x: tf.Tensor) => tf.Tensor, x: number[], shape: number[]): number[] {
  return tf.tidy(() => Array.from(tf.grad((t: tf.Tensor) => tf.sum(fn(t)))(tf.tensor(x, shape)).dataSync()));
}

/** Central differences of sum(fn(x)), in float32 (so a loose tolerance). */
function numericGradient(fn: (x: tf.Tensor) => tf.Tensor, x: number[], shape: number[], h = 1e-2): number[] {
  const at = (values: number[]) => tf.tidy(() => tf.sum(fn(tf.tensor(values, shape))).dataSync()[0]);
  return x.map((_, i) => {
    const up = [...x];
    const down = [...x];
    up[i] += h;
    down[i] -= h;
    return (at(up) - at(down)) / (2 * h);
  });
}

describe('gradients', () => {
  const weights = (t: tf.Tensor) => tf.reshape(tf.range(1, t.size + 1), t.shape);

  it('sort sends each gradient back to the element it came from', () => {
    // sort([3, 1, 2]) = [1, 2, 3]; weighted by [1, 2, 3], x[0] = 3 lands last (weight 3), x[1] first, x[2] second.
    expect(gradientOf((t) => tf.mul(ops.sort(t), tf.tensor1d([1, 2, 3])), [3, 1, 2], [3])).toEqual([3, 1, 2]);
  });

  it('slogdet gives inverse(x) transposed', () => {
    // [[2, 1], [1, 3]]: det 5, inverse [[3, -1], [-1, 2]] / 5.
    const grad = gradientOf((t) => ops.slogdet(t)[1], [2, 1, 1, 3], [2, 2]);
    grad.forEach((g, i) => expect(g).toBeCloseTo([0.6, -0.2, -0.2, 0.4][i], 5));
    const x = [0.5, -1.2, 2.0, 0.3, 1.1, -0.7, 1.5, 0.2, 0.9];
    const f = (t: tf.Tensor) => ops.slogdet(t)[1];
    const numeric = numericGradient(f, x, [3, 3]);
    gradientOf(f, x, [3, 3]).forEach((g, i) => expect(g).toBeCloseTo(numeric[i], 2));
  });

  it('diag of a vector passes the upstream gradient on its diagonal', () => {
    const upstream = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3]);
    expect(gradientOf((t) => tf.mul(ops.diag(t, { k: 1 }), upstream), [1, 1], [2])).toEqual([2, 6]);
    upstream.dispose();
  });

  it('where and select differentiate through a condition computed from x', () => {
    // relu written with where: the comparison has no gradient in tfjs, so it must stay off the tape.
    expect(gradientOf((t) => ops.where(tf.greater(t, 0), t, 0), [-1, 2, 3], [3])).toEqual([0, 1, 1]);
    expect(gradientOf((t) => ops.select([tf.less(t, 0), tf.greater(t, 2)], [tf.neg(t), t], { default: 0 }), [-1, 2, 3], [3])).toEqual([-1, 0, 1]);
  });

  const cases: Array<[string, (t: tf.Tensor) => tf.Tensor]> = [
    ['get_item with a negative step', (t) => ops.getItem(t, [{ step: -1 }, { start: 1 }])],
    ['einsum', (t) => ops.einsum('ij,kj->ik', t, t)],
    ['pad (reflect)', (t) => ops.pad(t, [[1, 1], [1, 2]], { mode: 'reflect' })],
    ['take_along_axis', (t) => ops.takeAlongAxis(t, tf.tensor2d([[2, 0], [1, 1]], [2, 2], 'int32'), { axis: 1 })],
    ['cross', (t) => ops.cross(t, ops.flip(t, { axis: 1 }))],
    ['tensordot', (t) => ops.tensordot(t, t, { axes: [[1], [1]] })],
    ['kron', (t) => ops.kron(t, t)],
    ['correlate', (t) => ops.correlate(ops.ravel(t), [1, -2, 0.5], { mode: 'full' })],
    ['trapezoid', (t) => ops.trapezoid(t, { x: [0, 1, 3] })],
    ['roll and rot90', (t) => ops.rot90(ops.roll(t, 1, { axis: 1 }))],
    ['repeat and tile', (t) => ops.tile(ops.repeat(t, 2, { axis: 0 }), [1, 2])],
  ];
  for (const [name, fn] of cases) {
    it(`${name} matches finite differences`, () => {
      const x = [0.3, -1.2, 2.5, 0.7, 1.9, -0.4];
      const weighted = (t: tf.Tensor) => {
        const out = fn(t);
        return tf.mul(out, weights(out));
      };
      const numeric = numericGradient(weighted, x, [2, 3]);
      gradientOf(weighted, x, [2, 3]).forEach((g, i) => expect(g, `${name} element ${i}`).toBeCloseTo(numeric[i], 1));
    });
  }
});
