import { useBackend } from '@strata/backend';
import { EarlyStopping, LambdaCallback, ReduceLROnPlateau } from '@strata/callbacks';
import { fromTensorSlices } from '@strata/datasets';
import { Dense, clearSession, setRandomSeed } from '@strata/layers';
import { SGD } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

function regression(): [tf.Tensor2D, tf.Tensor2D] {
  return tf.tidy(() => {
    const x = tf.randomNormal([64, 3], 0, 1, 'float32', 11) as tf.Tensor2D;
    const y = tf.matMul(x, tf.tensor2d([[1], [-2], [0.5]])) as tf.Tensor2D;
    return [x, y];
  });
}

function linearModel(learningRate: number): Sequential {
  clearSession();
  setRandomSeed(3);
  const model = new Sequential([new Dense(1, { inputShape: [3] })]);
  model.compile({ optimizer: new SGD({ learningRate }), loss: 'mse' });
  return model;
}

describe('fit with Datasets and callbacks on a real model', () => {
  it('trains from a streaming Dataset of [x, y] batches, evaluates and predicts from one, and leaks nothing', async () => {
    const [x, y] = regression();
    const model = linearModel(0.1);
    const before = tf.memory().numTensors;
    const history = await model.fit(fromTensorSlices([x, y]).batch(16), { epochs: 5, verbose: 0 });
    expect(history.history.loss[4]).toBeLessThan(history.history.loss[0] / 4);
    const loss = (await model.evaluate(fromTensorSlices([x, y]).batch(16), { verbose: 0 })) as number;
    expect(loss).toBeLessThan(history.history.loss[0]);
    const predictions = (await model.predict(fromTensorSlices(x).batch(10))) as tf.Tensor;
    expect(predictions.shape).toEqual([64, 1]);
    predictions.dispose();
    // SGD without momentum has no slots; nothing else may stay alive.
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
  });

  it('EarlyStopping stops when val_loss stops improving and restores the best weights', async () => {
    const [x, y] = regression();
    // A learning rate this large makes SGD diverge after a few epochs: the best epoch is an early one.
    const model = linearModel(0.9);
    const weightsAtEpoch: number[][] = [];
    const recorder = new EarlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true });
    const history = await model.fit(x, y, {
      epochs: 30,
      batchSize: 64,
      verbose: 0,
      validationData: [x, y],
      shuffle: false,
      callbacks: [
        recorder,
        new LambdaCallback({ onEpochEnd: () => void weightsAtEpoch.push(Array.from(model.getWeights()[0].dataSync())) }),
      ],
    });
    const losses = history.history.val_loss;
    const best = losses.indexOf(Math.min(...losses));
    expect(losses.length).toBe(best + 3); // patience 2: two epochs without improvement after the best
    expect(Array.from(model.getWeights()[0].dataSync())).toEqual(weightsAtEpoch[best]);
    tf.dispose([x, y]);
  });

  it('ReduceLROnPlateau lowers the optimizer learning rate when the loss plateaus', async () => {
    const [x] = regression();
    const model = linearModel(0.01);
    const noise = tf.randomNormal([64, 1], 0, 1, 'float32', 5);
    const history = await model.fit(x, noise, {
      epochs: 6,
      batchSize: 64,
      verbose: 0,
      callbacks: [new ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 0, minDelta: 10 })],
    });
    expect(history.history.loss.length).toBe(6);
    // The first epoch sets the best value; each of the five after it fails to improve by minDelta.
    expect(model.optimizer!.learningRate).toBeCloseTo(0.01 * 0.5 ** 5, 8);
    tf.dispose([x, noise]);
  });
});
