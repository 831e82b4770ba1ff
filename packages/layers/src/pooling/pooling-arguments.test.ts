import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AveragePooling1D } from './average-pooling1d';
import { MaxPooling2D } from './max-pooling2d';
import { MaxPooling3D } from './max-pooling3d';

beforeAll(() => useBackend('cpu'));

/** A 4x4 single-channel image holding 0..15 row by row. */
const image = () => tf.reshape(tf.range(0, 16), [1, 4, 4, 1]);

/** Keras's signature `MaxPooling2D(pool_size, strides, padding, data_format)`: positional arguments mean what they mean in Keras. */
describe('pooling layers with positional arguments, as Keras writes them', () => {
  it('MaxPooling2D(2, 1) pools 2x2 windows with strides 1', () => {
    const layer = new MaxPooling2D(2, 1);
    expect(layer.getConfig()).toMatchObject({ pool_size: [2, 2], strides: [1, 1], padding: 'valid' });
    const x = image();
    const y = layer.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 3, 3, 1]);
    // The max of each 2x2 window is its bottom-right value.
    expectAllClose(y, [5, 6, 7, 9, 10, 11, 13, 14, 15]);
    tf.dispose([x, y]);
  });

  it("MaxPooling2D(2, 1, 'same') pads, and options may follow the positional arguments", () => {
    const layer = new MaxPooling2D(2, 1, 'same', { name: 'padded' });
    expect(layer.name).toBe('padded');
    expect(layer.getConfig()).toMatchObject({ pool_size: [2, 2], strides: [1, 1], padding: 'same' });
    const x = image();
    const y = layer.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 4, 4, 1]);
    expectAllClose(y, [5, 6, 7, 7, 9, 10, 11, 11, 13, 14, 15, 15, 13, 14, 15, 15]);
    tf.dispose([x, y]);
  });

  it('keeps the options forms: (poolSize, { strides }) and ({ poolSize, strides, padding })', () => {
    expect(new MaxPooling2D(3, { strides: 2 }).getConfig()).toMatchObject({ pool_size: [3, 3], strides: [2, 2] });
    expect(new MaxPooling2D({ poolSize: 3, strides: 1, padding: 'same' }).getConfig()).toMatchObject({ pool_size: [3, 3], strides: [1, 1], padding: 'same' });
    expect(new MaxPooling2D().getConfig()).toMatchObject({ pool_size: [2, 2], strides: [2, 2] });
    expect(new MaxPooling2D(2, null).getConfig()).toMatchObject({ strides: [2, 2] });
    expect(new AveragePooling1D(3, 2).getConfig()).toMatchObject({ pool_size: [3], strides: [2] });
    expect(new MaxPooling3D([1, 2, 2], [1, 1, 1]).getConfig()).toMatchObject({ pool_size: [1, 2, 2], strides: [1, 1, 1] });
  });

  it('refuses a value given both ways, options before positional values, and values of the wrong kind', () => {
    expect(() => new MaxPooling2D(2, 1, { strides: 2 })).toThrow(
      /MaxPooling2D received strides=1 as an argument and strides=2 as an option; expected one of them\./,
    );
    expect(() => new MaxPooling2D({ poolSize: 2 }, 1 as never)).toThrow(/MaxPooling2D received 1 after its options object/);
    expect(() => new MaxPooling2D(2, 'same' as never)).toThrow(/MaxPooling2D received strides='same'; expected a positive integer, a list of them, or null\./);
    expect(() => new MaxPooling2D(2, 1, 3 as never)).toThrow(/MaxPooling2D received padding=3; expected 'valid' or 'same'\./);
  });
});
