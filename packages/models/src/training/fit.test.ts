import { useBackend } from '@strata/backend';
import { type Callback, TerminateOnNaN } from '@strata/callbacks';
import { Dense, clearSession, setRandomSeed } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Two Gaussian blobs per class in 4 dimensions: learnable to near 100% accuracy. */
function blobs(count: number, seed: number): [tf.Tensor2D, tf.Tensor1D] {
  return tf.tidy(() => {
    const labels = tf.cast(tf.floor(tf.randomUniform([count], 0, 3, 'float32', seed)), 'int32') as tf.Tensor1D;
    const centers = tf.tensor2d([
      [2, 0, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 2, 0],
    ]);
    const x = tf.add(tf.gather(centers, labels), tf.randomNormal([count, 4], 0, 0.3, 'float32', seed + 1)) as tf.Tensor2D;
    return [x, labels];
  });
}

function classifier(): Sequential {
  clearSession();
  setRandomSeed(42);
  return new Sequential([new Dense(16, { activation: 'relu', inputShape: [4] }), new Dense(3)]);
}

describe('fit / evaluate / predict', () => {
  it('learns a separable problem, with Keras History keys as the user spelled the metrics', async () => {
    const [x, y] = blobs(256, 1);
    const model = classifier();
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['acc'] });
    const history = await model.fit(x, y, { epochs: 0, verbose: 0 });
    expect(history.epoch).toEqual([]);
    model.compile({
      optimizer: 'adam',
      loss: new (await import('@strata/losses')).SparseCategoricalCrossentropy({ fromLogits: true }),
      metrics: ['acc'],
    });
    const trained = await model.fit(x, y, { epochs: 20, batchSize: 16, verbose: 0, validationSplit: 0.25, seed: 3 });
    expect(Object.keys(trained.history).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
    expect(trained.epoch).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(trained.history.loss[19]).toBeLessThan(trained.history.loss[0]);
    expect(trained.history.val_acc[19]).toBeGreaterThan(0.9);
    const [loss, accuracy] = await model.evaluate(x, y, { verbose: 0 });
    expect(accuracy).toBeGreaterThan(0.9);
    expect(loss).toBeGreaterThan(0);
    const dict = (await model.evaluate(x, y, { verbose: 0, returnDict: true })) as Record<string, number>;
    expect(dict.acc).toBeCloseTo(accuracy, 6);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('leaves no tensor behind: fit adds only the optimizer slots and metric state; evaluate and predict add nothing', async () => {
    const [x, y] = blobs(64, 2);
    const model = classifier();
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    // The optimizer's iteration and learning_rate variables exist since compile(); fit creates the slots.
    const slots = model.optimizer!.variables().filter((v) => !/\/(iteration|learning_rate)$/.test(v.path)).length;
    expect(slots).toBe(8); // Adam's momentum and velocity for 4 weights
    const metricState = 2; // the accuracy metric's total and count variables
    const afterFit = tf.memory().numTensors;
    expect(afterFit - before).toBe(slots + metricState);
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(tf.memory().numTensors).toBe(afterFit);
    await model.evaluate(x, y, { verbose: 0 });
    expect(tf.memory().numTensors).toBe(afterFit);
    const predictions = (await model.predict(x, { batchSize: 10 })) as tf.Tensor;
    expect(predictions.shape).toEqual([64, 3]);
    predictions.dispose();
    expect(tf.memory().numTensors).toBe(afterFit);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('calls every callback hook in Keras order', async () => {
    const [x, y] = blobs(20, 3);
    const model = classifier();
    model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    const calls: string[] = [];
    const spy = {
      setModel() {},
      setParams() {},
      onTrainBegin: () => calls.push('train_begin'),
      onEpochBegin: (e: number) => calls.push(`epoch_begin ${e}`),
      onTrainBatchBegin: (b: number) => calls.push(`batch_begin ${b}`),
      onTrainBatchEnd: (b: number, logs: Record<string, number>) => calls.push(`batch_end ${b} ${logs.loss > 0}`),
      onEpochEnd: (e: number, logs: Record<string, number>) => calls.push(`epoch_end ${e} ${Object.keys(logs).join(',')}`),
      onTrainEnd: () => calls.push('train_end'),
    } as unknown as Callback;
    await model.fit(x, y, { epochs: 1, batchSize: 10, verbose: 0, callbacks: [spy] });
    expect(calls).toEqual([
      'train_begin',
      'epoch_begin 0',
      'batch_begin 0',
      'batch_end 0 true',
      'batch_begin 1',
      'batch_end 1 true',
      'epoch_end 0 loss',
      'train_end',
    ]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('refuses labels of the wrong length, naming both sizes', async () => {
    const model = classifier();
    model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    await expect(model.fit(tf.zeros([10, 4]), tf.zeros([9]), { verbose: 0 })).rejects.toThrow(
      /Data cardinality is ambiguous[\s\S]*'x' sizes: 10[\s\S]*'y' sizes: 9/,
    );
  });

  it('refuses a loss that does not fit the output shape', async () => {
    const model = classifier();
    model.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy' });
    await expect(model.fit(tf.zeros([4, 4]), tf.zeros([4, 5]), { verbose: 0 })).rejects.toThrow(/shape/);
  });

  it('stops on a NaN loss with TerminateOnNaN', async () => {
    const model = classifier();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.fill([8, 4], Number.NaN);
    const history = await model.fit(x, tf.zeros([8, 3]), { epochs: 5, batchSize: 4, verbose: 0, callbacks: [new TerminateOnNaN()] });
    expect(history.epoch.length).toBeLessThanOrEqual(1);
    expect(model.stopTraining).toBe(true);
  });

  it('asks for compile() before fit', async () => {
    await expect(classifier().fit(tf.zeros([2, 4]), tf.zeros([2]), { verbose: 0 })).rejects.toThrow(/compile\(\)/);
  });
});
