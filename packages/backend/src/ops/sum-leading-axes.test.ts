/**
 * sumLeadingAxes against tfjs's sum on cpu, on cpu and wasm: bias-gradient
 * shapes above and below the rows where the wasm kernel takes over, int32,
 * its gradient, and its refusal of a count that leaves no axis. And tfjs's
 * Sum stays wasm's own under tfjs's name.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { STRATA_SUM_LEADING_AXES } from '../kernel-names';
import { values } from '../test-support/kernel-test-support';
import { useBackend } from '../use-backend';
import { strataWasmKernels } from '../wasm-training-kernels';
import { sumLeadingAxes } from './sum-leading-axes';

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm');
});

const cases: Array<[string, number[], number]> = [
  ["a convolution's bias gradient (wasm: one pass over 32·13·13 rows)", [32, 13, 13, 8], 3],
  ['a dense bias gradient of 300 rows', [300, 10], 1],
  ["few rows (wasm: wasm's own Sum)", [8, 16], 1],
  ['two leading axes of a rank-3 tensor', [20, 30, 5], 2],
];

describe('sumLeadingAxes', () => {
  test.each(cases)("equals tfjs's cpu sum on cpu and wasm: %s", async (_, shape, count) => {
    // Positive values, so that the tolerance relative to the largest sum is not defeated by cancellation.
    const data = values(shape.reduce((a, b) => a * b, 1), 7).map((value) => value + 1);
    const axes = Array.from({ length: count }, (_, axis) => axis);
    await tf.setBackend('cpu');
    const expected = tf.tidy(() => tf.sum(tf.tensor(data, shape), axes).dataSync());
    for (const backendName of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backendName);
      const x = tf.tensor(data, shape);
      const before = tf.memory().numTensors;
      const sum = sumLeadingAxes(x, count);
      expect(sum.shape).toEqual(shape.slice(count));
      const actual = await sum.data();
      const scale = Math.max(...Array.from(expected, Math.abs));
      expect(Math.max(...Array.from(actual, (value, i) => Math.abs(value - expected[i])))).toBeLessThanOrEqual(1e-5 * scale);
      sum.dispose();
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    }
  });

  test('sums int32 exactly on cpu and wasm', async () => {
    for (const backendName of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backendName);
      const x = tf.tensor2d(Array.from({ length: 600 }, (_, i) => (i * 7919) % 1000), [300, 2], 'int32');
      const sum = sumLeadingAxes(x, 1);
      expect(sum.dtype).toBe('int32');
      const [evens, odds] = Array.from(await sum.data());
      expect(evens + odds).toBe(Array.from({ length: 600 }, (_, i) => (i * 7919) % 1000).reduce((a, b) => a + b, 0));
      expect(evens).toBe(Array.from({ length: 300 }, (_, i) => (2 * i * 7919) % 1000).reduce((a, b) => a + b, 0));
      tf.dispose([x, sum]);
    }
  });

  test('its gradient spreads dy over the summed axes, on cpu and wasm', async () => {
    for (const backendName of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backendName);
      const x = tf.ones([300, 2, 3]);
      const w = tf.tensor1d([1, -2, 0.5]);
      const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(sumLeadingAxes(a, 2), w)))(x);
      expect(dx.shape).toEqual([300, 2, 3]);
      const gradient = await dx.data();
      expect(Array.from(gradient.slice(0, 6))).toEqual([1, -2, 0.5, 1, -2, 0.5]);
      expect(Array.from(gradient.slice(-3))).toEqual([1, -2, 0.5]);
      tf.dispose([x, w, dx]);
    }
  });

  test('refuses a count that sums no axis or every axis', () => {
    const x = tf.zeros([2, 3]);
    expect(() => sumLeadingAxes(x, 2)).toThrow('sumLeadingAxes received count 2 for a tensor of rank 2, but expected a whole number from 1 to 1.');
    expect(() => sumLeadingAxes(x, 0)).toThrow(/received count 0/);
    x.dispose();
  });

  test("on wasm is StrataSumLeadingAxes, and tfjs's Sum stays wasm's own", async () => {
    await useBackend('wasm');
    expect(strataWasmKernels.has(STRATA_SUM_LEADING_AXES)).toBe(true);
    expect(strataWasmKernels.has('Sum')).toBe(false);
    const wasmSum = tf.getKernel('Sum', 'wasm');
    // wasm's own kernels bind their WebAssembly functions when the backend starts; Strata's kernels have no setup.
    expect(wasmSum?.setupFunc).toBeDefined();
    expect(tf.getKernel(STRATA_SUM_LEADING_AXES, 'wasm')?.setupFunc).toBeUndefined();
  });
});
