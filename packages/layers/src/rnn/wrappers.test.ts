import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense } from '../core/dense';
import { builtInLayers } from '../registry';
import { randomInput } from '../test-support/layer-inputs';
import { Bidirectional, } from './bidirectional';
import { LSTM } from './lstm';
import { naiveRecurrent } from './naive-recurrent';
import { SimpleRNN } from './simple-rnn';
import { TimeDistributed } from './time-distributed';

beforeAll(async () => {
  await useBackend('cpu');
});

const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

describe('Bidirectional', () => {
  it('concatenates the forward pass and the backward pass flipped back, masked', () => {
    const x = randomInput([2, 5, 3], 'float32', 10, 9);
    const mask = [
      [true, true, true, false, false],
      [true, false, true, true, true],
    ];
    const layer = new Bidirectional(new SimpleRNN(4, { returnSequences: true }), { name: 'bidirectional' });
    const out = layer.apply(x, { mask: tf.tensor2d(mask) }) as tf.Tensor;
    expect(layer.weights.map((w) => w.path)).toEqual([
      'bidirectional/forward_simple_rnn/simple_rnn_cell/kernel',
      'bidirectional/forward_simple_rnn/simple_rnn_cell/recurrent_kernel',
      'bidirectional/forward_simple_rnn/simple_rnn_cell/bias',
      'bidirectional/backward_simple_rnn/simple_rnn_cell/kernel',
      'bidirectional/backward_simple_rnn/simple_rnn_cell/recurrent_kernel',
      'bidirectional/backward_simple_rnn/simple_rnn_cell/bias',
    ]);
    const values = layer.getWeights().map((w) => w.arraySync());
    const weightsAt = (k: number) => ({ kernel: values[k] as number[][], recurrentKernel: values[k + 1] as number[][], bias: values[k + 2] as number[] });
    const xs = x.arraySync() as number[][][];
    const forward = naiveRecurrent('simple', xs, weightsAt(0), 4, { mask }).sequences;
    const backward = naiveRecurrent('simple', xs, weightsAt(3), 4, { mask, goBackwards: true }).sequences;
    // Keras zeroes masked outputs of both halves when they return sequences.
    const expected = forward.map((sample, b) =>
      sample.map((row, t) => {
        const keep = mask[b][t] ? 1 : 0;
        return [...row.map((v) => v * keep), ...backward[b][4 - t].map((v) => v * keep)];
      }),
    );
    expectAllClose(out, expected.flat(2), TOLERANCE);
    expect(layer.computeMask(x, tf.tensor2d(mask))).not.toBeNull();
  });

  it('returns both halves or their states when asked, and checks the halves agree', () => {
    const x = randomInput([2, 5, 3]);
    const split = new Bidirectional(new LSTM(4), { mergeMode: null });
    const halves = split.apply(x) as unknown as tf.Tensor[];
    expect(halves.map((t) => t.shape)).toEqual([
      [2, 4],
      [2, 4],
    ]);
    const withStates = new Bidirectional(new LSTM(4, { returnState: true }));
    const outputs = withStates.apply(x) as unknown as tf.Tensor[];
    expect(outputs.map((t) => t.shape)).toEqual([[2, 8], ...Array(4).fill([2, 4])]);
    expect(withStates.computeOutputShape([null, 5, 3])).toEqual([[null, 8], ...Array(4).fill([null, 4])]);
    expect(() => new Bidirectional(new LSTM(4), { backwardLayer: new LSTM(4) })).toThrow(/go_backwards/);
    expect(() => new Bidirectional(new LSTM(4), { mergeMode: 'max' as never })).toThrow(/merge mode/);
  });
});

describe('TimeDistributed', () => {
  it('names its weights under its own scope and applies the layer to each time slice', () => {
    const layer = new TimeDistributed(new Dense(3, { activation: 'tanh', name: 'dense' }), { name: 'time_distributed' });
    layer.apply(randomInput([2, 4, 5]));
    expect(layer.weights.map((w) => w.path)).toEqual(['time_distributed/dense/kernel', 'time_distributed/dense/bias']);
    const x = randomInput([2, 4, 5]);
    const out = layer.apply(x) as tf.Tensor;
    for (let t = 0; t < 4; t++) {
      const slice = tf.squeeze(tf.slice(x, [0, t, 0], [2, 1, 5]), [1]);
      expectAllClose(tf.squeeze(tf.slice(out, [0, t, 0], [2, 1, 3]), [1]), layer.layer.apply(slice) as tf.Tensor, TOLERANCE);
    }
    expect(() => new TimeDistributed(new Dense(3)).apply(tf.zeros([2, 3]))).toThrow(/at least 3 dimensions/);
  });
});

describe('registry', () => {
  it('lists the recurrent, wrapper, embedding and attention layers by their Keras names', () => {
    const registry = builtInLayers();
    const names = ['SimpleRNNCell', 'LSTMCell', 'GRUCell', 'StackedRNNCells', 'RNN', 'SimpleRNN', 'LSTM', 'GRU', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D'];
    names.push('Bidirectional', 'TimeDistributed', 'SpectralNormalization', 'EinsumDense');
    for (const name of [...names, 'Embedding', 'Masking', 'Attention', 'AdditiveAttention', 'MultiHeadAttention']) {
      expect(registry[name]?.className, name).toBe(name);
    }
    // Keras's Wrapper is abstract: a config never names it.
    expect(registry.Wrapper).toBeUndefined();
  });
});
