import { UnknownOptionError } from '@strata/ops/options';
import { describe, expect, it } from 'vitest';
import { Conv2D } from '../convolutional/conv2d';
import { Dense } from '../core/dense';
import { MaxPooling2D } from '../pooling/max-pooling2d';

/** Keras's keyword names given to a layer are errors naming the camelCase key, never a silent default. */
describe('layer option keys', () => {
  it("refuse Keras's snake_case names, naming the camelCase key meant", () => {
    expect(() => new MaxPooling2D({ pool_size: 2, strides: 1 } as never)).toThrow(
      new UnknownOptionError("MaxPooling2D received an unknown option `pool_size`: Strata spells Keras's `pool_size` in camelCase, `poolSize`.", 'MaxPooling2D', 'pool_size', 'poolSize'),
    );
    expect(() => new MaxPooling2D(2, { padding: 'same', data_format: 'channels_first' } as never)).toThrow(/`data_format`.*`dataFormat`/);
    expect(() => new Dense(32, { activation: 'relu', input_shape: [784] } as never)).toThrow(/Dense received an unknown option `input_shape`.*`inputShape`/);
    expect(() => new Conv2D(8, 3, { use_bias: false } as never)).toThrow(/Conv2D received an unknown option `use_bias`.*`useBias`/);
  });

  it('accept the camelCase names', () => {
    const dense = new Dense(32, { activation: 'relu', inputShape: [784], useBias: false });
    expect(dense.useBias).toBe(false);
    expect(new MaxPooling2D({ poolSize: 2, strides: 1 }).strides).toEqual([1, 1]);
  });
});
