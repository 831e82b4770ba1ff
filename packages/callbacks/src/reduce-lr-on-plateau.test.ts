import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LambdaCallback } from './lambda-callback';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';
import { LinearModel, RecordingOutput, fit, regressionData } from './test-support/linear-model';

beforeAll(async () => {
  await useBackend('cpu');
});

async function run(validationLosses: number[], options: ConstructorParameters<typeof ReduceLROnPlateau>[0]) {
  const { x, y } = regressionData();
  const model = new LinearModel(2);
  const ratesUsed: number[] = [];
  const recorder = new LambdaCallback({ onEpochBegin: () => void ratesUsed.push(model.optimizer.learningRate) });
  const output = new RecordingOutput(false);
  const history = await fit(model, x, y, {
    epochs: validationLosses.length,
    callbacks: [recorder, new ReduceLROnPlateau({ output, ...options })],
    validation: { x, y },
    validationLoss: (epoch) => validationLosses[epoch],
  });
  model.dispose();
  tf.dispose([x, y]);
  return { history, ratesUsed, output: output.text };
}

describe('ReduceLROnPlateau', () => {
  it('reduces the rate after `patience` epochs without improvement, and logs learning_rate', async () => {
    const { history, ratesUsed, output } = await run([1, 0.9, 0.9, 0.9, 0.9, 0.9], { patience: 2, factor: 0.5, verbose: 1 });
    // Best at epoch 1; epochs 2 and 3 wait: reduced at the end of epoch 3; epochs 4 and 5 wait again.
    expect(ratesUsed).toEqual([0.05, 0.05, 0.05, 0.05, 0.025, 0.025]);
    // The logs hold the rate the epoch ran with (Keras records it before reducing).
    expect(history.history.learning_rate).toEqual([0.05, 0.05, 0.05, 0.05, 0.025, 0.025]);
    expect(output).toBe(
      '\nEpoch 4: ReduceLROnPlateau reducing learning rate to 0.025.\n' +
        '\nEpoch 6: ReduceLROnPlateau reducing learning rate to 0.0125.\n',
    );
  });

  it('waits `cooldown` epochs after a reduction and stops at minLr', async () => {
    const { ratesUsed } = await run([1, 1, 1, 1, 1, 1, 1, 1], { patience: 1, factor: 0.1, cooldown: 2, minLr: 0.001 });
    // Epoch 0 sets the best; epoch 1 reduces; epoch 2 cools down; epoch 3 reduces to the floor; nothing below it.
    expect(ratesUsed.map((rate) => Number(rate.toPrecision(6)))).toEqual([0.05, 0.05, 0.005, 0.005, 0.001, 0.001, 0.001, 0.001]);
  });

  it('uses minDelta: changes smaller than it are no improvement', async () => {
    const losses = [1, 0.99995, 0.99992, 0.99991];
    const { ratesUsed } = await run(losses, { patience: 2, factor: 0.5 });
    expect(ratesUsed).toEqual([0.05, 0.05, 0.05, 0.025]);
    const withoutDelta = await run(losses, { patience: 2, factor: 0.5, minDelta: 0 });
    expect(withoutDelta.ratesUsed).toEqual([0.05, 0.05, 0.05, 0.05]);
  });

  it("maximises when 'acc' is in the name (Keras's rule for this callback)", () => {
    const model = new LinearModel(1);
    const callback = new ReduceLROnPlateau({ monitor: 'val_acc', patience: 1, factor: 0.5 });
    callback.setModel(model);
    callback.onTrainBegin();
    callback.onEpochEnd(0, { val_acc: 0.5 });
    callback.onEpochEnd(1, { val_acc: 0.6 });
    expect(model.optimizer.learningRate).toBe(0.05);
    callback.onEpochEnd(2, { val_acc: 0.55 });
    expect(model.optimizer.learningRate).toBe(0.025);
    model.dispose();
  });

  it('refuses a factor of 1 or more', () => {
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow('ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1');
  });
});
