import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Input } from '../core/input-layer';
import { Add, Concatenate, Dot } from './index';
import { add, average, concatenate, dot, maximum, minimum, multiply, subtract } from './functional';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('the lowercase merge helpers', () => {
  it('compute what their layers compute on tensors', () => {
    const before = tf.memory().numTensors;
    const a = tf.tensor2d([[1, 4, -2]]);
    const b = tf.tensor2d([[3, 2, 2]]);
    const values = (t: tf.Tensor) => Array.from(t.dataSync());
    const results = tf.tidy(() => ({
      add: values(add([a, b])),
      subtract: values(subtract([a, b])),
      multiply: values(multiply([a, b])),
      average: values(average([a, b])),
      maximum: values(maximum([a, b])),
      minimum: values(minimum([a, b])),
      concatenate: values(concatenate([a, b])),
      dot: values(dot([a, b], 1)),
      cosine: values(dot([a, b], 1, { normalize: true })),
    }));
    expect(results).toEqual({
      add: [4, 6, 0],
      subtract: [-2, 2, -4],
      multiply: [3, 8, -4],
      average: [2, 3, 0],
      maximum: [3, 4, 2],
      minimum: [1, 2, -2],
      concatenate: [1, 4, -2, 3, 2, 2],
      dot: [7],
      cosine: [Math.fround(7 / Math.sqrt(21 * 17))],
    });
    tf.dispose([a, b]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('record their layer, with its arguments, on symbolic tensors', () => {
    const a = Input({ shape: [2, 3] });
    const b = Input({ shape: [2, 3] });
    const joined = concatenate([a, b], { axis: 1, name: 'joined' });
    expect(joined.shape).toEqual([null, 4, 3]);
    expect(joined.operation).toBeInstanceOf(Concatenate);
    expect((joined.operation as Concatenate).axis).toBe(1);
    expect(add([a, b]).operation).toBeInstanceOf(Add);
    const product = dot([a, b], [2, 2]);
    expect(product.operation).toBeInstanceOf(Dot);
    expect(product.shape).toEqual([null, 2, 2]);
  });

  it('refuses a single tensor, as Keras refuses a non-list', () => {
    const x = tf.zeros([1, 2]);
    expect(() => add(x as never)).toThrow(/keras.layers.add\(\) takes a list of tensors/);
    x.dispose();
  });
});
