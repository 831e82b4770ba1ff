import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ones } from '../initializers';
import { clearSession } from './names';
import { Variable, VariableError } from './standalone-variable';
import { LayerVariable } from './variable';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('Variable (keras.Variable)', () => {
  it("holds a value with Keras's properties, and assigns, adds and subtracts in place", () => {
    clearSession();
    const before = tf.memory().numTensors;
    const v = new Variable([[1, 2, 3], [4, 5, 6]]);
    expect(v).toBeInstanceOf(LayerVariable);
    expect(v.name).toBe('variable');
    expect(v.path).toBe('variable');
    expect(v.shape).toEqual([2, 3]);
    expect(v.ndim).toBe(2);
    expect(v.dtype).toBe('float32');
    expect(v.trainable).toBe(true);
    v.assignAdd([[10, 10, 10], [10, 10, 10]]);
    expect(v.numpy()).toEqual([[11, 12, 13], [14, 15, 16]]);
    const one = tf.onesLike(v.value);
    v.assignSub(one);
    one.dispose();
    expect(v.numpy()).toEqual([[10, 11, 12], [13, 14, 15]]);
    const replacement = tf.zeros([2, 3]);
    v.assign(replacement);
    expect(replacement.isDisposed).toBe(false);
    expect(v.numpy()).toEqual([[0, 0, 0], [0, 0, 0]]);
    replacement.dispose();
    // A second default name is made unique, as Keras's auto_name.
    const w = new Variable(3, { trainable: false });
    expect(w.name).toBe('variable_1');
    expect(w.trainable).toBe(false);
    expect(w.value.trainable).toBe(false);
    expect(w.numpy()).toBe(3);
    v.dispose();
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('starts from an initializer and a shape, in the dtype asked for', () => {
    const fromName = new Variable('ones', { shape: [2, 2], name: 'scale' });
    expect(fromName.numpy()).toEqual([[1, 1], [1, 1]]);
    expect(fromName.path).toBe('scale');
    const fromObject = new Variable(new Ones(), { shape: [3], dtype: 'int32', name: 'count' });
    expect(fromObject.dtype).toBe('int32');
    expect(fromObject.toString()).toBe('<Variable path=count, shape=(3,), dtype=int32, value=[1,1,1]>');
    // Assigning floats to an int32 variable casts them.
    fromObject.assign([1.7, 2.2, -3]);
    expect(fromObject.numpy()).toEqual([1, 2, -3]);
    fromName.dispose();
    fromObject.dispose();
  });

  it("refuses what Keras refuses, in Keras's words", () => {
    expect(() => new Variable('zeros')).toThrow(
      'When creating a Variable from an initializer, the `shape` argument should be specified. Received: initializer=zeros and shape=None',
    );
    expect(() => new Variable(1, { name: 'a/b' })).toThrow('Argument `name` must be a string and cannot contain character `/`. Received: name=a/b');
    const v = new Variable([1, 2], { name: 'pair' });
    const before = tf.memory().numTensors;
    expect(() => v.assign([1, 2, 3])).toThrow(VariableError);
    expect(() => v.assign([1, 2, 3])).toThrow(
      'The shape of the target variable and the shape of the target value in `variable.assign(value)` must match. variable.shape=(2,), Received: value.shape=(3,). Target variable: <Variable path=pair, shape=(2,), dtype=float32, value=[1,2]>',
    );
    expect(tf.memory().numTensors).toBe(before);
    v.dispose();
  });

  it('trains with the gradients of a loss, as a layer weight does', () => {
    const v = new Variable([2, -1], { name: 'w' });
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(v.value)) as tf.Scalar, [v.value]);
    v.assignSub(tf.mul(grads[v.value.name], 0.25));
    expect(v.numpy()).toEqual([1, -0.5]);
    tf.dispose(grads);
    v.dispose();
  });
});
