/**
 * Tutorial 000's CNN trained on the real data on wasm (in CI,
 * STRATA_DATASETS_DIR points at a shared copy). It became practical once
 * @strata/backend's wasm gradient kernels ran natively: 2 epochs of 60,000
 * images take a few minutes per data set instead of days.
 */
import { useBackend } from '@strata/backend';
import { fashionMnist, mnist } from '@strata/datasets';
import { Conv2D, Dense, Flatten, MaxPooling2D, setRandomSeed } from '@strata/layers';
import { SparseCategoricalCrossentropy } from '@strata/losses';
import { Adam } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from './sequential';

const hasData = Boolean(process.env.STRATA_DATASETS_DIR);

beforeAll(async () => {
  await useBackend('wasm');
});

/** The tutorial's model: Conv2D(32) → MaxPooling → Conv2D(64) → MaxPooling → Conv2D(64) → Flatten → Dense(64) → Dense(10, softmax). */
function tutorialCnn(): Sequential {
  const model = new Sequential([
    new Conv2D(32, [3, 3], { activation: 'relu', inputShape: [28, 28, 1] }),
    new MaxPooling2D(2, { strides: 2 }),
    new Conv2D(64, [3, 3], { activation: 'relu' }),
    new MaxPooling2D(2, { strides: 2 }),
    new Conv2D(64, [3, 3], { activation: 'relu' }),
    new Flatten(),
    new Dense(64, { activation: 'relu' }),
    new Dense(10, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(), metrics: ['accuracy'] });
  return model;
}

async function trainAndEvaluate(loader: typeof mnist | typeof fashionMnist, seed: number): Promise<number> {
  setRandomSeed(seed);
  const [[trainImages, trainLabels], [testImages, testLabels]] = await loader.loadData();
  const x = tf.tidy(() => tf.div(tf.reshape(trainImages, [60000, 28, 28, 1]), 255));
  const xTest = tf.tidy(() => tf.div(tf.reshape(testImages, [10000, 28, 28, 1]), 255));
  const model = tutorialCnn();
  const before = tf.memory().numTensors;
  const started = performance.now();
  const history = await model.fit(x, trainLabels, { epochs: 2, batchSize: 32, verbose: 0, seed });
  const seconds = (performance.now() - started) / 1000;
  const [, accuracy] = await model.evaluate(xTest, testLabels, { verbose: 0 });
  console.log(`tutorial 000 CNN: 2 epochs in ${seconds.toFixed(0)} s, test accuracy ${accuracy.toFixed(4)}`);
  expect(history.history.accuracy[1]).toBeGreaterThan(history.history.accuracy[0]);
  // Only Adam's slots (two per weight: three kernels and biases of Conv2D, two of Dense) and the accuracy metric's state.
  expect(tf.memory().numTensors - before).toBe(2 * 10 + 2);
  tf.dispose([trainImages, trainLabels, testImages, testLabels, x, xTest]);
  model.dispose();
  return accuracy;
}

describe.runIf(hasData)("tutorial 000's CNN on the real data (wasm backend)", () => {
  it('MNIST: 2 epochs, Adam, batch 32, reach at least 0.985 test accuracy', { timeout: 1_800_000 }, async () => {
    expect(await trainAndEvaluate(mnist, 1)).toBeGreaterThanOrEqual(0.985);
  });

  it('Fashion-MNIST: 2 epochs, Adam, batch 32, reach at least 0.88 test accuracy', { timeout: 1_800_000 }, async () => {
    expect(await trainAndEvaluate(fashionMnist, 2)).toBeGreaterThanOrEqual(0.88);
  });
});
