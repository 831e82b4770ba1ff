import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeMnistSubset } from '../build/mnist-subset-plugin';
import { type DigitSubset, decodeSubset } from './subset-format';
import { buildModel, evaluate, splitTensors, train } from './train';

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
    const [xTest, yTest] = splitTensors(subset!.test);
    const model = buildModel();
    const points: Array<{ epoch: number; loss: number; accuracy: number; kind: string }> = [];
    await train(model, x, y, { epochs: 2, batchSize: 32, reportEvery: 8, onPoint: (p, kind) => points.push({ ...p, kind }) });
    const result = await evaluate(model, xTest, yTest);
    console.log(`1,024 images × 2 epochs on wasm: test accuracy ${result.accuracy} on 500 test images`);
    expect(points.filter((p) => p.kind === 'epoch').map((p) => p.epoch)).toEqual([1, 2]);
    expect(points.filter((p) => p.kind === 'batch')).toHaveLength(6);
    expect(points.at(-1)!.loss).toBeLessThan(points[0].loss);
    expect(result.accuracy).toBeGreaterThan(0.7); // measured 0.816
    // A second fit creates nothing that outlives it (the optimizer's slots exist since the first).
    const afterFirstFit = tf.memory().numTensors;
    await train(model, x, y, { epochs: 1, batchSize: 32, reportEvery: 8, onPoint: () => {} });
    expect(tf.memory().numTensors).toBe(afterFirstFit);
    for (const t of [x, y, xTest, yTest]) t.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThan(afterFirstFit);
  });
});
