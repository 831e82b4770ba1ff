import { useBackend } from '@strata/backend';
import { Dense, Flatten, clearSession } from '@strata/layers';
import { Sequential } from '@strata/models';
import { expectAllClose, readGoldenJson } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKerasArchive, writeKerasArchive } from '../keras-archive';
import { readLegacyH5, writeLegacyH5, writeLegacyWeightsH5 } from '../legacy-h5';
import { goldenAvailable, readGoldenBytes } from '../test-support/golden-files';
import type { NamedWeight } from '../types';
import { loadModel, loadWeights } from './load';
import { collectWarnings, disposeLoaded, goldenPrediction, predictGolden } from '../test-support/loaded-models';

beforeAll(async () => {
  await useBackend('cpu');
});

type Json = Record<string, unknown>;

/**
 * A Keras 3 config rewritten as tf.keras 2.x wrote it: no module or
 * registered_name, dtype as a plain string, `batch_input_shape`, and
 * inbound nodes as `[[[layer, node, tensor, kwargs]]]`.
 */
function toKeras2Dialect(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toKeras2Dialect);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Json;
  if (object.class_name === 'DTypePolicy') return (object.config as Json).name;
  const result: Json = {};
  for (const [key, inner] of Object.entries(object)) {
    if (key === 'module' || key === 'registered_name' || key === 'build_config' || key === 'quantization_config') continue;
    if (key === 'batch_shape') result.batch_input_shape = inner;
    else if (key === 'inbound_nodes') {
      result.inbound_nodes = (inner as Json[]).map((node) => ((node.args as Json[]) ?? []).map((tensor) => [...((tensor.config as Json).keras_history as unknown[]), {}]));
    } else result[key] = toKeras2Dialect(inner);
  }
  return result;
}

/** tf.keras 2.15's training_config for model (a): 'Custom>Adam' with its legacy keys, a Keras 2 loss and metric. */
const KERAS2_TRAINING_CONFIG = {
  loss: { class_name: 'SparseCategoricalCrossentropy', config: { reduction: 'auto', name: 'sparse_categorical_crossentropy', from_logits: true, ignore_class: null } },
  metrics: [[{ class_name: 'MeanMetricWrapper', config: { name: 'accuracy', dtype: 'float32', fn: 'sparse_categorical_accuracy' } }]],
  weighted_metrics: null,
  loss_weights: null,
  optimizer_config: {
    class_name: 'Custom>Adam',
    config: { name: 'Adam', weight_decay: null, clipnorm: null, global_clipnorm: null, clipvalue: null, use_ema: false, ema_momentum: 0.99, ema_overwrite_frequency: null, jit_compile: true, is_legacy_optimizer: false, learning_rate: 0.0005, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false },
  },
};

/** A golden model's legacy file rewritten as Keras 2 wrote it: weight names `dense_1/kernel:0`, Keras 2 configs. */
async function keras2File(name: string, trainingConfig: unknown): Promise<Uint8Array> {
  const golden = await readLegacyH5(readGoldenBytes(name, 'model.h5'));
  const layers = new Map<string, NamedWeight[]>();
  for (const [layer, weights] of golden.layers) {
    layers.set(layer, weights.map((weight) => ({ name: `${layer}/${weight.name.split('/').at(-1)}:0`, array: weight.array })));
  }
  // tf.keras 2.11+ kept iteration but not the learning rate among the optimizer's variables: one fewer than Keras 3.
  const optimizerWeights: NamedWeight[] = [{ name: 'iteration:0', array: { shape: [], dtype: 'int64', data: new BigInt64Array([5n]) } }];
  for (const weight of [...layers.values()].flat()) {
    for (const slot of ['m', 'v']) {
      optimizerWeights.push({ name: `Adam/${slot}/${weight.name}`, array: { ...weight.array, data: new Float32Array(weight.array.data.length) } });
    }
  }
  return writeLegacyH5({
    kerasVersion: '2.15.0',
    backend: 'tensorflow',
    modelConfig: toKeras2Dialect(golden.modelConfig),
    trainingConfig,
    layerNames: golden.layerNames,
    layers,
    topLevelWeights: null,
    optimizerWeights,
  });
}

