import { useBackend } from '@strata/backend';
import { Dense, setRandomSeed } from '@strata/layers';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '@strata/losses';
import { Adam, type Optimizer, RMSprop, SGD } from '@strata/optimizers';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';

/**
 * Training steps through Strata's kernels (StrataDense, the fused optimizer
 * updates, StrataGatherRows) give the same losses and weights on wasm as on
 * cpu, step after step. Weights updated in place must be seen by the next
 * forward pass: wasm's XNNPACK caches a product's packed weights by tensor id.
 */
async function trajectory(backend: 'cpu' | 'wasm', optimizer: () => Optimizer, oneHot: boolean): Promise<{ losses: number[]; weights: Float32Array[] }> {
  await useBackend(backend);
  setRandomSeed(5);
  const model = new Sequential([new Dense(6, { activation: 'relu', inputShape: [4] }), new Dense(5, { activation: 'relu' }), new Dense(3)]);
  model.compile({
    optimizer: optimizer(),
    loss: oneHot ? new CategoricalCrossentropy({ fromLogits: true }) : new SparseCategoricalCrossentropy({ fromLogits: true }),
    metrics: ['accuracy'],
  });
  const x = tf.randomNormal([8, 4], 0, 1, 'float32', 11);
  const labels = tf.tensor1d([0, 1, 2, 1, 0, 2, 2, 1], 'int32');
  const y = oneHot ? tf.oneHot(labels, 3) : labels;
  const losses: number[] = [];
  await model.trainOnBatch(x, y);
  const tensorsAfterFirstStep = tf.memory().numTensors;
  for (let step = 0; step < 5; step++) {
    losses.push(((await model.trainOnBatch(x, y)) as number[])[0]);
    // A step changes no tensor count: the slots exist, every intermediate is freed.
    expect(tf.memory().numTensors).toBe(tensorsAfterFirstStep);
  }
  // fit with shuffled batches (StrataGatherRows) continues from there.
  await model.fit(x, y, { epochs: 2, batchSize: 3, verbose: 0, seed: 2 });
  expect(tf.memory().numTensors).toBe(tensorsAfterFirstStep);
  const snapshot = model.getWeights();
  const weights = snapshot.map((w) => w.dataSync() as Float32Array);
  tf.dispose([x, labels, y, ...snapshot]);
  model.dispose();
  return { losses, weights };
}

const optimizers: Array<[string, () => Optimizer, boolean]> = [
  ['Adam', () => new Adam({ learningRate: 0.05 }), false],
  ['RMSprop', () => new RMSprop({ learningRate: 0.01 }), true],
  ['SGD with momentum', () => new SGD({ learningRate: 0.1, momentum: 0.9 }), false],
];

describe('training through the fused kernels', () => {
  for (const [name, optimizer, oneHot] of optimizers) {
    it(`${name}: wasm follows cpu step by step, and the losses fall`, async () => {
      const cpu = await trajectory('cpu', optimizer, oneHot);
      const wasm = await trajectory('wasm', optimizer, oneHot);
      expectAllClose(wasm.losses, cpu.losses, { rtol: 1e-4, atol: 1e-5 });
      wasm.weights.forEach((w, i) => expectAllClose(w, cpu.weights[i], { rtol: 1e-3, atol: 1e-4 }));
      expect(cpu.losses[4]).toBeLessThan(cpu.losses[0]);
      // Each step moved the weights: no two consecutive losses are equal.
      for (let step = 1; step < 5; step++) expect(wasm.losses[step]).not.toBe(wasm.losses[step - 1]);
    });
  }
});
