/**
 * softmax against tfjs's tf.softmax (values and gradient) on cpu and wasm:
 * a classifier's output, a rank-3 tensor, and one above the size where the
 * forward hands over to the backend's Softmax; one kernel forward and one
 * backward; no leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { STRATA_SOFTMAX, STRATA_SOFTMAX_GRAD } from '../kernel-names';
import { useBackend } from '../use-backend';
import { softmax } from './softmax';

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm');
});

/** The names of the kernels `run` ran. */
async function kernelsOf(run: () => tf.TensorContainer): Promise<string[]> {
  const profile = await tf.profile(() => run() as tf.Tensor);
  return profile.kernels.map((kernel) => kernel.name);
}

function expectClose(actual: Float32Array, expected: Float32Array, rtol: number, atol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) - rtol * Math.abs(expected[i]));
  expect(worst).toBeLessThanOrEqual(atol);
}

const cases: Array<[string, number[]]> = [
  ["W2's output [256, 10]", [256, 10]],
  ['a rank-3 tensor [3, 4, 5]', [3, 4, 5]],
  ["above 16,384 elements: the backend's Softmax forward", [4, 8192]],
];

describe('softmax', () => {
  test.each(cases)("equals tf.softmax and its gradient on cpu and wasm: %s", async (_, shape) => {
    for (const backendName of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backendName);
      const logits = tf.mul(tf.randomNormal(shape, 0, 1, 'float32', 3), 5);
      const upstream = tf.randomNormal(shape, 0, 1, 'float32', 4);
      const before = tf.memory().numTensors;
      const ours = tf.valueAndGrad((x: tf.Tensor) => tf.sum(tf.mul(softmax(x), upstream)) as tf.Scalar)(logits);
      const theirs = tf.valueAndGrad((x: tf.Tensor) => tf.sum(tf.mul(tf.softmax(x), upstream)) as tf.Scalar)(logits);
      const [y, expectedY] = [softmax(logits), tf.softmax(logits)];
      expect(y.shape).toEqual(shape);
      expectClose((await y.data()) as Float32Array, (await expectedY.data()) as Float32Array, 1e-6, 1e-7);
      expectClose((await ours.grad.data()) as Float32Array, (await theirs.grad.data()) as Float32Array, 1e-5, 1e-6);
      tf.dispose([ours.value, ours.grad, theirs.value, theirs.grad, y, expectedY]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([logits, upstream]);
    }
  });

  test('runs one kernel forward and one backward (tfjs runs Softmax, then Multiply, Sum, Sub, Multiply)', async () => {
    for (const backendName of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backendName);
      const logits = tf.randomNormal([32, 10], 0, 1, 'float32', 5);
      const dy = tf.onesLike(logits);
      const kernels = await kernelsOf(() => tf.grad((x: tf.Tensor) => softmax(x))(logits, dy));
      // tf.grad clones its upstream gradient (Identity); nothing else runs.
      expect(kernels.filter((name) => name !== 'Identity')).toEqual([STRATA_SOFTMAX, STRATA_SOFTMAX_GRAD]);
      tf.dispose([logits, dy]);
    }
  });

  test('leaves int32 input to tf.softmax, which refuses it', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor2d([[1, 2]], [1, 2], 'int32');
    expect(() => softmax(x)).toThrow(/must be float32/);
    x.dispose();
  });
});
