import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensors } from '../engine/layer';
import { ConvLSTM1D } from './conv-lstm1d';
import { ConvLSTM2D } from './conv-lstm2d';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('ConvLSTM', () => {
  it('keeps the previous output and states at a masked step, as Keras\'s RNN does', () => {
    const layer = new ConvLSTM1D(2, 2, { padding: 'same', returnState: true });
    const x = tf.randomNormal([2, 4, 5, 3], 0, 1, 'float32', 7);
    tf.tidy(() => {
      const mask = tf.tensor2d([[1, 1, 1, 0], [1, 1, 1, 1]], [2, 4], 'bool');
      const masked = layer.apply(x as Tensors, { mask }) as tf.Tensor[];
      const shortened = layer.apply(tf.slice(x, [0, 0, 0, 0], [1, 3, 5, 3]) as Tensors) as tf.Tensor[];
      const full = layer.apply(x as Tensors) as tf.Tensor[];
      masked.forEach((tensor, i) => {
        expectAllClose(tf.slice(tensor, [0], [1]), shortened[i], { atol: 1e-6 });
        expectAllClose(tf.slice(tensor, [1], [1]), tf.slice(full[i], [1], [1]), { atol: 1e-6 });
      });
    });
    x.dispose();
    layer.dispose();
  });

  it('takes and returns channels_first states in channels_first, and starts from the given ones', () => {
    const layer = new ConvLSTM2D(3, 2, { dataFormat: 'channels_first', returnState: true });
    expect(layer.computeOutputShape([null, 4, 2, 5, 6])).toEqual([
      [null, 3, 4, 5],
      [null, 3, 4, 5],
      [null, 3, 4, 5],
    ]);
    tf.tidy(() => {
      const x = tf.randomNormal([2, 4, 2, 5, 6], 0, 1, 'float32', 1);
      const [output, h, c] = layer.apply(x as Tensors) as tf.Tensor[];
      expect([output.shape, h.shape, c.shape]).toEqual([
        [2, 3, 4, 5],
        [2, 3, 4, 5],
        [2, 3, 4, 5],
      ]);
      // Starting the second half of the sequence from the first half's states gives the whole sequence's result.
      const first = layer.apply(tf.slice(x, [0, 0], [2, 2]) as Tensors) as tf.Tensor[];
      const second = layer.apply(tf.slice(x, [0, 2], [2, 2]) as Tensors, { initialState: [first[1], first[2]] } as never) as tf.Tensor[];
      expectAllClose(second[0], output, { atol: 1e-5 });
    });
    layer.dispose();
  });

  it('refuses stateful layers and unknown spatial sizes with sentences', () => {
    expect(() => new ConvLSTM2D(2, 3, { stateful: true })).toThrow('ConvLSTM2D does not support `stateful: true` in Strata yet');
    const layer = new ConvLSTM2D(2, 3);
    expect(() => layer.maybeBuild([null, 3, null, 4, 2])).toThrow('ConvLSTM layers only support static input shapes for the spatial dimension');
  });
});
