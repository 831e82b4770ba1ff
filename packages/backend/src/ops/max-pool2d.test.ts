/**
 * maxPool2d against tfjs's cpu kernels: values and gradients, on cpu and wasm,
 * including windows of negative values (where tfjs-backend-wasm's own
 * MaxPoolGrad goes wrong) and ties. And tfjs's own MaxPoolGrad stays wasm's:
 * tf.maxPool's gradient on wasm still gives tfjs-backend-wasm's answer.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { STRATA_MAX_POOL_GRAD } from '../kernel-names';
import { values } from '../test-support/kernel-test-support';
import { useBackend } from '../use-backend';
import { maxPoolGrad } from '../wasm-kernels/max-pool-grad';
import { maxPool2d } from './max-pool2d';

type Shape4D = [number, number, number, number];

interface PoolCase {
  x: Shape4D;
  size: [number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
}

const cases: PoolCase[] = [
  { x: [2, 8, 8, 4], size: [2, 2], strides: [2, 2], pad: 'valid' },
  { x: [1, 7, 9, 3], size: [3, 3], strides: [2, 2], pad: 'same' },
  { x: [2, 5, 6, 2], size: [3, 2], strides: [1, 2], pad: 'valid' },
  // MaxPooling1D's shape: a height of one.
  { x: [3, 1, 11, 5], size: [1, 3], strides: [1, 2], pad: 'same' },
];

/** Negative values everywhere, with exact ties (as after a shift of a ReLU's zeros). */
function input(shape: Shape4D, seed: number): tf.Tensor4D {
  const data = values(shape.reduce((a, b) => a * b, 1), seed).map((value, i) => (i % 5 === 0 ? -0.25 : value - 1.5));
  return tf.tensor4d(data, shape);
}

/** The pooled values and the gradient of Σ pooled · w, read back. */
async function poolAndGradient(backendName: 'cpu' | 'wasm', pool: typeof maxPool2d, c: PoolCase, index: number) {
  await tf.setBackend(backendName);
  const x = input(c.x, index);
  const before = tf.memory().numTensors;
  const y = pool(x, c.size, c.strides, c.pad);
  const w = tf.tensor(values(y.size, 50 + index), y.shape);
  const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(pool(a as tf.Tensor4D, c.size, c.strides, c.pad), w)))(x);
  const result = { y: Array.from(await y.data()), dx: Array.from(await dx.data()), shape: y.shape };
  tf.dispose([y, w, dx]);
  expect(tf.memory().numTensors, `maxPool2d on ${backendName} leaks no tensor`).toBe(before);
  x.dispose();
  return result;
}

const tfjsMaxPool: typeof maxPool2d = (x, size, strides, pad) => tf.maxPool(x, size, strides, pad);

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm');
});

describe('maxPool2d', () => {
  test.each(cases.map((c, index) => [JSON.stringify(c), c, index] as const))(
    "equals tfjs's cpu maxPool and its gradient, on cpu and wasm: %s",
    async (_, c, index) => {
      const reference = await poolAndGradient('cpu', tfjsMaxPool, c, index);
      expect(reference.dx.some((value) => value !== 0)).toBe(true);
      for (const backendName of ['cpu', 'wasm'] as const) {
        const actual = await poolAndGradient(backendName, maxPool2d, c, index);
        expect(actual.shape, backendName).toEqual(reference.shape);
        expect(actual.y, backendName).toEqual(reference.y);
        // Each window's gradient goes to one cell, its first maximum; overlapping windows add in another order.
        expect(actual.dx.map((value, i) => (value === 0) === (reference.dx[i] === 0)).every(Boolean), backendName).toBe(true);
        const worst = Math.max(...actual.dx.map((value, i) => Math.abs(value - reference.dx[i])));
        expect(worst, backendName).toBeLessThanOrEqual(1e-6 * Math.max(...reference.dx.map(Math.abs)));
      }
    },
  );

  test("on wasm runs StrataMaxPoolGrad, and leaves tfjs's MaxPoolGrad to tf.maxPool", async () => {
    await useBackend('wasm');
    expect(tf.getKernel(STRATA_MAX_POOL_GRAD, 'wasm')?.kernelFunc).toBe(maxPoolGrad);
    expect(tf.getKernel('MaxPoolGrad', 'wasm')).toBeDefined();
    expect(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc).not.toBe(maxPoolGrad);
    // One 2×2 window of negative values whose maximum, −1, is its second cell.
    const x = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
    const gradientOf = (pool: typeof maxPool2d) => tf.grad((a: tf.Tensor) => tf.sum(pool(a as tf.Tensor4D, [2, 2], [2, 2], 'valid')))(x);
    const strata = gradientOf(maxPool2d);
    const tfjs = gradientOf(tfjsMaxPool);
    expect(Array.from(await strata.data())).toEqual([0, 1, 0, 0]);
    // tfjs-backend-wasm 4.22's own kernel, untouched: its maximum starts above every negative value.
    expect(Array.from(await tfjs.data())).not.toEqual([0, 1, 0, 0]);
    tf.dispose([x, strata, tfjs]);
  });
});
