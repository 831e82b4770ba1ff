import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LambdaCallback } from './lambda-callback';
import { LearningRateScheduler } from './learning-rate-scheduler';
import { TerminateOnNaN } from './terminate-on-nan';
import { LinearModel, RecordingOutput, fit, regressionData } from './test-support/linear-model';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('LearningRateScheduler', () => {
  it('sets the rate from schedule(epoch, rate) before each epoch and records it', async () => {
    const { x, y } = regressionData();
    const model = new LinearModel(2);
    const ratesUsed: number[] = [];
    const output = new RecordingOutput(false);
    const scheduler = new LearningRateScheduler((epoch, rate) => (epoch < 2 ? rate : rate * 0.5), { verbose: 1, output });
    const history = await fit(model, x, y, {
      epochs: 4,
      callbacks: [scheduler, new LambdaCallback({ onEpochBegin: () => void ratesUsed.push(model.optimizer.learningRate) })],
    });
    expect(ratesUsed).toEqual([0.05, 0.05, 0.025, 0.0125]);
    expect(history.history.learning_rate).toEqual([0.05, 0.05, 0.025, 0.0125]);
    expect(output.text).toContain('\nEpoch 3: LearningRateScheduler setting learning rate to 0.025.\n');
    model.dispose();
    tf.dispose([x, y]);
  });

  it('rejects a schedule that returns no number', () => {
    const scheduler = new LearningRateScheduler(() => Number.NaN);
    scheduler.setModel(new LinearModel(1));
    expect(() => scheduler.onEpochBegin(0)).toThrow(/should be a finite number/);
  });
});

describe('TerminateOnNaN', () => {
  it('stops training at the batch whose loss is NaN or infinite', async () => {
    const { x, y } = regressionData();
    const model = new LinearModel(2);
    const output = new RecordingOutput(false);
    const batchesRun: string[] = [];
    const history = await fit(model, x, y, {
      epochs: 5,
      batchSize: 16,
      callbacks: [new LambdaCallback({ onTrainBatchEnd: (batch) => void batchesRun.push(`${batch}`) }), new TerminateOnNaN({ output })],
      batchLoss: (epoch, batch) => (epoch === 1 && batch === 2 ? Number.POSITIVE_INFINITY : undefined),
    });
    expect(output.text).toBe('Batch 2: Invalid loss, terminating training\n');
    // Epoch 0 ran 4 batches; epoch 1 stopped after batch 2, and (as in Keras) still ended.
    expect(batchesRun).toEqual(['0', '1', '2', '3', '0', '1', '2']);
    expect(history.epoch).toEqual([0, 1]);
    expect(history.history.loss[1]).toBe(Number.POSITIVE_INFINITY);
    model.dispose();
    tf.dispose([x, y]);
  });
});
