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
    const before = tf.memory().numTensors;
    const [x, y] = splitTensors(subset!.train);
    const [xTest, yTest] = splitTensors(subset!.test);
    const model = buildModel();
    const points: Array<{ epoch: number; loss: number; accuracy: number; kind: string }> = [];
    const afterBuild = tf.memory().numTensors;
    await train(model, x, y, { epochs: 2, batchSize: 32, reportEvery: 8, onPoint: (p, kind) => points.push({ ...p, kind }) });
    const result = await evaluate(model, xTest, yTest);
    console.log('points', points.map((p) => `${p.kind} ${p.epoch.toFixed(2)} ${p.loss.toFixed(3)} ${p.accuracy.toFixed(3)}`).join('\n'));
    console.log('test', result);
    expect(points.filter((p) => p.kind === 'epoch').map((p) => p.epoch)).toEqual([1, 2]);
    expect(points.filter((p) => p.kind === 'batch')).toHaveLength(6);
    expect(points.at(-1)!.loss).toBeLessThan(points[0].loss);
    expect(result.accuracy).toBeGreaterThan(0.8);
    // fit adds Adam's slots (2 per weight) and its iteration counter; nothing else survives.
    expect(tf.memory().numTensors).toBe(afterBuild + 2 * model.trainableWeights.length + 1);
    for (const t of [x, y, xTest, yTest]) t.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });
});
