import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { readEventFile, referenceCrc32c, scalarSeries as scalars, type SummaryValue } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LambdaCallback } from '../lambda-callback';
import { LinearModel, fit, regressionData } from '../test-support/linear-model';
import { crc32c } from './crc32c';
import { TensorBoard } from './tensorboard';

async function readRun(directory: string): Promise<{ name: string; fileVersion: string; values: SummaryValue[] }> {
  const files = await readdir(directory);
  expect(files).toHaveLength(1);
  return { name: files[0], ...readEventFile(new Uint8Array(await readFile(join(directory, files[0])))) };
}


let logDir: string;
beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(async () => {
  logDir = await mkdtemp(join(tmpdir(), 'strata-tensorboard-'));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

describe('TensorBoard', () => {
  it('computes CRC-32C as published (check value of "123456789")', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(referenceCrc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('writes epoch scalars, evaluation scalars, histograms and the config as Keras lays them out', async () => {
    const { x, y } = regressionData();
    const model = new LinearModel(2);
    const weightsAtEpochEnd: number[][] = [];
    const recorder = new LambdaCallback({ onEpochEnd: () => void weightsAtEpochEnd.push(model.weightValues()) });
    const history = await fit(model, x, y, {
      epochs: 3,
      callbacks: [recorder, new TensorBoard({ logDir, histogramFreq: 1 })],
      validation: { x, y },
    });
    expect((await readdir(logDir)).sort()).toEqual(['train', 'validation']);

    const train = await readRun(join(logDir, 'train'));
    expect(train.name).toMatch(/^events\.out\.tfevents\.\d{10}\..+\.\d+\.\d+\.v2$/);
    expect(train.fileVersion).toBe('brain.Event:2');
    expect(scalars(train.values, 'epoch_loss')).toEqual(history.history.loss.map((loss, epoch) => [epoch, Math.fround(loss)]));
    expect(scalars(train.values, 'epoch_learning_rate')).toEqual([0, 1, 2].map((epoch) => [epoch, Math.fround(0.05)]));
    expect(train.values.every((value) => Math.abs(value.wallTime - Date.now() / 1000) < 600)).toBe(true);

    // Keras's keras_model_summary("keras", model, step=0): the model's JSON for the graph plugin.
    const graph = train.values.find((value) => value.tag === 'keras')!;
    expect(graph.step).toBe(0);
    expect(graph.plugin).toBe('graph_keras_model');
    expect(graph.pluginContent).toBe('1');
    expect(graph.dtype).toBe(7);
    expect(JSON.parse(graph.stringValue!)).toEqual({ module: 'keras', class_name: 'Functional', config: model.getConfig(), registered_name: null });

    const kernels = train.values.filter((value) => value.tag === 'dense/kernel/histogram');
    expect(kernels.map((value) => value.step)).toEqual([0, 1, 2]);
    kernels.forEach(({ histogram }, epoch) => {
      const kernel = weightsAtEpochEnd[epoch].slice(0, 2).map(Math.fround);
      expect(histogram!.num).toBe(2);
      expect(histogram!.min).toBe(Math.min(...kernel));
      expect(histogram!.max).toBe(Math.max(...kernel));
      expect(histogram!.sum).toBeCloseTo(kernel[0] + kernel[1], 10);
      expect(histogram!.sumSquares).toBeCloseTo(kernel[0] ** 2 + kernel[1] ** 2, 10);
      expect(histogram!.bucket.reduce((total, count) => total + count, 0)).toBe(2);
      expect(histogram!.bucketLimit.at(-1)).toBe(histogram!.max);
      expect(histogram!.bucket).toHaveLength(histogram!.bucketLimit.length);
    });
    expect(train.values.filter((value) => value.tag === 'dense/bias/histogram')).toHaveLength(3);

    const validation = await readRun(join(logDir, 'validation'));
    expect(validation.fileVersion).toBe('brain.Event:2');
    expect(scalars(validation.values, 'epoch_loss')).toEqual(history.history.val_loss.map((loss, epoch) => [epoch, Math.fround(loss)]));
    // Step = training iterations so far: 4 batches per epoch.
    expect(scalars(validation.values, 'evaluation_loss_vs_iterations')).toEqual(
      history.history.val_loss.map((loss, epoch) => [4 * (epoch + 1), Math.fround(loss)]),
    );
    expect(validation.values.some((value) => value.tag === 'epoch_learning_rate')).toBe(false);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('writes batch scalars every updateFreq batches, and no validation run without validation', async () => {
    const { x, y } = regressionData();
    const model = new LinearModel(2);
    const batchLosses: number[] = [];
    const recorder = new LambdaCallback({ onTrainBatchEnd: (_batch, logs) => void batchLosses.push(logs!.loss) });
    await fit(model, x, y, { epochs: 2, callbacks: [recorder, new TensorBoard({ logDir, updateFreq: 3, writeGraph: false })] });
    expect(await readdir(logDir)).toEqual(['train']);
    const train = await readRun(join(logDir, 'train'));
    // Global batch counter starts at 1 (Keras increments it before the batch): batches 3 and 6 of 8.
    expect(scalars(train.values, 'batch_loss')).toEqual([
      [3, Math.fround(batchLosses[2])],
      [6, Math.fround(batchLosses[5])],
    ]);
    expect(train.values.some((value) => value.tag === 'keras')).toBe(false);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('writes the projector config for the Embedding layers and a weights checkpoint every embeddingsFreq epochs', async () => {
    const { x, y } = regressionData();
    // The linear model seen as Keras would list it: an Embedding layer (with metadata) before the Dense one.
    const model = Object.assign(new LinearModel(2), {
      className: 'Sequential',
      layers: [
        { name: 'words', className: 'Embedding' },
        { name: 'dense', className: 'Dense' },
      ],
      weights: [{ path: 'sequential/dense/kernel' }, { path: 'sequential/dense/bias' }],
    });
    await fit(model, x, y, {
      epochs: 3,
      callbacks: [new TensorBoard({ logDir, histogramFreq: 1, embeddingsFreq: 2, embeddingsMetadata: { words: 'words.tsv' } })],
    });
    // protobuf's text format, as Keras's text_format.MessageToString(ProjectorConfig) writes it.
    expect(await readFile(join(logDir, 'projector_config.pbtxt'), 'utf8')).toBe(
      'embeddings {\n  tensor_name: "layer_with_weights-0/embeddings/.ATTRIBUTES/VARIABLE_VALUE"\n  metadata_path: "words.tsv"\n}\n',
    );
    // Keras's _log_embeddings: model.save_weights at epochs 0 and 2 (epoch % embeddings_freq == 0).
    expect(model.savedPaths).toEqual([0, 2].map((epoch) => join(logDir, 'train', `keras_embedding.ckpt-${epoch}.weights.h5`)));
    const saved = JSON.parse(await readFile(model.savedPaths[1], 'utf8')) as number[][];
    expect(saved.flat()).toEqual(model.weightValues().map(Math.fround));
    // Histograms are tagged by weight path, as Keras's weight.path.
    const train = (await readdir(join(logDir, 'train'))).filter((name) => name.startsWith('events.'));
    const { values } = readEventFile(new Uint8Array(await readFile(join(logDir, 'train', train[0]))));
    expect([...new Set(values.filter((value) => value.histogram).map((value) => value.tag))]).toEqual([
      'sequential/dense/kernel/histogram',
      'sequential/dense/bias/histogram',
    ]);
    const graph = values.find((value) => value.tag === 'keras')!;
    expect(JSON.parse(graph.stringValue!).class_name).toBe('Sequential');
    model.dispose();
    tf.dispose([x, y]);
  });

  it('writes an empty projector config without Embedding layers, and refuses metadata for a layer it does not have', async () => {
    const { x, y } = regressionData(8);
    const model = new LinearModel(2);
    await fit(model, x, y, { epochs: 1, callbacks: [new TensorBoard({ logDir, embeddingsFreq: 1 })] });
    expect(await readFile(join(logDir, 'projector_config.pbtxt'), 'utf8')).toBe('');
    expect(model.savedPaths).toEqual([join(logDir, 'train', 'keras_embedding.ckpt-0.weights.h5')]);
    const strict = new TensorBoard({ logDir, embeddingsFreq: 1, embeddingsMetadata: { tokens: 'tokens.tsv' } });
    await expect(fit(model, x, y, { epochs: 1, callbacks: [strict] })).rejects.toThrow(
      /TensorBoard embeddingsMetadata names layer\(s\) tokens, which are not Embedding layers of the model; its Embedding layers are: none\./,
    );
    expect(() => new TensorBoard({ embeddingsFreq: -1 })).toThrow(/TensorBoard embeddingsFreq must be an integer of 0 \(never\) or more epochs\. Received: embeddingsFreq=-1\./);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('reads back a damaged record as damaged: the reader checks both CRCs', async () => {
    const { x, y } = regressionData(8);
    const model = new LinearModel(2);
    await fit(model, x, y, { epochs: 1, callbacks: [new TensorBoard({ logDir })] });
    const [name] = await readdir(join(logDir, 'train'));
    const bytes = new Uint8Array(await readFile(join(logDir, 'train', name)));
    expect(readEventFile(bytes).values.length).toBeGreaterThan(0);
    bytes[bytes.length - 6] ^= 0xff;
    expect(() => readEventFile(bytes)).toThrow(/data CRC of the record at byte \d+ does not match/);
    model.dispose();
    tf.dispose([x, y]);
  });
  it("logs each learning rate of a MultiOptimizer under the optimizer's name, as Keras does", async () => {
    const optimizers = [{ name: 'adam', learningRate: 0.01 }, { name: 'sgd', learningRate: 0.1 }];
    const multi = {
      optimizers,
      get learningRate(): number {
        throw new Error('Learning rate cannot be accessed on a MultiOptimizer.');
      },
    };
    const model = { stopTraining: false, optimizer: multi, getWeights: () => [], setWeights: () => undefined, save: async () => {}, saveWeights: async () => {} };
    const board = new TensorBoard({ logDir, writeGraph: false });
    board.setModel(model);
    board.setParams({ epochs: 1, steps: 1, verbose: 0 });
    await board.onTrainBegin();
    await board.onEpochEnd(0, { loss: 0.5 });
    await board.onTrainEnd();
    const train = await readRun(join(logDir, 'train'));
    expect(scalars(train.values, 'epoch_learning_rate_adam')).toEqual([[0, Math.fround(0.01)]]);
    expect(scalars(train.values, 'epoch_learning_rate_sgd')).toEqual([[0, Math.fround(0.1)]]);
    expect(train.values.some((value) => value.tag === 'epoch_learning_rate')).toBe(false);
  });
});
