import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaCallback, LearningRateScheduler, ModelCheckpoint } from '@strata/callbacks';
import { loadModel, loadWeights } from '@strata/io-h5';
import { Dense, clearSession, setRandomSeed } from '@strata/layers';
import { SGD } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useBackend } from './index';
import { Sequential } from './models';

/*
 * ModelCheckpoint on a real Strata model trained by `fit`, writing real Keras
 * files through io-h5, read back by io-h5's loadModel and loadWeights.
 */
let directory: string;
beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'strata-keras-checkpoint-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function data(): { x: tf.Tensor2D; y: tf.Tensor2D; probe: tf.Tensor2D } {
  return tf.tidy(() => {
    const x = tf.randomNormal([32, 3], 0, 1, 'float32', 4) as tf.Tensor2D;
    const y = tf.add(tf.matMul(x, tf.tensor2d([[1], [-2], [0.5]])), 0.3) as tf.Tensor2D;
    const probe = tf.randomNormal([5, 3], 0, 1, 'float32', 8) as tf.Tensor2D;
    return { x, y, probe };
  });
}

function network(): Sequential {
  clearSession();
  setRandomSeed(2);
  const model = new Sequential([new Dense(4, { activation: 'tanh', inputShape: [3] }), new Dense(1)]);
  model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: 'mse' });
  return model;
}

async function predictValues(model: { predict(x: tf.Tensor): Promise<tf.Tensor | tf.Tensor[]> }, x: tf.Tensor): Promise<number[]> {
  const output = (await model.predict(x)) as tf.Tensor;
  const values = Array.from(await output.data());
  output.dispose();
  return values;
}

/** Records the model's predictions on `probe` at the end of every epoch. */
function recorder(model: Sequential, probe: tf.Tensor, into: number[][]): LambdaCallback {
  return new LambdaCallback({ onEpochEnd: async () => void into.push(await predictValues(model, probe)) });
}

const pad2 = (epoch: number) => String(epoch).padStart(2, '0');

