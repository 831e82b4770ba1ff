import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { Callback, TensorBoard } from '@strata/callbacks';
import { Dense, clearSession, setRandomSeed } from '@strata/layers';
import { readEventFile, scalarSeries } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

let logDir: string;
beforeEach(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'strata-fit-tensorboard-'));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

class HookOrder extends Callback {
  readonly hooks: string[] = [];
  override onEpochBegin(epoch: number): void {
    this.hooks.push(`epochBegin ${epoch}`);
  }
  override onTestBegin(): void {
    this.hooks.push('testBegin');
  }
  override onTestBatchEnd(batch: number): void {
    this.hooks.push(`testBatchEnd ${batch}`);
  }
  override onTestEnd(logs: Record<string, number> = {}): void {
    this.hooks.push(`testEnd ${Object.keys(logs).join(',')}`);
  }
  override onEpochEnd(epoch: number): void {
    this.hooks.push(`epochEnd ${epoch}`);
  }
}

async function readRun(directory: string) {
  const files = (await readdir(directory)).filter((name) => name.startsWith('events.out.tfevents.'));
  expect(files).toHaveLength(1);
  return readEventFile(new Uint8Array(await readFile(join(directory, files[0]))));
}

/** Seed 002's `TensorBoard(log_dir=..., histogram_freq=1)` on its Dense MLP, with validation data, as Keras 3 writes it. */
describe('fit with TensorBoard', () => {
  it("runs the evaluation hooks on validation, and TensorBoard writes Keras's files from a real model", async () => {
    clearSession();
    setRandomSeed(5);
    const model = new Sequential([new Dense(8, { activation: 'relu', inputShape: [6] }), new Dense(3, { activation: 'softmax' })]);
    model.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const x = tf.randomUniform([20, 6], 0, 1, 'float32', 3);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 1, 0, 2, 2, 1, 0, 1, 0, 1, 2, 1, 0, 2, 2, 1, 0, 1], 'int32'), 3);
    const order = new HookOrder();
    const history = await model.fit(x, y, {
      epochs: 2,
      batchSize: 8,
      verbose: 0,
      validationData: [x, y],
      callbacks: [order, new TensorBoard({ logDir, histogramFreq: 1 })],
    });
    expect(order.hooks).toEqual([
      'epochBegin 0', 'testBegin', 'testBatchEnd 0', 'testBatchEnd 1', 'testBatchEnd 2', 'testEnd loss,accuracy', 'epochEnd 0',
      'epochBegin 1', 'testBegin', 'testBatchEnd 0', 'testBatchEnd 1', 'testBatchEnd 2', 'testEnd loss,accuracy', 'epochEnd 1',
    ]);

    const train = await readRun(join(logDir, 'train'));
    const graph = train.values.find((value) => value.tag === 'keras')!;
    expect(graph.plugin).toBe('graph_keras_model');
    expect(JSON.parse(graph.stringValue!)).toEqual({ module: 'keras', class_name: 'Sequential', config: model.getConfig(), registered_name: null });
    const histogramTags = [...new Set(train.values.filter((value) => value.histogram).map((value) => value.tag))];
    expect(histogramTags).toEqual([
      'sequential/dense/kernel/histogram',
      'sequential/dense/bias/histogram',
      'sequential/dense_1/kernel/histogram',
      'sequential/dense_1/bias/histogram',
    ]);
    expect(scalarSeries(train.values, 'epoch_accuracy')).toEqual(history.history.accuracy.map((value, epoch) => [epoch, Math.fround(value)]));

    const validation = await readRun(join(logDir, 'validation'));
    // 3 batches of 8 per epoch: the evaluation scalars' step is the optimizer's iterations, 3 then 6.
    expect(scalarSeries(validation.values, 'evaluation_loss_vs_iterations')).toEqual(
      history.history.val_loss.map((value, epoch) => [3 * (epoch + 1), Math.fround(value)]),
    );
    expect(scalarSeries(validation.values, 'evaluation_accuracy_vs_iterations')).toEqual(
      history.history.val_accuracy.map((value, epoch) => [3 * (epoch + 1), Math.fround(value)]),
    );
    tf.dispose([x, y]);
    model.dispose();
  });
});
