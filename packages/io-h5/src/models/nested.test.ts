import { useBackend } from '@strata/backend';
import { Dense, Input, clearSession } from '@strata/layers';
import { Model, Sequential } from '@strata/models';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKerasArchive } from '../keras-archive';
import { readLegacyH5 } from '../legacy-h5';
import { loadModel, loadWeights } from './load';
import { serializeModel } from './save';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('nested models', () => {
  it('a Sequential inside a functional model saves at layers/sequential/layers/dense and round-trips', async () => {
    clearSession();
    const inner = new Sequential([new Dense(4, { inputShape: [3], activation: 'relu' }), new Dense(2)]);
    const inputs = Input({ shape: [3] });
    const outputs = new Dense(1).apply(inner.apply(inputs));
    const model = new Model({ inputs, outputs });
    const archive = await readKerasArchive(await serializeModel(model, 'keras'));
    expect([...archive.weights.keys()]).toEqual([
      'layers/sequential/layers/dense/vars/0',
      'layers/sequential/layers/dense/vars/1',
      'layers/sequential/layers/dense_1/vars/0',
      'layers/sequential/layers/dense_1/vars/1',
      'layers/dense/vars/0',
      'layers/dense/vars/1',
    ].sort());
    expect(archive.groups.map((group) => group.path).sort()).toEqual(['', 'layers/dense', 'layers/input_layer', 'layers/sequential', 'layers/sequential/layers/dense', 'layers/sequential/layers/dense_1'].sort());
    // Keras writes a nested Sequential as public Keras: module "keras", no registered name (ConvNeXt's stem).
    const entry = ((archive.config as { config: { layers: Array<Record<string, unknown>> } }).config.layers).find((layer) => layer.class_name === 'Sequential');
    expect([entry?.module, entry?.registered_name]).toEqual(['keras', null]);
    // The legacy file names the nested weights by path under the sub-model's group.
    const legacy = await readLegacyH5(await serializeModel(model, 'h5'));
    expect(legacy.layers.get('sequential')?.map((weight) => weight.name)).toEqual(['sequential/dense/kernel', 'sequential/dense/bias', 'sequential/dense_1/kernel', 'sequential/dense_1/bias']);
    const x = tf.randomNormal([5, 3]);
    const expected = model.predictOnBatch(x) as tf.Tensor;
    for (const format of ['keras', 'h5'] as const) {
      clearSession();
      const loaded = await loadModel(await serializeModel(model, format));
      const predicted = loaded.predictOnBatch(x) as tf.Tensor;
      expectAllClose(predicted, expected, { rtol: 0, atol: 0 });
      predicted.dispose();
      loaded.dispose();
    }
    tf.dispose([x, expected]);
    model.dispose();
  });

  it('layers are stored by class name, as Keras does, whatever their names; byName matches the group name attribute', async () => {
    clearSession();
    const model = new Sequential([new Dense(4, { inputShape: [3], name: 'hidden' }), new Dense(2, { name: 'logits' })]);
    const bytes = await serializeModel(model, 'weights.h5');
    const archive = await readKerasArchive(await serializeModel(model, 'keras'));
    expect(archive.groups.filter((group) => group.path.startsWith('layers/'))).toEqual([
      { path: 'layers/dense', name: 'hidden' },
      { path: 'layers/dense_1', name: 'logits' },
    ]);
    // The same layers in another order: by path they do not fit, by name they do.
    clearSession();
    const swapped = new Sequential([new Dense(4, { inputShape: [3], name: 'logits' }), new Dense(4, { name: 'hidden' })]);
    await expect(loadWeights(swapped, bytes)).rejects.toThrow(/Shape mismatch in layer 'hidden'/);
    clearSession();
    // An extra layer in the middle moves `logits` to layers/dense_2; by name it still finds its weights, and `extra` keeps its own.
    const renamed = new Sequential([new Dense(4, { inputShape: [3], name: 'hidden' }), new Dense(4, { name: 'extra' }), new Dense(2, { name: 'logits' })]);
    await loadWeights(renamed, bytes, { byName: true });
    const same = tf.tidy(() => {
      const [ours, theirs] = [renamed.getWeights(), model.getWeights()];
      const equal = (a: tf.Tensor, b: tf.Tensor) => tf.all(tf.equal(a, b)).dataSync()[0] === 1;
      return [0, 1].every((i) => equal(ours[i], theirs[i])) && [4, 5].every((i) => equal(ours[i], theirs[i - 2]));
    });
    expect(same).toBe(true);
    tf.dispose([...model.weights.map((w) => w.value), ...swapped.weights.map((w) => w.value), ...renamed.weights.map((w) => w.value)]);
  });
});
