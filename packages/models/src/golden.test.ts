import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { Dense, Flatten, Input, type Layer, Softmax, clearSession } from '@strata/layers';
import { expectAllClose, goldenPath, hasGolden, npyToTensor, readGoldenJson, readGoldenNpy, readGoldenNpz } from '@strata/testing';
import type * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Model } from './model';
import { Sequential } from './sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

/** The golden models made of core layers, built in code the way their Keras generator built them. */
const builders: Record<string, () => Model> = {
  a_mlp_tutorial: () =>
    new Sequential([new Flatten({ inputShape: [28, 28] }), new Dense(128, { activation: 'relu' }), new Dense(10)]),
  b_mlp_784: () =>
    new Sequential([
      new Dense(512, { activation: 'relu', inputShape: [784] }),
      new Dense(512, { activation: 'relu' }),
      new Dense(10, { activation: 'softmax' }),
    ]),
  d_functional: () => {
    const inputs = Input({ shape: [28, 28, 1] });
    const flat = new Flatten().apply(inputs);
    const hidden = new Dense(100, { activation: 'relu' }).apply(flat);
    const logits = new Dense(10).apply(hidden);
    return new Model({ inputs, outputs: new Softmax().apply(logits) });
  },
};

function loadGoldenWeights(model: Model, name: string): void {
  const arrays = [...readGoldenNpz(name, 'weights.npz').values()];
  const meta = readGoldenJson(name, 'meta.json');
  // The weight paths Keras wrote are the ones Strata gives (sequential/dense/kernel, dense/kernel...).
  expect(model.weights.map((w) => w.path)).toEqual(meta.weights.map((w: { path: string }) => w.path));
  model.setWeights(arrays.map(npyToTensor));
}

describe.runIf(hasGolden())('parity with Keras on the golden core-layer models', () => {
  for (const [name, build] of Object.entries(builders)) {
    it(`${name}: predictions, every layer's output and every layer's config match Keras`, async () => {
      clearSession();
      const model = build();
      loadGoldenWeights(model, name);
      const input = npyToTensor(readGoldenNpy(name, 'input.npy'));
      // float32 end to end: 1e-5 relative for a layer, 1e-4 for a whole model (Keras on torch CPU vs tfjs cpu).
      const predicted = (await model.predict(input)) as tf.Tensor;
      expectAllClose(predicted, npyToTensor(readGoldenNpy(name, 'predict.npy')), { rtol: 1e-4, atol: 1e-6 });

      const layerOutputs = [...readGoldenNpz(name, 'layer_outputs.npz').entries()];
      const layers = model.layers.filter((l) => l.className !== 'InputLayer');
      expect(layerOutputs.map(([key]) => key.slice(4))).toEqual(layers.map((l) => l.name));
      let activation: tf.Tensor = input;
      layers.forEach((layer: Layer, i) => {
        activation = layer.apply(activation) as tf.Tensor;
        expectAllClose(activation, npyToTensor(layerOutputs[i][1]), { rtol: 1e-5, atol: 1e-6 });
      });

      const meta = readGoldenJson(name, 'meta.json');
      const kerasLayers = meta.model_config.layers.filter((l: { class_name: string }) => l.class_name !== 'InputLayer');
      expect(kerasLayers.map((l: { config: unknown }) => l.config)).toEqual(layers.map((l) => l.getConfig()));
      model.dispose();
    });
  }

  it('the Sequential and Functional model configs match Keras key for key', () => {
    clearSession();
    const sequential = builders.a_mlp_tutorial();
    expect(sequential.getConfig()).toEqual(readGoldenJson('a_mlp_tutorial', 'meta.json').model_config);
    clearSession();
    const functional = builders.d_functional();
    const { layers, ...rest } = functional.getConfig() as { layers: unknown[] };
    const golden = readGoldenJson('d_functional', 'meta.json').model_config;
    const { layers: goldenLayers, ...goldenRest } = golden;
    expect(rest).toEqual(goldenRest);
    expect(layers).toEqual(goldenLayers);
  });

  it('summary() prints Keras\'s table, numbers and all', () => {
    for (const name of ['a_mlp_tutorial', 'b_mlp_784', 'd_functional']) {
      clearSession();
      const text = builders[name]().summary({ returnString: true });
      const golden = readFileSync(goldenPath(name, 'summary.txt'), 'utf8');
      expect(text).toBe(golden.trimEnd());
    }
  });
});
