import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Input, Model, Sequential, applications, layers, losses, models, optimizers, saving, useBackend, utils } from './index';

const folder = mkdtempSync(join(tmpdir(), 'strata-keras-'));
beforeAll(async () => {
  await useBackend('cpu');
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('@strata/keras', () => {
  it('offers Keras namespaces', () => {
    expect(typeof layers.Dense).toBe('function');
    expect(typeof losses.SparseCategoricalCrossentropy).toBe('function');
    expect(typeof optimizers.RMSprop).toBe('function');
    expect(typeof models.loadModel).toBe('function');
    expect(typeof utils.toCategorical).toBe('function');
    expect(typeof saving.saveModel).toBe('function');
    expect(typeof applications.ResNet50).toBe('function');
  });

  it('an application built from TypeScript takes its weights from a Keras weights file (build, then loadWeights)', async () => {
    const build = () => applications.MobileNetV2({ inputShape: [32, 32, 3], alpha: 0.35, includeTop: false, pooling: 'avg' });
    const source = build();
    const path = join(folder, 'mobilenetv2.weights.h5');
    await saving.saveWeights(source, path);
    const target = build();
    const x = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 3);
    const expected = (await source.predict(x)) as tf.Tensor;
    const before = (await target.predict(x)) as tf.Tensor;
    expect(Array.from(before.dataSync())).not.toEqual(Array.from(expected.dataSync()));
    before.dispose();
    await saving.loadWeights(target, path);
    const actual = (await target.predict(x)) as tf.Tensor;
    expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([x, expected, actual]);
    source.dispose();
    target.dispose();
  });

  it('a Sequential saves with model.save and comes back with loadModel, predicting the same (tutorial 002)', async () => {
    utils.setRandomSeed(5);
    const network = new Sequential([new layers.Dense(8, { activation: 'relu', inputShape: [4] }), new layers.Dense(3, { activation: 'softmax' })]);
    network.compile({ optimizer: new optimizers.RMSprop({ learningRate: 0.001 }), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const x = tf.randomNormal([6, 4], 0, 1, 'float32', 1);
    const y = utils.toCategorical(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3);
    await network.fit(x, y, { epochs: 1, verbose: 0 });
    for (const file of ['model_mnist.h5', 'model.keras']) {
      const path = join(folder, file);
      await network.save(path);
      const loaded = await models.loadModel(path);
      const expected = (await network.predict(x)) as tf.Tensor;
      const actual = (await loaded.predict(x)) as tf.Tensor;
      expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
      expect(loaded.compiled).not.toBeNull();
      await loaded.save(join(folder, `again-${file}`));
      loaded.dispose();
      tf.dispose([expected, actual]);
    }
  });

  it('a functional Model built with Input saves too', async () => {
    const input = Input({ shape: [3] });
    const model = new Model({ inputs: input, outputs: new layers.Dense(2).apply(input) });
    await model.save(join(folder, 'functional.keras'));
    const loaded = await saving.loadModel(join(folder, 'functional.keras'));
    expect(loaded.countParams()).toBe(8);
  });
});
