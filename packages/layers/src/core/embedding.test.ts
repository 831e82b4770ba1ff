import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LSTM } from '../rnn/lstm';
import { randomInput } from '../test-support/layer-inputs';
import { Embedding } from './embedding';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('Embedding', () => {
  it('looks up rows of the table, casts float indices, and defaults to uniform(-0.05, 0.05)', () => {
    const layer = new Embedding(6, 3);
    const indices = tf.tensor2d([[0, 5, 2]], undefined, 'int32');
    const out = layer.apply(indices) as tf.Tensor;
    const table = layer.getWeights()[0].arraySync() as number[][];
    expectAllClose(out, [table[0], table[5], table[2]].flat());
    expectAllClose(layer.apply(tf.cast(indices, 'float32')) as tf.Tensor, out);
    expect(table.flat().every((v) => v >= -0.05 && v < 0.05)).toBe(true);
    expect(layer.getConfig().embeddings_initializer).toEqual({
      module: 'keras.initializers',
      class_name: 'RandomUniform',
      config: { seed: null, minval: -0.05, maxval: 0.05 },
      registered_name: null,
    });
  });

  it('masks index 0 with maskZero and the mask skips those steps in an LSTM', () => {
    const layer = new Embedding(8, 3, { maskZero: true });
    const indices = tf.tensor2d(
      [
        [3, 4, 0, 0],
        [1, 0, 2, 0],
      ],
      undefined,
      'int32',
    );
    const vectors = layer.apply(indices) as tf.Tensor;
    const mask = layer.computeMask(indices) as tf.Tensor;
    // tfjs reads bool tensors back as 0 / 1.
    expect(mask.dtype).toBe('bool');
    expect(mask.arraySync()).toEqual([
      [1, 1, 0, 0],
      [1, 0, 1, 0],
    ]);
    expect(new Embedding(8, 3).computeMask(indices)).toBeNull();
    // With the mask, trailing padding leaves the LSTM where the last real step left it.
    const lstm = new LSTM(2);
    const masked = lstm.apply(vectors, { mask }) as tf.Tensor;
    const first = lstm.apply(tf.slice(vectors, [0, 0, 0], [1, 2, 3])) as tf.Tensor;
    expectAllClose(tf.slice(masked, [0, 0], [1, 2]), first);
  });

  it('trains: the gradient reaches only the rows that were looked up', () => {
    const layer = new Embedding(5, 2);
    const indices = randomInput([2, 3], 'int32', 3);
    layer.apply(indices);
    const { grads } = tf.variableGrads(() => tf.sum(layer.apply(indices) as tf.Tensor) as tf.Scalar, [layer.weights[0].value]);
    const gradient = grads[layer.weights[0].value.name].arraySync() as number[][];
    expect(gradient[4]).toEqual([0, 0]);
    expect(gradient.flat().reduce((a, b) => a + b, 0)).toBeCloseTo(12);
  });
});