describe.skipIf(!goldenAvailable)('Keras files from the wild load', () => {
  for (const name of ['a_mlp_tutorial', 'c_cnn', 'd_functional', 'e1_cnn_bn']) {
    it(`${name} as tf.keras 2.15 saved it (batch_input_shape, dtype strings, Keras 2 nodes, dense/kernel:0, Custom>Adam)`, async () => {
      clearSession();
      const { warn, messages } = collectWarnings();
      const model = await loadModel(await keras2File(name, KERAS2_TRAINING_CONFIG), { warn });
      const [predicted, expected] = [await predictGolden(model, name), goldenPrediction(name)];
      expectAllClose(predicted, expected, { rtol: 1e-5, atol: 1e-6 });
      expect(model.optimizer?.className).toBe('Adam');
      expect(model.optimizer?.learningRate).toBeCloseTo(0.0005, 9);
      expect(model.compiled?.metricIdentifiers).toEqual([['accuracy']]);
      // The Keras 2 optimizer state has another layout: skipped with Keras's warning, the model still compiled.
      expect(messages.some((message) => message.includes('Skipping variable loading for optimizer'))).toBe(true);
      tf.dispose([predicted, expected]);
      disposeLoaded(model);
    });
  }

  it('a Keras 2 save_weights .h5 loads in layer order, by name, and with skipMismatch', async () => {
    const golden = await readLegacyH5(readGoldenBytes('a_mlp_tutorial', 'model.h5'));
    const layers = new Map<string, NamedWeight[]>();
    for (const [layer, weights] of golden.layers) layers.set(layer, weights.map((weight) => ({ name: `${layer}/${weight.name.split('/').at(-1)}:0`, array: weight.array })));
    const bytes = await writeLegacyWeightsH5({ kerasVersion: '2.15.0', layers, topLevelWeights: null });
    const build = (names: [string, string]) => {
      clearSession();
      return new Sequential([new Flatten({ inputShape: [28, 28] }), new Dense(128, { activation: 'relu', name: names[0] }), new Dense(10, { name: names[1] })]);
    };
    const byOrder = build(['hidden', 'logits']);
    await loadWeights(byOrder, bytes);
    const byName = build(['dense', 'dense_1']);
    await loadWeights(byName, bytes, { byName: true });
    for (const model of [byOrder, byName]) {
      const [predicted, expected] = [await predictGolden(model, 'a_mlp_tutorial'), goldenPrediction('a_mlp_tutorial')];
      expectAllClose(predicted, expected, { rtol: 1e-5, atol: 1e-6 });
      tf.dispose([predicted, expected]);
      model.dispose();
    }
    // A model with 12 classes: refused with the layer, the weight and both shapes; skipMismatch loads the rest.
    clearSession();
    const wider = new Sequential([new Flatten({ inputShape: [28, 28] }), new Dense(128, { activation: 'relu' }), new Dense(12)]);
    await expect(loadWeights(wider, bytes)).rejects.toThrow(/layer 'dense_1' for weight sequential\/dense_1\/kernel: the model's weight has shape \(128, 12\), the saved weight .* has shape \(128, 10\)/);
    const { warn, messages } = collectWarnings();
    const before = wider.getWeights();
    await loadWeights(wider, bytes, { byName: true, skipMismatch: true, warn });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Skipping loading weights for layer 'dense_1' due to mismatch/);
    const after = wider.getWeights();
    expectAllClose(after[2], before[2], { rtol: 0, atol: 0 });
    expect(Array.from(after[1].dataSync())).toEqual(Array.from(golden.layers.get('dense')![1].array.data as Float32Array));
    tf.dispose([...before, ...after]);
    wider.dispose();
  });

  it('a .keras saved on Windows (groups named layers\\dense) loads', async () => {
    const archive = await readKerasArchive(readGoldenBytes('a_mlp_tutorial', 'model.keras'));
    const weights = new Map([...archive.weights].map(([key, array]) => [key.replace(/^layers\//, 'layers\\'), array]));
    const groups = archive.groups.map((group) => ({ ...group, path: group.path.replace(/^layers\//, 'layers\\') }));
    clearSession();
    const model = await loadModel(await writeKerasArchive({ ...archive, weights, groups }), { warn: () => {} });
    const [predicted, expected] = [await predictGolden(model, 'a_mlp_tutorial'), goldenPrediction('a_mlp_tutorial')];
    expectAllClose(predicted, expected, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([predicted, expected]);
    disposeLoaded(model);
  });

  it("meta.json's Keras 3 config with Keras 2's batch_input_shape in a .keras archive loads", async () => {
    const archive = await readKerasArchive(readGoldenBytes('b_mlp_784', 'model.keras'));
    const config = structuredClone(archive.config) as Json;
    const input = ((config.config as Json).layers as Json[])[0].config as Json;
    input.batch_input_shape = input.batch_shape;
    delete input.batch_shape;
    expect(readGoldenJson('b_mlp_784', 'meta.json').model_config.layers[0].class_name).toBe('InputLayer');
    clearSession();
    const model = await loadModel(await writeKerasArchive({ ...archive, config }), { warn: () => {} });
    const [predicted, expected] = [await predictGolden(model, 'b_mlp_784'), goldenPrediction('b_mlp_784')];
    expectAllClose(predicted, expected, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([predicted, expected]);
    disposeLoaded(model);
  });
});
