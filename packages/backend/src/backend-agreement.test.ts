/**
 * Every backend this machine can start must compute what cpu computes, to
 * float32 tolerance. The gradient cases run Strata's wasm training kernels
 * (Conv2DBackpropFilter, the depthwise and segment-sum gradients under tfjs's
 * names; StrataMaxPoolGrad and the Conv3D gradients through Strata's ops
 * maxPool2d and conv3d, since tf.maxPool and tf.conv3d get tfjs-backend-wasm's
 * own, which are wrong in these cases).
 */
import { describeEachBackend, expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { conv3d } from './ops/conv3d';
import { maxPool2d } from './ops/max-pool2d';
import { useBackend } from './use-backend';

/** Deterministic, sign-varying values, so no random generator differs between backends. */
function ramp(shape: number[], scale = 0.1): tf.Tensor {
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  return tf.tensor(Array.from({ length: size }, (_, index) => Math.sin(index * 1.7 + 0.3) * scale * (1 + (index % 5))), shape);
}

const cases: Record<string, () => tf.Tensor> = {
  matMul: () => tf.matMul(ramp([7, 13]), ramp([13, 5])),
  'matMul with transposed operands': () => tf.matMul(ramp([13, 7]), ramp([5, 13]), true, true),
  'conv2d, same padding, stride 2': () => tf.conv2d(ramp([2, 9, 9, 3]) as tf.Tensor4D, ramp([3, 3, 3, 4]) as tf.Tensor4D, 2, 'same'),
  'conv2d filter gradient': () => {
    const input = ramp([2, 8, 8, 3]) as tf.Tensor4D;
    const loss = (filter: tf.Tensor) => tf.sum(tf.square(tf.conv2d(input, filter as tf.Tensor4D, 1, 'valid')));
    return tf.grad(loss)(ramp([3, 3, 3, 2]));
  },
  'conv2d input gradient': () => {
    const filter = ramp([3, 3, 3, 2]) as tf.Tensor4D;
    return tf.grad((input: tf.Tensor) => tf.sum(tf.conv2d(input as tf.Tensor4D, filter, 2, 'same')))(ramp([1, 7, 7, 3]));
  },
  'depthwiseConv2d gradients': () => {
    const loss = (input: tf.Tensor, filter: tf.Tensor) =>
      tf.sum(tf.square(tf.depthwiseConv2d(input as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same')));
    const [inputGradient, filterGradient] = tf.grads(loss)([ramp([1, 6, 6, 2]), ramp([3, 3, 2, 2])]);
    return tf.concat([tf.reshape(inputGradient, [-1]), tf.reshape(filterGradient, [-1])]);
  },
  'gather gradient (embedding)': () => {
    const indices = tf.tensor1d([0, 3, 3, 1, 0], 'int32');
    return tf.grad((table: tf.Tensor) => tf.sum(tf.mul(tf.gather(table, indices), ramp([5, 4]))))(ramp([6, 4]));
  },
  'maxPool gradient with all-negative windows': () => {
    const input = tf.neg(tf.abs(ramp([1, 4, 4, 2]))) as tf.Tensor4D;
    return tf.grad((x: tf.Tensor) => tf.sum(maxPool2d(x as tf.Tensor4D, [2, 2], [2, 2], 'valid')))(input);
  },
  'conv3d gradients, stride 2 and same padding': () => {
    const loss = (input: tf.Tensor, filter: tf.Tensor) =>
      tf.sum(tf.square(conv3d(input as tf.Tensor5D, filter as tf.Tensor5D, [2, 2, 2], 'same')));
    const [inputGradient, filterGradient] = tf.grads(loss)([ramp([1, 5, 4, 3, 2]), ramp([3, 3, 3, 2, 2])]);
    return tf.concat([tf.reshape(inputGradient, [-1]), tf.reshape(filterGradient, [-1])]);
  },
};

const reference = new Map<string, { shape: number[]; values: number[] }>();

beforeAll(async () => {
  await useBackend('cpu');
  for (const [name, compute] of Object.entries(cases)) {
    const result = tf.tidy(compute);
    reference.set(name, { shape: result.shape, values: Array.from(await result.data()) });
    result.dispose();
  }
});

test('the all-negative maxPool window sends its gradient to the maximum on cpu', () => {
  // The reference itself must be right: one 1 per 2×2×channel window, at the window's largest value.
  const values = reference.get('maxPool gradient with all-negative windows')!.values;
  expect(values.reduce((sum, value) => sum + value, 0)).toBe(8);
});

describeEachBackend('agrees with cpu', () => {
  for (const name of Object.keys(cases)) {
    test(name, async () => {
      const expected = reference.get(name)!;
      const before = tf.memory().numTensors;
      const result = tf.tidy(cases[name]);
      // Read asynchronously: webgpu in Node has no synchronous readback (dataSync needs an OffscreenCanvas).
      expect(result.shape).toEqual(expected.shape);
      const values = await result.data();
      // Summation order differs between backends: 1e-4 relative and absolute, ten times float32's default.
      expectAllClose(values, expected.values, { rtol: 1e-4, atol: 1e-4 });
      result.dispose();
      // Strata's wasm kernels copy through cpu: none of those copies may outlive the call.
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
