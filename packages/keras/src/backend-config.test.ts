import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Input, backend, config, layers, losses, ops, useBackend } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('keras.backend and keras.config as Strata has them', () => {
  it('reports float32, channels_last and the tfjs backend computing now', async () => {
    expect([config.floatx(), backend.floatx()]).toEqual(['float32', 'float32']);
    expect([config.imageDataFormat(), backend.imageDataFormat()]).toEqual(['channels_last', 'channels_last']);
    expect(config.backend()).toBe('cpu');
    expect(backend.backend()).toBe(tf.getBackend());
    // A layer made without a dataFormat lays images out as imageDataFormat() says.
    const pool = new layers.MaxPooling2D(2);
    expect(pool.getConfig().data_format).toBe(config.imageDataFormat());
    pool.dispose();
  });

  it("epsilon() is the fuzz factor Strata's losses use: binary crossentropy of a prediction of exactly 0 for a label 1 is -log(epsilon)", () => {
    const yTrue = tf.tensor2d([[1]]);
    const yPred = tf.tensor2d([[0]]);
    const loss = losses.binaryCrossentropy(yTrue, yPred) as tf.Tensor;
    expect(loss.dataSync()[0]).toBeCloseTo(-Math.log(config.epsilon()), 3);
    expect(backend.epsilon()).toBe(1e-7);
    tf.dispose([yTrue, yPred, loss]);
  });

  it('getUid counts with the default names, and clearSession restarts both, as Keras', () => {
    backend.clearSession();
    const first = new layers.Dense(1);
    const second = new layers.Dense(1);
    expect([first.name, second.name]).toEqual(['dense', 'dense_1']);
    expect(backend.getUid('dense')).toBe(3);
    expect(new layers.Dense(1).name).toBe('dense_3');
    expect([backend.getUid('my_prefix'), backend.getUid('my_prefix')]).toEqual([1, 2]);
    backend.clearSession();
    expect([new layers.Dense(1).name, backend.getUid('my_prefix')]).toEqual(['dense', 1]);
  });

  it('the dtype helpers follow Keras: is_float_dtype, is_int_dtype, standardize_dtype, result_type, and is_keras_tensor', () => {
    expect(['float16', 'float32', 'float64', 'bfloat16', 'float'].map(backend.isFloatDtype)).toEqual([true, true, true, true, true]);
    expect(['int32', 'uint8', 'bool', 'string'].map(backend.isFloatDtype)).toEqual([false, false, false, false]);
    expect(['int8', 'int32', 'int64', 'uint16', 'int'].map(backend.isIntDtype)).toEqual([true, true, true, true, true]);
    expect(['float32', 'bool'].map(backend.isIntDtype)).toEqual([false, false]);
    const ints = tf.tensor1d([1, 2], 'int32');
    expect([backend.isIntDtype(ints), backend.isFloatDtype(ints)]).toEqual([true, false]);
    expect(backend.standardizeDtype('float64')).toBe('float32');
    expect(backend.resultType('int32', 'float32')).toBe('float32');
    expect(backend.resultType(ints, 2)).toBe('int32');
    expect(backend.isKerasTensor(Input({ shape: [2] }))).toBe(true);
    expect(backend.isKerasTensor(ints)).toBe(false);
    expect(backend.resultType(ints, 0.5)).toBe(ops.resultType('int32', 0.5));
    ints.dispose();
  });
});
