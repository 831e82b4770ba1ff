import { useBackend } from '@strata/backend';
import { checkGradients, expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activations, getActivation, type NamedActivationFunction, serializeActivation } from './registry';

beforeAll(() => useBackend('cpu'));

describe('activation registry', () => {
  it('resolves Keras names and their camelCase forms to the same function', () => {
    expect(getActivation('leaky_relu')).toBe(getActivation('leakyRelu'));
    expect(getActivation('hard_sigmoid')).toBe(activations.hard_sigmoid);
    expect(getActivation('logSoftmax')).toBe(activations.log_softmax);
  });

  it('maps null and undefined to linear', () => {
    expect(getActivation(null)).toBe(activations.linear);
    expect(getActivation(undefined)).toBe(activations.linear);
    expect(serializeActivation(getActivation(undefined))).toBe('linear');
  });

  it('resolves Keras aliases to the function they name, which serializes to its own name', () => {
    expect(getActivation('swish')).toBe(activations.silu);
    expect(serializeActivation(getActivation('swish'))).toBe('silu');
    expect(serializeActivation(getActivation('hardSwish'))).toBe('hard_silu');
  });

  it('round-trips every built-in name', () => {
    for (const name of Object.keys(activations)) expect(serializeActivation(getActivation(name))).toBe(name);
  });

  it('uses Keras 3 defaults when a layer calls an activation with a tensor alone', () => {
    const x = tf.tensor1d([-2, -0.5, 0.5, 4]);
    expectAllClose(activations.leaky_relu(x), [-0.4, -0.1, 0.5, 4]);
    expectAllClose(activations.hard_sigmoid(x), [1 / 6, 2.5 / 6, 3.5 / 6, 1]);
    expectAllClose(activations.soft_shrink(x), [-1.5, 0, 0, 3.5]);
  });

  it('keeps every registered activation differentiable', () => {
    const x = tf.tensor2d([
      [-2.3, -0.71, 0.33, 1.9],
      [0.62, -1.37, 2.6, -0.17],
    ]);
    for (const [name, fn] of Object.entries(activations)) {
      if (name === 'threshold') continue;
      const { maxRelativeError } = checkGradients((input) => tf.sum(tf.square(fn(input))) as tf.Scalar, [x]);
      expect(maxRelativeError, name).toBeLessThan(2e-2);
    }
  });

  it('leave only their output alive', async () => {
    const x = tf.tensor2d([
      [-2, 0.5],
      [1.5, 3],
    ]);
    for (const [name, fn] of Object.entries(activations)) {
      if (name === 'threshold') continue;
      const output = await expectNoLeak(() => fn(x), name === 'linear' ? 0 : 1);
      if (output !== x) output.dispose();
    }
    x.dispose();
  });

  it('returns a custom function as is and serializes it only with a Keras name', () => {
    const custom = (x: tf.Tensor) => tf.mul(x, 2);
    expect(getActivation(custom)).toBe(custom);
    expect(() => serializeActivation(custom)).toThrow(/Activation function 'custom' has no Keras name/);
    const named: NamedActivationFunction = Object.assign((x: tf.Tensor) => tf.mul(x, 2), { kerasName: 'my_package>double' });
    expect(serializeActivation(named)).toBe('my_package>double');
  });

  it('rejects an unknown name and lists the known ones', () => {
    expect(() => getActivation('reluu')).toThrow(/Could not interpret activation function identifier: reluu\. Known names: .*leaky_relu/);
  });
});
