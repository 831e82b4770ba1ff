import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LambdaCallback } from './lambda-callback';
import { ModelCheckpoint } from './model-checkpoint';
import { LinearModel, RecordingOutput, fit, regressionData } from './test-support/linear-model';

let directory: string;
let weightsAtEpochEnd: number[][] = [];
beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'strata-checkpoint-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(directory, { recursive: true, force: true });
});

async function train(callback: ModelCheckpoint, validationLosses: number[], batchSize = 16) {
  const { x, y } = regressionData();
  const model = new LinearModel(2);
  weightsAtEpochEnd = [];
  const recorder = new LambdaCallback({ onEpochEnd: () => void weightsAtEpochEnd.push(model.weightValues()) });
  await fit(model, x, y, {
    epochs: validationLosses.length,
    batchSize,
    callbacks: [recorder, callback],
    validation: { x, y },
    validationLoss: (epoch) => validationLosses[epoch],
  });
  tf.dispose([x, y]);
  return model;
}

describe('ModelCheckpoint', () => {
  it('with saveBestOnly writes only improving epochs, named with the 1-based epoch and the value', async () => {
    const output = new RecordingOutput(false);
    const checkpoint = new ModelCheckpoint(join(directory, 'weights.{epoch:02d}-{val_loss:.2f}.keras'), {
      saveBestOnly: true,
      verbose: 1,
      output,
    });
    const model = await train(checkpoint, [0.9, 0.5, 0.7, 0.3, 0.4]);
    expect((await readdir(directory)).sort()).toEqual(['weights.01-0.90.keras', 'weights.02-0.50.keras', 'weights.04-0.30.keras']);
    expect(output.text).toContain(`\nEpoch 1: val_loss improved from inf to 0.90000, saving model to ${join(directory, 'weights.01-0.90.keras')}\n`);
    expect(output.text).toContain('\nEpoch 3: val_loss did not improve from 0.50000\n');
    // Each file holds the weights at the end of its epoch.
    const saved = JSON.parse(await readFile(join(directory, 'weights.04-0.30.keras'), 'utf8')) as number[][];
    expect(saved.flat()).toEqual(weightsAtEpochEnd[3]);
    expect(saved.flat()).not.toEqual(weightsAtEpochEnd[4]);
    model.dispose();
  });

  it('overwrites one file when the path has no fields, and honours initialValueThreshold and mode', async () => {
    const checkpoint = new ModelCheckpoint(join(directory, 'best.weights.h5'), {
      saveBestOnly: true,
      saveWeightsOnly: true,
      monitor: 'val_loss',
      mode: 'min',
      initialValueThreshold: 0.6,
    });
    const model = await train(checkpoint, [0.9, 0.5, 0.7, 0.3]);
    expect(await readdir(directory)).toEqual(['best.weights.h5']);
    expect(model.savedPaths).toEqual([join(directory, 'best.weights.h5'), join(directory, 'best.weights.h5')]);
    expect(checkpoint.best).toBe(0.3);
    model.dispose();
  });

  it('saves every epoch without saveBestOnly, and every N batches with an integer saveFreq', async () => {
    const everyEpoch = await train(new ModelCheckpoint(join(directory, 'epoch-{epoch}.keras')), [1, 1, 1]);
    expect((await readdir(directory)).sort()).toEqual(['epoch-1.keras', 'epoch-2.keras', 'epoch-3.keras']);
    everyEpoch.dispose();
    // 64 samples in batches of 16: 4 batches per epoch; saving every 3 batches across 2 epochs saves after batches 3, 6.
    const batches = await train(new ModelCheckpoint(join(directory, 'batch-{epoch}-{batch}.keras'), { saveFreq: 3 }), [1, 1]);
    expect(batches.savedPaths.map((path) => path.slice(directory.length + 1))).toEqual(['batch-1-3.keras', 'batch-2-2.keras']);
    batches.dispose();
  });

  it('checks the file extension as Keras 3 does', () => {
    expect(() => new ModelCheckpoint('model.h5', { saveWeightsOnly: true })).toThrow(/must end in `.weights.h5`/);
    expect(() => new ModelCheckpoint('model.ckpt')).toThrow(/must end in `.keras`/);
    expect(() => new ModelCheckpoint('model.keras', { saveFreq: 0 })).toThrow(/Unrecognized saveFreq/);
  });

  it('warns and saves when the monitored value is missing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const model = await train(new ModelCheckpoint(join(directory, 'm.keras'), { saveBestOnly: true, monitor: 'val_accuracy' }), [1]);
    expect(warn).toHaveBeenCalledWith('Can save best model only with val_accuracy available. Available metrics are: loss,val_loss');
    expect(model.savedPaths).toHaveLength(1);
    model.dispose();
  });
});
