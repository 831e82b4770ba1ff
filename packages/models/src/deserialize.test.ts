import { useBackend } from '@strata/backend';
import { builtInLayers, clearSession } from '@strata/layers';
import { expectAllClose, hasGolden, npyToTensor, readGoldenJson, readGoldenNpy, readGoldenNpz } from '@strata/testing';
import type * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelFromConfig } from './deserialize';

beforeAll(async () => {
  await useBackend('cpu');
});

const models = [
  ['a_mlp_tutorial', 'Sequential'],
  ['b_mlp_784', 'Sequential'],
  ['c_cnn', 'Sequential'],
  ['d_functional', 'Functional'],
  ['e1_cnn_bn', 'Functional'],
] as const;

describe.runIf(hasGolden())('modelFromConfig rebuilds the golden models from the configs Keras wrote', () => {
  for (const [name, className] of models) {
    it(`${name} (${className})`, async () => {
      clearSession();
      const meta = readGoldenJson(name, 'meta.json');
      const model = modelFromConfig({ class_name: className, config: meta.model_config }, { layers: builtInLayers() });
      expect(model.weights.map((w) => w.shape)).toEqual(meta.weights.map((w: { shape: number[] }) => w.shape));
      model.setWeights([...readGoldenNpz(name, 'weights.npz').values()].map(npyToTensor));
      const predicted = (await model.predict(npyToTensor(readGoldenNpy(name, 'input.npy')))) as tf.Tensor;
      // A whole model in float32: 1e-4 relative.
      expectAllClose(predicted, npyToTensor(readGoldenNpy(name, 'predict.npy')), { rtol: 1e-4, atol: 1e-5 });
      // The config it writes back is the one it read.
      expect(JSON.parse(JSON.stringify(model.getConfig()))).toEqual(meta.model_config);
      model.dispose();
    });
  }

  it('refuses a Lambda layer and names an unknown class', () => {
    const lambda = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Lambda', config: { name: 'l', function: 'x' } }] } };
    expect(() => modelFromConfig(lambda, { layers: builtInLayers() })).toThrow(/Refusing to load a Lambda layer \("l"\)/);
    const unknown = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'FancyLayer', config: { name: 'f' } }] } };
    expect(() => modelFromConfig(unknown, { layers: builtInLayers() })).toThrow(/Unknown layer class 'FancyLayer'.*customObjects/);
  });

  it('reads a Keras 2 style config: batch_input_shape and list inbound nodes', () => {
    clearSession();
    const keras2 = {
      class_name: 'Model',
      config: {
        name: 'model',
        layers: [
          { class_name: 'InputLayer', name: 'input_1', config: { batch_input_shape: [null, 4], dtype: 'float32', name: 'input_1' }, inbound_nodes: [] },
          { class_name: 'Dense', name: 'dense_1', config: { name: 'dense_1', units: 2, activation: 'relu', dtype: 'float32' }, inbound_nodes: [[['input_1', 0, 0, {}]]] },
        ],
        input_layers: [['input_1', 0, 0]],
        output_layers: [['dense_1', 0, 0]],
      },
    };
    const model = modelFromConfig(keras2, { layers: builtInLayers() });
    expect(model.outputs[0].shape).toEqual([null, 2]);
    expect(model.countParams()).toBe(10);
  });
});
