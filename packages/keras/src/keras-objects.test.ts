import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { constraints, initializers, layers, losses, metrics, optimizers, regularizers, saving, useBackend, utils } from './index';

/** fixtures/keras-objects/serialized.json: Keras 3.15.1's serialize_keras_object of each kind (scripts/golden_keras_objects.py). */
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'keras-objects', 'serialized.json');
const keras = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Record<string, unknown>>;

beforeAll(async () => {
  await useBackend('cpu');
});

describe('serializeKerasObject / deserializeKerasObject (keras.saving and keras.utils)', () => {
  it('writes what Keras 3.15.1 writes for a loss, a metric, a schedule, an initializer, a regularizer, a constraint and plain values', () => {
    const made: Record<string, unknown> = {
      loss: new losses.MeanSquaredError(),
      metric: new metrics.AUC(),
      schedule: new optimizers.schedules.ExponentialDecay(0.1, 10, 0.5),
      initializer: new initializers.GlorotUniform({ seed: 1 }),
      regularizer: new regularizers.L2(0.01),
      constraint: new constraints.MaxNorm({ maxValue: 2 }),
      plain: [3, 'x', null, true, [1, 2.5]],
    };
    for (const [key, object] of Object.entries(made)) {
      expect({ key, serialized: saving.serializeKerasObject(object) }).toEqual({ key, serialized: keras[key] });
    }
    expect(utils.serializeKerasObject).toBe(saving.serializeKerasObject);
  });

  it('a layer and an optimizer: Keras’s module and class name, and a config that reads back', () => {
    const dense = new layers.Dense(2, { name: 'dense' });
    const serialized = saving.serializeKerasObject(dense) as Record<string, unknown>;
    expect([serialized.module, serialized.class_name]).toEqual([keras.dense.module, keras.dense.class_name]);
    const adam = saving.serializeKerasObject(new optimizers.Adam()) as Record<string, unknown>;
    expect(adam.class_name).toBe('Adam');
    expect((adam.config as Record<string, unknown>).beta_2).toBe((keras.optimizer.config as Record<string, unknown>).beta_2);
    dense.dispose();
  });

  it("reads every object of Keras's file back into Strata's class, with Keras's settings", () => {
    const read = (key: string) => saving.deserializeKerasObject(keras[key]);
    const dense = read('dense') as InstanceType<typeof layers.Dense>;
    expect(dense).toBeInstanceOf(layers.Dense);
    expect([dense.name, dense.units]).toEqual(['dense', 2]);
    expect(read('loss')).toBeInstanceOf(losses.MeanSquaredError);
    const auc = read('metric') as InstanceType<typeof metrics.AUC>;
    expect(auc).toBeInstanceOf(metrics.AUC);
    expect(auc.getConfig().num_thresholds).toBe(200);
    const adam = read('optimizer') as InstanceType<typeof optimizers.Adam>;
    expect(adam).toBeInstanceOf(optimizers.Adam);
    expect(adam.learningRate).toBeCloseTo(0.001, 9);
    const schedule = read('schedule') as InstanceType<typeof optimizers.schedules.ExponentialDecay>;
    expect(schedule).toBeInstanceOf(optimizers.schedules.ExponentialDecay);
    expect(schedule.decayRate).toBe(0.5);
    expect(read('initializer')).toBeInstanceOf(initializers.GlorotUniform);
    const l2 = read('regularizer') as InstanceType<typeof regularizers.L2>;
    expect(l2).toBeInstanceOf(regularizers.L2);
    expect(l2.getConfig()).toEqual({ l2: 0.01 });
    expect(read('constraint')).toBeInstanceOf(constraints.MaxNorm);
    expect(read('plain')).toEqual([3, 'x', null, true, [1, 2.5]]);
    dense.dispose();
    adam.dispose();
    const before = tf.memory().numTensors;
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses what it cannot serialize or read, naming it', () => {
    expect(() => saving.serializeKerasObject(function custom() {})).toThrow(/serializeKerasObject cannot serialize the function custom: expected a layer or model/);
    expect(() => saving.deserializeKerasObject({ module: 'my.module', class_name: 'Thing', config: {} })).toThrow(
      "deserializeKerasObject cannot read Thing of module 'my.module': expected a module of keras.layers",
    );
    expect(() => saving.deserializeKerasObject({ config: {} })).toThrow(/expects a serialized Keras object/);
  });
});
