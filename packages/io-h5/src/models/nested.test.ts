import { useBackend } from '@strata/backend';
import { Dense, Input, clearSession } from '@strata/layers';
import { Model, Sequential } from '@strata/models';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKerasArchive } from '../keras-archive';
import { readLegacyH5 } from '../legacy-h5';
import { loadModel } from './load';
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
});
