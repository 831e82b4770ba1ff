/**
 * Parity with real Keras 3.15.1 on the golden CNNs (the golden files, STRATA_GOLDEN_DIR):
 * each layer is rebuilt from Keras's config, given Keras's weights and the
 * previous layer's Keras output, and must reproduce Keras's output and config.
 */
import { useBackend } from '@strata/backend';
import { expectAllClose, hasGolden, npyToTensor, readGoldenJson, readGoldenNpy, readGoldenNpz } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReLU } from '../activation-layers/relu';
import { Activation } from '../core/activation';
import { Dense } from '../core/dense';
import { Dropout } from '../core/dropout';
import { Flatten } from '../core/flatten';
import type { Layer } from '../engine/layer';
import { BatchNormalization } from '../normalization/batch-normalization';
import { AveragePooling2D } from '../pooling/average-pooling2d';
import { GlobalAveragePooling2D } from '../pooling/global-average-pooling2d';
import { MaxPooling2D } from '../pooling/max-pooling2d';
import { Conv2D } from './conv2d';

const fromConfigByClass: Record<string, (config: Record<string, unknown>) => Layer> = {
  Conv2D: Conv2D.fromConfig,
  MaxPooling2D: MaxPooling2D.fromConfig,
  AveragePooling2D: AveragePooling2D.fromConfig,
  GlobalAveragePooling2D: GlobalAveragePooling2D.fromConfig,
  BatchNormalization: BatchNormalization.fromConfig,
  ReLU: ReLU.fromConfig,
  Activation: Activation.fromConfig,
  Dropout: Dropout.fromConfig,
  Flatten: Flatten.fromConfig,
  Dense: Dense.fromConfig,
};

interface LayerEntry {
  class_name: string;
  config: Record<string, unknown>;
}

beforeAll(async () => {
  await useBackend('cpu');
});

function checkModel(model: string): void {
  const meta = readGoldenJson(model, 'meta.json');
  const layers = (meta.model_config.config ?? meta.model_config).layers as LayerEntry[];
  const weightsByKey = readGoldenNpz(model, 'weights.npz');
  const weightPaths = (meta.weights as Array<{ path: string }>).map((w) => w.path);
  const weightArrays = [...weightsByKey.values()];
  const outputs = readGoldenNpz(model, 'layer_outputs.npz');
  const outputKeys = [...outputs.keys()];
  const input = npyToTensor(readGoldenNpy(model, 'input.npy'));
  let previous = input;
  let chained = input;
  let checked = 0;
  for (const entry of layers) {
    if (entry.class_name === 'InputLayer') continue;
    const name = entry.config.name as string;
    const layer = fromConfigByClass[entry.class_name](entry.config);
    // Every Keras config key, and nothing else, with Keras's values.
    expect(layer.getConfig(), `config of ${name}`).toEqual(entry.config);
    layer.apply(previous);
    const own = weightArrays.filter((_, i) => weightPaths[i].split('/').at(-2) === name).map(npyToTensor);
    layer.setWeights(own);
    const outputKey = outputKeys.find((key) => key.replace(/^\d+__/, '') === name);
    expect(outputKey, `layer output of ${name}`).toBeDefined();
    const expected = npyToTensor(outputs.get(outputKey as string)!);
    const actual = layer.apply(previous, { training: false }) as tf.Tensor;
    expect(actual.shape, `output shape of ${name}`).toEqual(expected.shape);
    // float32 against Keras's torch float32: sums of up to 600 products differ only by summation order,
    // so 1e-5 relative with a 1e-6 floor for outputs near zero.
    expectAllClose(actual, expected, { rtol: 1e-5, atol: 1e-6 });
    previous = expected;
    chained = layer.apply(chained, { training: false }) as tf.Tensor;
    checked++;
  }
  expect(checked).toBe(outputKeys.length);
  // The whole chain on our own outputs: Keras's predict.npy, with the same tolerances.
  expectAllClose(chained, npyToTensor(readGoldenNpy(model, 'predict.npy')), { rtol: 1e-5, atol: 1e-6 });
}

describe.skipIf(!hasGolden())('golden Keras CNNs, layer by layer', () => {
  it('c_cnn: Conv2D(relu) and MaxPooling2D', () => checkModel('c_cnn'));
  it('e1_cnn_bn: strided same Conv2D, BatchNormalization, ReLU, AveragePooling2D, GlobalAveragePooling2D', () =>
    checkModel('e1_cnn_bn'));

  it('parameter counts are those of Keras\'s summary', () => {
    const layer = new Conv2D(16, 3, { strides: 2, padding: 'same', useBias: false });
    layer.apply(tf.zeros([1, 32, 32, 3]));
    const norm = new BatchNormalization();
    norm.apply(tf.zeros([1, 16, 16, 16]));
    expect([layer.countParams(), norm.countParams(), norm.nonTrainableWeights.length]).toEqual([432, 64, 2]);
  });
});
