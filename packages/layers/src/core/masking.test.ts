import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LSTM } from '../rnn/lstm';
import { Dense } from './dense';
import { Masking } from './masking';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('Masking', () => {
  it('zeroes the steps whose features all equal maskValue and masks them', () => {
    const x = tf.tensor3d([
      [
        [1, 2],
        [-1, -1],
        [-1, 3],
      ],
    ]);
    const layer = new Masking({ maskValue: -1 });
    expectAllClose(layer.apply(x) as tf.Tensor, [1, 2, 0, 0, -1, 3]);
    const mask = layer.computeMask(x) as tf.Tensor;
    expect(mask.dtype).toBe('bool');
    expect(mask.arraySync()).toEqual([[1, 0, 1]]);
    expect(layer.getConfig().mask_value).toBe(-1);
  });

  it('its mask makes an LSTM skip the masked steps', () => {
    const x = tf.concat([tf.randomNormal([1, 3, 2], 0, 1, 'float32', 2), tf.zeros([1, 2, 2])], 1);
    const masking = new Masking();
    const lstm = new LSTM(3);
    const masked = lstm.apply(masking.apply(x) as tf.Tensor, { mask: masking.computeMask(x) }) as tf.Tensor;
    expectAllClose(masked, lstm.apply(tf.slice(x, [0, 0, 0], [1, 3, 2])) as tf.Tensor);
  });

  it('lets gradients through the kept values although the mask is a comparison', () => {
    const dense = new Dense(2);
    const masking = new Masking();
    const x = tf.randomNormal([2, 3, 2], 0, 1, 'float32', 1);
    dense.apply(x);
    const { grads } = tf.variableGrads(
      () => tf.sum(masking.apply(dense.apply(x) as tf.Tensor) as tf.Tensor) as tf.Scalar,
      dense.trainableWeights.map((w) => w.value),
    );
    expect(Object.keys(grads)).toHaveLength(2);
  });
});
