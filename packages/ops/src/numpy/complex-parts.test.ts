import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { angle, imag, isreal, real } from './complex-parts';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('the complex parts of real tensors', () => {
  it('imag gives zeros of the input dtype, as NumPy and Keras on jax do (Keras on torch raises)', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([[1.5, -2], [0, Number.NaN]]);
    const i = tf.tensor1d([3, -4], 'int32');
    const fromFloat = imag(x);
    const fromInt = imag(i);
    expect(fromFloat.dtype).toBe('float32');
    expect(fromFloat.shape).toEqual([2, 2]);
    expect(Array.from(fromFloat.dataSync())).toEqual([0, 0, 0, 0]);
    expect(fromInt.dtype).toBe('int32');
    expect(Array.from(fromInt.dataSync())).toEqual([0, 0]);
    tf.dispose([x, i, fromFloat, fromInt]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('real returns a new tensor, so disposing it leaves the input alive', () => {
    const x = tf.tensor1d([1, -2]);
    const r = real(x);
    expect(r).not.toBe(x);
    r.dispose();
    expect(Array.from(x.dataSync())).toEqual([1, -2]);
    x.dispose();
  });

  it('refuses a complex tensor by name rather than computing on it', () => {
    const z = tf.complex([1, 2], [3, 4]);
    expect(() => real(z)).toThrow(/real takes float32, int32 or bool tensors; received dtype "complex64"/);
    expect(() => imag(z)).toThrow(TypeError);
    z.dispose();
  });

  it('angle and isreal take nested arrays too', () => {
    const a = angle([-1, 2]);
    const r = isreal([[1, 2]]);
    expect(Array.from(a.dataSync())).toEqual([Math.fround(Math.PI), 0]);
    expect(r.dtype).toBe('bool');
    expect(Array.from(r.dataSync())).toEqual([1, 1]);
    tf.dispose([a, r]);
  });
});
