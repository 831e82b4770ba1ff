import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Input } from './input-layer';
import { Lambda } from './lambda';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('Lambda', () => {
  it('runs its function with its arguments, on tensors and symbolic tensors, without leaking', () => {
    const before = tf.memory().numTensors;
    const scale = new Lambda((x, args) => tf.mul(x as tf.Tensor, args.factor as number), { arguments: { factor: 3 }, name: 'scale' });
    const x = tf.tensor2d([[1, -2]]);
    const y = tf.tidy(() => scale.apply(x));
    expect(Array.from(y.dataSync())).toEqual([3, -6]);
    // The output shape of a symbolic call is found by running the function once, unknown sizes as 1.
    const sum = new Lambda((t) => tf.sum(t as tf.Tensor, -1, true));
    expect(sum.apply(Input({ shape: [5, 4] })).shape).toEqual([null, 5, 1]);
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes an output shape (without the batch axis, or a function) and a mask as Keras does', () => {
    const fixed = new Lambda((x) => tf.reshape(x as tf.Tensor, [-1, 6]), { outputShape: [6] });
    expect(fixed.apply(Input({ shape: [2, 3] })).shape).toEqual([null, 6]);
    const byFunction = new Lambda((x) => x, { outputShape: (shape) => shape });
    expect(byFunction.apply(Input({ shape: [7] })).shape).toEqual([null, 7]);
    const mask = tf.tensor1d([1, 0], 'bool');
    const masked = new Lambda((x) => x, { mask: () => mask });
    expect(masked.computeMask(tf.zeros([2]), null)).toBe(mask);
    expect(new Lambda((x) => x).computeMask(tf.zeros([2]), mask)).toBeNull();
    mask.dispose();
  });

  it('refuses a non-function and refuses to serialize', () => {
    expect(() => new Lambda(42 as never, { name: 'bad' })).toThrow(/Lambda layer "bad" needs a function; received \[object Number\]/);
    expect(() => new Lambda((x) => x, { name: 'fn' }).getConfig()).toThrow(/Lambda layer "fn" wraps a TypeScript function/);
  });
});
