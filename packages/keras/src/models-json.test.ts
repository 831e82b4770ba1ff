import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Input, Model, Sequential, activations, constraints, initializers, layers, models, regularizers, useBackend, utils } from './index';

const folder = mkdtempSync(join(tmpdir(), 'strata-keras-json-'));
beforeAll(async () => {
  await useBackend('cpu');
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function nested(): Model {
  const inner = new Sequential([Input({ shape: [3] }), new layers.Dense(4, { activation: 'relu' })], { name: 'inner' });
  const input = Input({ shape: [3], name: 'x' });
  return new Model({ inputs: input, outputs: new layers.Dense(2, { name: 'head' }).apply(inner.apply(input)), name: 'outer' });
}

describe("@strata/keras's models are its own classes", () => {
  it('loadModel, modelFromJson, Model.fromConfig and cloneModel give Sequential/Model of @strata/keras, nested ones too, that save again', async () => {
    const model = nested();
    const path = join(folder, 'nested.keras');
    await model.save(path);
    const loaded = await models.loadModel(path);
    const fromJson = models.modelFromJson(model.toJSON());
    const fromConfig = Model.fromConfig(model.getConfig());
    const cloned = models.cloneModel(model);
    for (const made of [loaded, fromJson, fromConfig, cloned]) {
      expect(made).toBeInstanceOf(Model);
      expect(made.getLayer('inner')).toBeInstanceOf(Sequential);
      expect(made.countParams()).toBe(model.countParams());
    }
    await loaded.save(join(folder, 'again.keras'));
    const x = tf.tensor2d([[1, 2, 3]]);
    const [expected, actual] = tf.tidy(() => [model.apply(x) as tf.Tensor, loaded.apply(x) as tf.Tensor]);
    expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([x, expected, actual]);
    for (const made of [model, loaded, fromJson, fromConfig, cloned]) made.dispose();
  });

  it('Sequential.fromConfig takes the inner config or the whole entry; custom layers come from customObjects', () => {
    class Doubler extends layers.Layer {
      static override className = 'Doubler';
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.mul(inputs as tf.Tensor, 2);
      }
      static fromConfig(config: Record<string, unknown>): Doubler {
        return new Doubler({ name: config.name as string });
      }
    }
    const model = new Sequential([Input({ shape: [2] }), new Doubler({ name: 'double' })]);
    expect(() => Sequential.fromConfig(model.getConfig())).toThrow(/Unknown layer class 'Doubler'/);
    const rebuilt = Sequential.fromConfig(model.getConfig(), { customObjects: { Doubler } });
    const whole = Sequential.fromConfig({ class_name: 'Sequential', config: model.getConfig() }, { customObjects: { Doubler } });
    expect(rebuilt).toBeInstanceOf(Sequential);
    expect(whole.layers[0]).toBeInstanceOf(Doubler);
    const y = tf.tidy(() => rebuilt.apply(tf.tensor2d([[1, -3]])) as tf.Tensor);
    expect(Array.from(y.dataSync())).toEqual([2, -6]);
    y.dispose();
  });

  it('a Lambda layer runs in a model built in code, but cannot be serialized', () => {
    const model = new Sequential([Input({ shape: [2] }), new layers.Lambda((x) => tf.square(x as tf.Tensor), { name: 'square' })]);
    const y = tf.tidy(() => model.apply(tf.tensor2d([[3, -4]])) as tf.Tensor);
    expect(Array.from(y.dataSync())).toEqual([9, 16]);
    y.dispose();
    expect(() => model.toJSON()).toThrow(/Lambda layer "square" wraps a TypeScript function/);
  });
});

describe("Keras's namespaces", () => {
  it('initializers, activations, regularizers and constraints resolve Keras names and round-trip', () => {
    expect(initializers.get('glorot_uniform')).toBeInstanceOf(initializers.GlorotUniform);
    expect(new initializers.glorotUniform()).toBeInstanceOf(initializers.GlorotUniform);
    expect(initializers.serialize(initializers.deserialize({ module: 'keras.initializers', class_name: 'Constant', config: { value: 3 }, registered_name: null }))).toMatchObject({ class_name: 'Constant', config: { value: 3 } });
    expect(activations.get('swish')).toBe(activations.get('silu'));
    expect(activations.serialize(activations.get('relu'))).toBe('relu');
    const x = tf.tensor1d([-1, 2]);
    const relu = activations.relu(x);
    expect(Array.from(relu.dataSync())).toEqual([0, 2]);
    expect(regularizers.get('l2')).toBeInstanceOf(regularizers.L2);
    expect(regularizers.serialize(new regularizers.l1L2({ l1: 0.1, l2: 0.2 }))).toMatchObject({ class_name: 'L1L2' });
    expect(constraints.get('non_neg')).toBeInstanceOf(constraints.NonNeg);
    expect(new constraints.maxNorm({ maxValue: 2 })).toBeInstanceOf(constraints.MaxNorm);
    tf.dispose([x, relu]);
  });

  it('layers holds layers and Keras aliases, not engine internals; the merge helpers build graphs', () => {
    expect(layers.MaxPool2D).toBe(layers.MaxPooling2D);
    expect(layers.Convolution2D).toBe(layers.Conv2D);
    for (const internal of ['LayerVariable', 'withNameScope', 'formatShape', 'builtInLayers', 'FLOAT32_POLICY', 'getInitializer', 'GlorotUniform', 'BaseConv']) {
      expect(Object.keys(layers)).not.toContain(internal);
    }
    const a = Input({ shape: [3] });
    const b = Input({ shape: [3] });
    const model = new Model({ inputs: [a, b], outputs: layers.dot([layers.subtract([a, b]), layers.maximum([a, b])], 1) });
    const x = [tf.tensor2d([[1, 5, 2]]), tf.tensor2d([[3, 1, 2]])];
    const y = tf.tidy(() => model.apply(x) as tf.Tensor);
    // (1-3)*3 + (5-1)*5 + 0*2 = 14
    expect(Array.from(y.dataSync())).toEqual([14]);
    expect(layers.serialize(model.layers[2])).toMatchObject({ module: 'keras.layers', class_name: 'Subtract' });
    const dense = layers.deserialize({ module: 'keras.layers', class_name: 'Dense', config: { name: 'd', units: 2 } });
    expect(dense).toBeInstanceOf(layers.Dense);
    tf.dispose([...x, y]);
    model.dispose();
    expect(utils.isKerasTensor(a)).toBe(true);
  });
});
