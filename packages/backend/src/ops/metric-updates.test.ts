/**
 * meanUpdate and argMaxMatches against the op chains they replace, on cpu and
 * wasm: the loss tracker's update bit for bit, a mean of per-sample values,
 * accuracy's matches for class ids ([batch], [batch, 1], int32 and float32),
 * one-hot rows and ties; one kernel each; what they decline.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { STRATA_ARG_MAX_MATCHES, STRATA_MEAN_UPDATE } from '../kernel-names';
import { useBackend } from '../use-backend';
import { argMaxMatches, meanUpdate } from './metric-updates';

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm');
});

async function kernelsOf(run: () => tf.TensorContainer | null): Promise<string[]> {
  const profile = await tf.profile(() => run() as tf.Tensor);
  return profile.kernels.map((kernel) => kernel.name);
}

describe('meanUpdate', () => {
  test("the loss tracker's update equals tf.add(total, tf.mul(loss, n)) and tf.add(count, n) bit for bit, in one kernel", async () => {
    for (const backendName of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backendName);
      const [total, count, loss] = [tf.scalar(12.345678), tf.scalar(96), tf.scalar(0.7318411)];
      const before = tf.memory().numTensors;
      const fused = meanUpdate(total, count, loss, 32, 32)!;
      expect(tf.memory().numTensors).toBe(before + 2);
      const chain = [tf.add(total, tf.mul(loss, 32)), tf.add(count, 32)];
      expect(Array.from(await fused[0].data())).toEqual(Array.from(await chain[0].data()));
      expect(Array.from(await fused[1].data())).toEqual(Array.from(await chain[1].data()));
      tf.dispose([...fused, ...chain]);
      expect(await kernelsOf(() => meanUpdate(total, count, loss, 32, 32))).toEqual([STRATA_MEAN_UPDATE]);
      tf.dispose([total, count, loss]);
    }
  });

  test('a mean of per-sample values equals tf.add(total, tf.sum(values)) within float32 rounding', async () => {
    for (const backendName of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backendName);
      const [total, count] = [tf.scalar(3.5), tf.scalar(10)];
      const values = tf.randomUniform([257], 0, 2, 'float32', 9);
      const [newTotal, newCount] = meanUpdate(total, count, values, 1, 257)!;
      const expected = tf.add(total, tf.sum(values));
      // wasm's Sum accumulates in float32, the kernel in float64: within 1e-6 relative.
      const [actual, reference] = [(await newTotal.data())[0], (await expected.data())[0]];
      expect(Math.abs(actual - reference)).toBeLessThanOrEqual(1e-6 * Math.abs(reference));
      expect((await newCount.data())[0]).toBe(267);
      tf.dispose([total, count, values, newTotal, newCount, expected]);
    }
  });

  test('declines int32 totals or values', async () => {
    await tf.setBackend('cpu');
    const [total, count, ids] = [tf.scalar(0, 'int32'), tf.scalar(0), tf.tensor1d([1, 2], 'int32')];
    expect(meanUpdate(total, count, count, 1, 1)).toBeNull();
    expect(meanUpdate(count, count, ids, 1, 2)).toBeNull();
    tf.dispose([total, count, ids]);
  });
});

describe('argMaxMatches', () => {
  // Row 2 ties classes 1 and 3: the first index wins, as tf.argMax.
  const scores = [
    [0.1, 0.7, 0.2, 0.0],
    [0.5, 0.1, 0.1, 0.3],
    [0.2, 0.4, 0.0, 0.4],
    [0.0, 0.0, 0.1, 0.9],
    [0.3, 0.3, 0.3, 0.1],
  ];
  const ids = [1, 3, 1, 3, 0];

  test.each([
    ['float32 ids [batch]', [5], 'float32'],
    ['int32 ids [batch, 1]', [5, 1], 'int32'],
  ] as const)("class ids (%s) match tf.equal(ids, tf.argMax(scores)) in one kernel", async (_, shape, dtype) => {
    for (const backendName of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backendName);
      const [predictions, labels] = [tf.tensor2d(scores), tf.tensor(ids, [...shape], dtype)];
      const expected = tf.tidy(() => tf.cast(tf.equal(tf.reshape(tf.cast(labels, 'float32'), [5]), tf.cast(tf.argMax(predictions, -1), 'float32')), 'float32'));
      const matches = argMaxMatches(labels, predictions, true)!;
      expect(matches.shape).toEqual([5]);
      expect(Array.from(await matches.data())).toEqual(Array.from(await expected.data()));
      expect(Array.from(await matches.data())).toEqual([1, 0, 1, 1, 1]);
      expect(await kernelsOf(() => argMaxMatches(labels, predictions, true))).toEqual([STRATA_ARG_MAX_MATCHES]);
      tf.dispose([predictions, labels, expected, matches]);
    }
  });

  test('one-hot rows match tf.equal(tf.argMax(labels), tf.argMax(scores))', async () => {
    for (const backendName of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backendName);
      const predictions = tf.tensor2d(scores);
      const labels = tf.oneHot(tf.tensor1d([1, 0, 3, 3, 2], 'int32'), 4);
      const matches = argMaxMatches(labels, predictions, false)!;
      expect(Array.from(await matches.data())).toEqual([1, 1, 0, 1, 0]);
      tf.dispose([predictions, labels, matches]);
    }
  });

  test('declines other shapes and dtypes', async () => {
    await tf.setBackend('cpu');
    const predictions = tf.tensor2d(scores);
    const wrongRows = tf.tensor1d([1, 2]);
    const bools = tf.tensor1d([true, false, true, false, true], 'bool');
    const rank3 = tf.zeros([5, 4, 1]);
    expect(argMaxMatches(wrongRows, predictions, true)).toBeNull();
    expect(argMaxMatches(bools, predictions, true)).toBeNull();
    expect(argMaxMatches(rank3, predictions, false)).toBeNull();
    expect(argMaxMatches(predictions, rank3, true)).toBeNull();
    tf.dispose([predictions, wrongRows, bools, rank3]);
  });
});
