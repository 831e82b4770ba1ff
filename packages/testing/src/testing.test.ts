import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGradients, expectAllClose, hasGolden, readGoldenNpz } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('testing utilities', () => {
  it('finite differences agree with the analytic gradient of a smooth function', () => {
    const x = tf.tensor([0.5, -1.2, 2.0]);
    const result = checkGradients((a) => tf.sum(tf.mul(tf.sin(a), a)), [x]);
    expect(result.checked).toBe(3);
    expect(result.maxRelativeError).toBeLessThan(1e-2);
  });

  it('finite differences catch a wrong gradient', () => {
    const wrong = tf.customGrad(((a: tf.Tensor) => ({ value: tf.sum(tf.square(a)), gradFunc: (dy: tf.Tensor) => tf.mul(dy, a) })) as unknown as Parameters<typeof tf.customGrad>[0]);
    const result = checkGradients((a) => wrong(a) as tf.Scalar, [tf.tensor([1, 2, 3])]);
    expect(result.maxRelativeError).toBeGreaterThan(0.3);
  });

  it('expectAllClose fails on a difference above the tolerance', () => {
    expect(() => expectAllClose([1, 2], [1, 2.1])).toThrow(/element 1 differs/);
    expectAllClose([1, 2], [1, 2 + 1e-7]);
  });

  it.runIf(hasGolden())('reads the golden weights of the tutorial MLP in model.weights order', () => {
    const weights = readGoldenNpz('a_mlp_tutorial', 'weights.npz');
    expect([...weights.keys()][0]).toBe('000__sequential__dense__kernel');
    expect(weights.get('000__sequential__dense__kernel')!.shape).toEqual([784, 128]);
  });
});
