import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EarlyStopping } from './early-stopping';
import { LambdaCallback } from './lambda-callback';
import { LinearModel, RecordingOutput, fit, regressionData } from './test-support/linear-model';

beforeAll(async () => {
  await useBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function run(validationLosses: number[], options: ConstructorParameters<typeof EarlyStopping>[0]) {
  const { x, y } = regressionData();
  const model = new LinearModel(2);
  const weightsAtEpochEnd: number[][] = [];
  const recorder = new LambdaCallback({ onEpochEnd: () => void weightsAtEpochEnd.push(model.weightValues()) });
  const output = new RecordingOutput(false);
  const stopping = new EarlyStopping({ output, ...options });
  const history = await fit(model, x, y, {
    epochs: validationLosses.length,
    callbacks: [recorder, stopping],
    validation: { x, y },
    validationLoss: (epoch) => validationLosses[epoch],
  });
  const finalWeights = model.weightValues();
  model.dispose();
  tf.dispose([x, y]);
  return { history, weightsAtEpochEnd, finalWeights, output: output.text, stopping };
}

describe('EarlyStopping', () => {
  it('stops once patience runs out and restores the best weights', async () => {
    const { history, weightsAtEpochEnd, finalWeights, output } = await run([1, 0.5, 0.7, 0.8, 0.9, 0.95], {
      patience: 2,
      restoreBestWeights: true,
      verbose: 1,
    });
    // Best at epoch 1; epochs 2 and 3 do not improve: stop at the end of epoch 3.
    expect(history.epoch).toEqual([0, 1, 2, 3]);
    expect(finalWeights).toEqual(weightsAtEpochEnd[1]);
    expect(finalWeights).not.toEqual(weightsAtEpochEnd[3]);
    expect(output).toBe('Epoch 4: early stopping\nRestoring model weights from the end of the best epoch: 2.\n');
  });

  it("follows Keras's doc example: monitor loss, patience 3, no improvement after the first epoch runs 4 epochs", async () => {
    const { history, finalWeights, weightsAtEpochEnd } = await run([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], { monitor: 'val_loss', patience: 3 });
    expect(history.history.val_loss).toHaveLength(4);
    // Without restoreBestWeights the last weights stay.
    expect(finalWeights).toEqual(weightsAtEpochEnd[3]);
  });

  it('counts minDelta: smaller improvements do not reset the wait', async () => {
    const { history } = await run([1, 0.99, 0.98, 0.97, 0.5], { patience: 2, minDelta: 0.05 });
    expect(history.epoch).toEqual([0, 1, 2]);
  });

  it('maximises accuracy in auto mode and honours startFromEpoch', async () => {
    const stopping = new EarlyStopping({ monitor: 'val_accuracy', patience: 1, startFromEpoch: 2 });
    const model = new LinearModel(1);
    stopping.setModel(model);
    stopping.onTrainBegin();
    const accuracies = [0.1, 0.05, 0.6, 0.7, 0.65];
    let stoppedAt = -1;
    for (let epoch = 0; epoch < accuracies.length && stoppedAt < 0; epoch++) {
      stopping.onEpochEnd(epoch, { val_accuracy: accuracies[epoch] });
      if (model.stopTraining) stoppedAt = epoch;
    }
    // Epochs 0 and 1 are warm-up; 0.6, 0.7 improve, 0.65 does not: stop at epoch 4.
    expect(stoppedAt).toBe(4);
    expect(stopping.best).toBe(0.7);
    model.dispose();
  });

  it('does not reset the wait for improvements that miss the baseline (Keras counts them)', async () => {
    const withBaseline = await run([0.9, 0.8, 0.8, 0.8, 0.8], { patience: 2, baseline: 0.1 });
    expect(withBaseline.history.epoch).toEqual([0, 1, 2]);
    const withoutBaseline = await run([0.9, 0.8, 0.8, 0.8, 0.8], { patience: 2 });
    expect(withoutBaseline.history.epoch).toEqual([0, 1, 2, 3]);
  });

  it('warns with the available keys when the monitor is missing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stopping = new EarlyStopping({ monitor: 'val_acc', mode: 'max' });
    stopping.setModel(new LinearModel(1));
    stopping.onEpochEnd(0, { loss: 1, val_loss: 2 });
    expect(warn).toHaveBeenCalledWith(
      'Early stopping conditioned on metric `val_acc` which is not available. Available metrics are: loss,val_loss',
    );
  });

  it('asks for a mode when the direction of a metric is unknown', () => {
    const stopping = new EarlyStopping({ monitor: 'val_mystery' });
    stopping.setModel(new LinearModel(1));
    expect(() => stopping.onEpochEnd(0, { val_mystery: 1 })).toThrow(/mode: 'max'/);
  });
});