describe('ModelCheckpoint on a real model', () => {
  it('with saveBestOnly writes a .keras file for each improvement of val_loss only, each one loadable with the same predictions', async () => {
    const { x, y, probe } = data();
    const model = network();
    // The learning rate turns negative on epochs 3 and 6 (1-based): gradient ascent, so val_loss goes up there, then down again.
    const rates = [0.05, 0.05, -0.05, 0.05, 0.05, -0.05, 0.05, 0.05];
    const predictions: number[][] = [];
    const before = tf.memory().numTensors;
    const history = await model.fit(x, y, {
      epochs: rates.length,
      batchSize: 8,
      shuffle: false,
      verbose: 0,
      validationData: [x, y],
      callbacks: [
        new LearningRateScheduler((epoch) => rates[epoch]),
        recorder(model, probe, predictions),
        new ModelCheckpoint(join(directory, 'weights.{epoch:02d}-{val_loss:.2f}.keras'), { saveBestOnly: true }),
      ],
    });
    expect(tf.memory().numTensors).toBe(before);
    const losses = history.history.val_loss;
    // Keras's rule: save when the value beats the best so far (mode 'min' for a loss).
    const improved: number[] = [];
    let best = Number.POSITIVE_INFINITY;
    losses.forEach((loss, epoch) => {
      if (loss < best) {
        best = loss;
        improved.push(epoch);
      }
    });
    expect(losses[2]).toBeGreaterThan(losses[1]);
    expect(losses[5]).toBeGreaterThan(losses[4]);
    // Up at epochs 3 and 6, and better than ever again at 4 and 7 (1-based): those are the files kept.
    expect(improved).toEqual([0, 1, 3, 4, 6, 7]);
    const expected = improved.map((epoch) => `weights.${pad2(epoch + 1)}-${losses[epoch].toFixed(2)}.keras`);
    expect((await readdir(directory)).sort()).toEqual(expected.sort());

    for (const epoch of improved) {
      const loaded = await loadModel(join(directory, `weights.${pad2(epoch + 1)}-${losses[epoch].toFixed(2)}.keras`));
      expect(await predictValues(loaded, probe)).toEqual(predictions[epoch]);
      loaded.dispose();
    }
    model.dispose();
    tf.dispose([x, y, probe]);
  });

  it('with saveWeightsOnly writes .weights.h5 files that loadWeights puts into a fresh model, and one fixed path is overwritten', async () => {
    const { x, y, probe } = data();
    const model = network();
    const predictions: number[][] = [];
    await model.fit(x, y, {
      epochs: 3,
      batchSize: 8,
      verbose: 0,
      validationData: [x, y],
      callbacks: [
        recorder(model, probe, predictions),
        new ModelCheckpoint(join(directory, 'epoch{epoch}.weights.h5'), { saveWeightsOnly: true }),
        new ModelCheckpoint(join(directory, 'last.weights.h5'), { saveWeightsOnly: true, monitor: 'loss' }),
      ],
    });
    expect((await readdir(directory)).sort()).toEqual(['epoch1.weights.h5', 'epoch2.weights.h5', 'epoch3.weights.h5', 'last.weights.h5']);
    for (const [file, epoch] of [
      ['epoch1.weights.h5', 0],
      ['epoch2.weights.h5', 1],
      ['epoch3.weights.h5', 2],
      ['last.weights.h5', 2],
    ] as const) {
      const fresh = network();
      expect(await predictValues(fresh, probe)).not.toEqual(predictions[epoch]);
      await loadWeights(fresh, join(directory, file));
      expect(await predictValues(fresh, probe)).toEqual(predictions[epoch]);
      fresh.dispose();
    }
    model.dispose();
    tf.dispose([x, y, probe]);
  });

  it('with saveFreq in batches saves every N batches across epochs, named by the 1-based epoch and batch', async () => {
    const { x, y, probe } = data();
    const model = network();
    // 32 rows in batches of 8: 4 batches an epoch, 12 in all; a save after global batches 3, 6, 9 and 12.
    const predictionsAfterBatch: Record<string, number[]> = {};
    const batchRecorder = new LambdaCallback({
      onEpochBegin: (epoch) => void (predictionsAfterBatch.epoch = [epoch]),
      onTrainBatchEnd: async (batch) => {
        predictionsAfterBatch[`${predictionsAfterBatch.epoch[0] + 1}-${batch + 1}`] = await predictValues(model, probe);
      },
    });
    await model.fit(x, y, {
      epochs: 3,
      batchSize: 8,
      verbose: 0,
      callbacks: [batchRecorder, new ModelCheckpoint(join(directory, 'ckpt.{epoch:02d}-{batch:03d}.keras'), { saveFreq: 3 })],
    });
    const files = (await readdir(directory)).sort();
    expect(files).toEqual(['ckpt.01-003.keras', 'ckpt.02-002.keras', 'ckpt.03-001.keras', 'ckpt.03-004.keras']);
    for (const file of files) {
      const [, epoch, batch] = /ckpt\.(\d+)-(\d+)\.keras/.exec(file)!;
      const loaded = await loadModel(join(directory, file));
      expect(await predictValues(loaded, probe)).toEqual(predictionsAfterBatch[`${Number(epoch)}-${Number(batch)}`]);
      loaded.dispose();
    }
    model.dispose();
    tf.dispose([x, y, probe]);
  });

  it('writes the legacy .h5 format too, with saveBestOnly on a metric in mode max', async () => {
    const { x, y, probe } = data();
    const model = network();
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: 'mse', metrics: ['mae'] });
    const predictions: number[][] = [];
    const history = await model.fit(x, y, {
      epochs: 4,
      batchSize: 8,
      verbose: 0,
      callbacks: [
        recorder(model, probe, predictions),
        // mae falls as the model learns: in mode 'max' only the first epoch counts as an improvement.
        new ModelCheckpoint(join(directory, 'model-{epoch}.h5'), { monitor: 'mae', mode: 'max', saveBestOnly: true }),
      ],
    });
    const mae = history.history.mae;
    expect(mae[3]).toBeLessThan(mae[0]);
    const expected = mae.flatMap((value, epoch) => (mae.slice(0, epoch).every((earlier) => value > earlier) ? [`model-${epoch + 1}.h5`] : []));
    expect(expected[0]).toBe('model-1.h5');
    expect((await readdir(directory)).sort()).toEqual(expected.sort());
    const loaded = await loadModel(join(directory, 'model-1.h5'));
    expect(await predictValues(loaded, probe)).toEqual(predictions[0]);
    loaded.dispose();
    model.dispose();
    tf.dispose([x, y, probe]);
  });
});
