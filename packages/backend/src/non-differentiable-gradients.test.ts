import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './use-backend';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('zero gradients for comparison and logical kernels', () => {
  it('lets a mask computed from the trained tensor lie on the path to the loss', () => {
    const x = tf.tensor1d([-2, 0.5, 3, -0.1]);
    const grad = tf.grad((t: tf.Tensor) => {
      const keep = tf.logicalAnd(tf.greater(t, 0), tf.logicalNot(tf.equal(t, 3)));
      const any = tf.any(tf.less(t, -1));
      return tf.sum(tf.where(tf.logicalOr(keep, tf.logicalAnd(any, tf.lessEqual(t, -2))), tf.square(t), tf.zerosLike(t)));
    })(x);
    // d/dx x^2 = 2x where the mask holds (0.5 and -2), zero elsewhere.
    expect(Array.from(grad.dataSync())).toEqual([-4, 1, 0, 0]);
    tf.dispose([x, grad]);
  });

  it("keeps tfjs's own gradient where one exists", () => {
    expect(tf.getGradient('GreaterEqual')).toBeDefined();
    expect(tf.getGradient('Equal')).toBeDefined();
  });
});
