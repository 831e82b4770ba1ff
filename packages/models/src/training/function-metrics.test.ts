import { useBackend } from '@strata/backend';
import { Callback } from '@strata/callbacks';
import { Dense, clearSession, setRandomSeed } from '@strata/layers';
import { meanSquaredError, sparseCategoricalCrossentropy } from '@strata/losses';
import { SparseCategoricalAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from '@strata/metrics';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

class LogKeys extends Callback {
  readonly batchKeys: string[][] = [];
  override onTrainBatchEnd(_batch: number, logs: Record<string, number> = {}): void {
    this.batchKeys.push(Object.keys(logs));
  }
}

function model(): Sequential {
  clearSession();
  setRandomSeed(7);
  return new Sequential([new Dense(3, { activation: 'softmax', inputShape: [4] })]);
}

/** Keras 3.15 logs `['loss', 'sparse_categorical_accuracy']` for `metrics=[keras.metrics.sparse_categorical_accuracy]`. */
describe('a metric or loss given as a function', () => {
  it("is logged under Keras's name in History, the batch logs and evaluate's dict", async () => {
    const x = tf.tensor2d([0.1, 0.9, 0.3, 0.2, 0.8, 0.1, 0.5, 0.4, 0.3, 0.3, 0.7, 0.6, 0.2, 0.6, 0.1, 0.9], [4, 4]);
    const y = tf.tensor1d([0, 1, 2, 1]);
    const net = model();
    net.compile({ optimizer: 'sgd', loss: sparseCategoricalCrossentropy, metrics: [sparseCategoricalAccuracy] });
    const keys = new LogKeys();
    const history = await net.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0, callbacks: [keys] });
    expect(Object.keys(history.history)).toEqual(['loss', 'sparse_categorical_accuracy']);
    expect(keys.batchKeys[0]).toEqual(['loss', 'sparse_categorical_accuracy']);
    const dict = (await net.evaluate(x, y, { verbose: 0, returnDict: true })) as Record<string, number>;
    expect(Object.keys(dict)).toEqual(['loss', 'sparse_categorical_accuracy']);
    // The function resolves to the metric its Keras name gives, so it computes that metric's value.
    const predictions = (await net.predict(x)) as tf.Tensor;
    const reference = new SparseCategoricalAccuracy();
    reference.updateState(y, predictions);
    expect(dict.sparse_categorical_accuracy).toBeCloseTo((await reference.result().data())[0], 6);
    reference.dispose();
    tf.dispose([x, y, predictions]);
    net.dispose();
  });

  it("is saved under Keras's name in the compile config", () => {
    const net = model();
    net.compile({ optimizer: 'sgd', loss: meanSquaredError, metrics: [categoricalAccuracy, meanSquaredError] });
    const config = net.compiled!.compileConfig;
    expect(config.metrics).toEqual(['categorical_accuracy', 'mean_squared_error']);
    expect((config.loss as { class_name: string; config: { name: string } }).class_name).toBe('MeanSquaredError');
    expect((config.loss as { config: { name: string } }).config.name).toBe('mean_squared_error');
    net.dispose();
  });

  it("keeps a user's own function under the name the user gave it", async () => {
    const meanPrediction = (_yTrue: tf.Tensor, yPred: tf.Tensor) => tf.mean(yPred, -1);
    const x = tf.ones([2, 4]);
    const y = tf.tensor1d([0, 1]);
    const net = model();
    net.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy', metrics: [meanPrediction] });
    expect(net.compiled!.compileConfig.metrics).toEqual(['meanPrediction']);
    const history = await net.fit(x, y, { epochs: 1, verbose: 0 });
    expect(Object.keys(history.history)).toEqual(['loss', 'meanPrediction']);
    // Softmax rows sum to 1, so the mean over three classes is a third.
    expect(history.history.meanPrediction[0]).toBeCloseTo(1 / 3, 6);
    tf.dispose([x, y]);
    net.dispose();
  });
});
