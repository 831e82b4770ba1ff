import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conv2D } from '../convolutional/conv2d';
import { Activation } from '../core/activation';
import { Dense } from '../core/dense';
import { LSTM } from '../rnn/lstm';
import { SimpleRNN } from '../rnn/simple-rnn';
import { relu, sigmoid } from './elementwise';
import { activationName, UnserializableActivationError } from './registry';

beforeAll(() => useBackend('cpu'));

/** Keras 3.15 writes these names for `activation=keras.activations.relu` and `activation=keras.ops.sigmoid`. */
describe('layers given an activation function', () => {
  it('accept tfjs ops and serialize them by Keras name, as Keras does for keras.ops.relu', () => {
    const cases: [(x: tf.Tensor) => tf.Tensor, string][] = [
      [tf.relu, 'relu'],
      [tf.sigmoid, 'sigmoid'],
      [tf.tanh, 'tanh'],
      [tf.softmax as (x: tf.Tensor) => tf.Tensor, 'softmax'],
      [tf.elu, 'elu'],
      [tf.selu, 'selu'],
      [tf.softplus, 'softplus'],
    ];
    for (const [fn, name] of cases) {
      expect(new Dense(4, { activation: fn }).getConfig().activation, name).toBe(name);
    }
    // A wrapper of its own is the user's function, which Keras has no name for either.
    expect(activationName((x) => tf.softmax(x))).toBeNull();
  });

  it("accept Strata's own exported functions and serialize them by Keras name", () => {
    expect(new Dense(4, { activation: relu }).getConfig().activation).toBe('relu');
    expect(new Conv2D(2, 3, { activation: sigmoid }).getConfig().activation).toBe('sigmoid');
    expect(new Activation(relu).getConfig().activation).toBe('relu');
  });

  it('compute with the function they were given', () => {
    const x = tf.tensor2d([[1, -2]]);
    const dense = new Dense(2, { activation: tf.sigmoid, kernelInitializer: 'identity', biasInitializer: 'zeros' });
    expectAllClose(dense.apply(x) as tf.Tensor, [1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(2))]);
    const cube = (t: tf.Tensor) => tf.pow(t, 3);
    const custom = new Dense(2, { activation: cube, kernelInitializer: 'identity', biasInitializer: 'zeros' });
    expectAllClose(custom.apply(x) as tf.Tensor, [1, -8]);
    tf.dispose([x, dense.kernel!.read(), custom.kernel!.read()]);
    dense.dispose();
    custom.dispose();
  });

  it('accept a function Keras has no name for, and refuse only when serialized, naming the layer', () => {
    const cube = (t: tf.Tensor) => tf.pow(t, 3);
    const layers = [
      new Dense(2, { activation: cube, name: 'cubed_dense' }),
      new Conv2D(2, 3, { activation: cube, name: 'cubed_conv' }),
      new SimpleRNN(2, { activation: cube, name: 'cubed_rnn' }),
      new LSTM(2, { recurrentActivation: cube, name: 'cubed_lstm' }),
      new Activation(cube, { name: 'cubed_activation' }),
    ];
    for (const layer of layers) {
      let thrown: unknown;
      try {
        layer.getConfig();
      } catch (error) {
        thrown = error;
      }
      expect(thrown, layer.name).toBeInstanceOf(UnserializableActivationError);
      // A recurrent layer's activation lives on its cell, which is the layer named.
      const owner = layer instanceof SimpleRNN || layer instanceof LSTM ? (layer.cell as { name: string }).name : layer.name;
      expect((thrown as Error).message).toMatch(new RegExp(`^Layer "${owner}" cannot be saved: its activation function 'cube' has no Keras name`));
    }
  });
});
