import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeMnistSubset } from '../build/mnist-subset-plugin';
import { type DigitSubset, decodeSubset } from './subset-format';
import { testAccuracy } from './predict';
import { buildModel, splitTensors, train } from './train';

let subset: DigitSubset | null = null;
let missing = '';

beforeAll(async () => {
  await useBackend('wasm');
  try {
    subset = decodeSubset(await makeMnistSubset({ trainCount: 1024, testCount: 500 }));
  } catch (error) {
    missing = (error as Error).message;
  }
});

describe('training the page model', () => {
  it('learns the subset, reports curve points from the callback, and leaks no tensors', async (context) => {
    if (subset === null) context.skip(missing);
    const [x, y] = splitTensors(subset!.train);
    const model = buildModel();
    const points: Array<{ epoch: number; loss: number; accuracy: number; set: string; kind: string }> = [];
    const result = await train(model, x, y, { epochs: 2, batchSize: 32, reportEvery: 8, onPoint: (p, kind) => points.push({ ...p, kind }) });
    expect(result).toEqual({ epochs: 2, stopped: false });
    const accuracy = await testAccuracy(model, subset!.test);
    console.log(`1,024 images × 2 epochs on wasm: test accuracy ${accuracy} on 500 test images`);
    // Each epoch's end: the training logs and the validation split's (a tenth of the images, as Keras's validation_split).
    const ends = points.filter((p) => p.kind === 'epoch');
    expect(ends.map((p) => [p.epoch, p.set])).toEqual([
      [1, 'train'],
      [1, 'validation'],
      [2, 'train'],
      [2, 'validation'],
    ]);
    for (const point of ends) expect(Number.isFinite(point.loss) && point.accuracy > 0.3).toBe(true);
    // 921 training images: 29 batches an epoch, a point after batches 8, 16 and 24.
    expect(points.filter((p) => p.kind === 'batch')).toHaveLength(6);
    expect(points.at(-1)!.loss).toBeLessThan(points[0].loss);
    expect(accuracy).toBeGreaterThan(0.7); // measured 0.816 before the validation split
    // A second fit creates nothing that outlives it (the optimizer's slots exist since the first).
    const afterFirstFit = tf.memory().numTensors;
    await train(model, x, y, { epochs: 1, batchSize: 32, reportEvery: 8, onPoint: () => {} });
    expect(tf.memory().numTensors).toBe(afterFirstFit);
    for (const t of [x, y]) t.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThan(afterFirstFit);
  });

  it('stops after the batch where shouldStop turns true, as Keras stops on model.stop_training', async (context) => {
    if (subset === null) context.skip(missing);
    const [x, y] = splitTensors(subset!.train);
    const model = buildModel();
    let batches = 0;
    const result = await train(model, x, y, {
      epochs: 5,
      batchSize: 32,
      reportEvery: 1,
      shouldStop: () => ++batches >= 40,
      onPoint: () => {},
    });
    // 29 batches an epoch: the second epoch stops at its 11th batch, and ends there as Keras ends it.
    expect(result).toEqual({ epochs: 2, stopped: true });
    expect(batches).toBe(40);
    for (const t of [x, y]) t.dispose();
    model.dispose();
  });
});
