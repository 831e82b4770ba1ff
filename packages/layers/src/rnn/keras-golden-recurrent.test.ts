/**
 * Parity with real Keras 3.15.1 on the golden Embedding → LSTM → LSTM → Dense
 * model (e2_embedding_lstm in the golden files, STRATA_GOLDEN_DIR): each layer is rebuilt from
 * Keras's config, given Keras's weights and the previous layer's Keras output,
 * and must reproduce Keras's output, config and weight paths.
 */
import { useBackend } from '@strata/backend';
import { expectAllClose, hasGolden, npyToTensor, readGoldenJson, readGoldenNpy, readGoldenNpz } from '@strata/testing';
import type * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense } from '../core/dense';
import { Embedding } from '../core/embedding';
import type { Layer } from '../engine/layer';
import { withNameScope } from '../engine/scope';
import { LSTM } from './lstm';

const MODEL = 'e2_embedding_lstm';

const fromConfigByClass: Record<string, (config: Record<string, unknown>) => Layer> = {
  Embedding: Embedding.fromConfig,
  LSTM: LSTM.fromConfig,
  Dense: Dense.fromConfig,
};

interface LayerEntry {
  class_name: string;
  config: Record<string, unknown>;
}

beforeAll(async () => {
  await useBackend('cpu');
});

describe.skipIf(!hasGolden())('Keras golden e2_embedding_lstm', () => {
  it('reproduces every layer, config and weight path of Keras', () => {
    const meta = readGoldenJson(MODEL, 'meta.json');
    const modelName = meta.model_config.name as string;
    const layers = meta.model_config.layers as LayerEntry[];
    const weightPaths = (meta.weights as Array<{ path: string }>).map((w) => w.path);
    const weightArrays = [...readGoldenNpz(MODEL, 'weights.npz').values()];
    const outputs = readGoldenNpz(MODEL, 'layer_outputs.npz');
    const outputKeys = [...outputs.keys()];
    const input = npyToTensor(readGoldenNpy(MODEL, 'input.npy'));
    expect(input.dtype).toBe('int32');
    let previous = input;
    let chained = input;
    let checked = 0;
    for (const entry of layers) {
      if (entry.class_name === 'InputLayer') continue;
      const name = entry.config.name as string;
      const layer = fromConfigByClass[entry.class_name](entry.config);
      expect(layer.getConfig(), `config of ${name}`).toEqual(entry.config);
      // Built inside the model's name scope, as Sequential builds its layers.
      withNameScope(modelName, () => layer.apply(previous));
      const own = weightPaths.map((path, i) => ({ path, i })).filter(({ path }) => path.split('/')[1] === name);
      expect(layer.weights.map((w) => w.path), `weight paths of ${name}`).toEqual(own.map(({ path }) => path));
      layer.setWeights(own.map(({ i }) => npyToTensor(weightArrays[i])));
      const outputKey = outputKeys.find((key) => key.replace(/^\d+__/, '') === name);
      expect(outputKey, `layer output of ${name}`).toBeDefined();
      const expected = npyToTensor(outputs.get(outputKey as string)!);
      const actual = layer.apply(previous, { training: false }) as tf.Tensor;
      expect(actual.shape, `output shape of ${name}`).toEqual(expected.shape);
      // float32 against Keras's torch float32 over 12 steps: 1e-5 relative with a 1e-6 floor.
      expectAllClose(actual, expected, { rtol: 1e-5, atol: 1e-6 });
      previous = expected;
      chained = layer.apply(chained, { training: false }) as tf.Tensor;
      checked++;
    }
    expect(checked).toBe(outputKeys.length);
    expectAllClose(chained, npyToTensor(readGoldenNpy(MODEL, 'predict.npy')), { rtol: 1e-5, atol: 1e-6 });
  });
});
