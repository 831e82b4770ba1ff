import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BinaryCrossentropy,
  BinaryFocalCrossentropy,
  CategoricalCrossentropy,
  CategoricalFocalCrossentropy,
  Huber,
  MeanSquaredError,
  SparseCategoricalCrossentropy,
  deserializeLoss,
  getLoss,
  serializeLoss,
} from './index';

beforeAll(() => useBackend('cpu'));

describe('getLoss', () => {
  it('resolves Keras names, aliases, class names and camelCase', () => {
    const table: Array<[string, string, string]> = [
      ['sparse_categorical_crossentropy', 'SparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'],
      ['sparseCategoricalCrossentropy', 'SparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'],
      ['categorical_crossentropy', 'CategoricalCrossentropy', 'categorical_crossentropy'],
      ['binary_crossentropy', 'BinaryCrossentropy', 'binary_crossentropy'],
      ['mse', 'MeanSquaredError', 'mse'],
      ['MSE', 'MeanSquaredError', 'MSE'],
      ['mae', 'MeanAbsoluteError', 'mae'],
      ['meanSquaredError', 'MeanSquaredError', 'mean_squared_error'],
      ['Huber', 'Huber', 'huber_loss'],
      ['kld', 'KLDivergence', 'kld'],
      ['logcosh', 'LogCosh', 'logcosh'],
    ];
    for (const [identifier, className, name] of table) {
      const loss = getLoss(identifier);
      expect([identifier, loss.className, loss.name]).toEqual([identifier, className, name]);
    }
  });

  it('returns a Loss as is and wraps a plain function', () => {
    const loss = new Huber({ delta: 2 });
    expect(getLoss(loss)).toBe(loss);
    const absolute = function absoluteSum(yTrue: tf.Tensor, yPred: tf.Tensor) {
      return tf.sum(tf.abs(tf.sub(yTrue, yPred)), -1);
    };
    const wrapped = getLoss(absolute);
    expect(wrapped.name).toBe('absoluteSum');
    expectAllClose(wrapped.compute(tf.tensor([[1, 2]]), tf.tensor([[0, 0]])), 3);
  });

  it('names the identifier it could not resolve', () => {
    expect(() => getLoss('cross_entropy_of_doom')).toThrow(/cross_entropy_of_doom/);
  });
});

describe('serialization', () => {
  it('writes Keras 3 objects with snake_case configs', () => {
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    expect(serializeLoss(loss)).toEqual({
      module: 'keras.losses',
      class_name: 'SparseCategoricalCrossentropy',
      config: { name: 'sparse_categorical_crossentropy', reduction: 'sum_over_batch_size', from_logits: true, ignore_class: null },
      registered_name: null,
    });
    expect(new BinaryFocalCrossentropy().getConfig()).toEqual({
      name: 'binary_focal_crossentropy',
      reduction: 'sum_over_batch_size',
      from_logits: false,
      label_smoothing: 0,
      axis: -1,
      apply_class_balancing: false,
      alpha: 0.25,
      gamma: 2,
    });
  });

  it('round-trips every configurable loss', () => {
    const losses = [
      new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 255, reduction: 'sum' }),
      new CategoricalCrossentropy({ labelSmoothing: 0.1, axis: 1, name: 'cce' }),
      new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.2 }),
      new CategoricalFocalCrossentropy({ alpha: [0.1, 0.9], gamma: 3 }),
      new MeanSquaredError({ reduction: 'none' }),
    ];
    for (const loss of losses) {
      const restored = deserializeLoss(JSON.parse(JSON.stringify(serializeLoss(loss))));
      expect(restored.className).toBe(loss.className);
      expect(restored.getConfig()).toEqual(loss.getConfig());
    }
  });

  it('reads legacy tf.keras configs, bare strings and serialized functions', () => {
    const legacy = deserializeLoss({
      class_name: 'CategoricalCrossentropy',
      config: { reduction: 'auto', name: 'categorical_crossentropy', from_logits: false, label_smoothing: 0, axis: -1 },
    });
    expect(legacy.reduction).toBe('sum_over_batch_size');
    expect(deserializeLoss('mse').className).toBe('MeanSquaredError');
    const fn = deserializeLoss({ module: 'keras.losses', class_name: 'function', config: 'mean_absolute_error', registered_name: null });
    expect(fn.className).toBe('MeanAbsoluteError');
    expect(() => deserializeLoss({ class_name: 'MyLoss', config: {} })).toThrow(/MyLoss/);
  });
});

describe('inherited property names are not losses', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`getLoss('${name}') and deserializeLoss({class_name: '${name}'}) are refused`, () => {
      expect(() => getLoss(name)).toThrow(`Could not interpret loss identifier '${name}'`);
      expect(() => deserializeLoss({ class_name: name, config: {} })).toThrow();
    });
  }
});
