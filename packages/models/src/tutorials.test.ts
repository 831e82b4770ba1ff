/**
 * The tutorials' training runs on the real data (in CI, STRATA_DATASETS_DIR
 * points at a shared copy): the accuracies Keras users expect.
 */
import { useBackend } from '@strata/backend';
import { fashionMnist, mnist, toCategorical } from '@strata/datasets';
import { Dense, Flatten, setRandomSeed } from '@strata/layers';
import { SparseCategoricalCrossentropy } from '@strata/losses';
import { RMSprop } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from './sequential';

const hasData = Boolean(process.env.STRATA_DATASETS_DIR);

beforeAll(async () => {
  await useBackend('wasm');
});

describe.runIf(hasData)('tutorials on the real data (wasm backend)', () => {
  it('tutorial 001: Fashion-MNIST MLP, 10 epochs, reaches at least 0.875 test accuracy', { timeout: 1_200_000 }, async () => {
    setRandomSeed(1);
    const [[trainImages, trainLabels], [testImages, testLabels]] = await fashionMnist.loadData();
    const x = tf.div(trainImages, 255);
    const xTest = tf.div(testImages, 255);
    const model = new Sequential([
      new Flatten({ inputShape: [28, 28] }),
      new Dense(128, { activation: 'relu' }),
      new Dense(10),
    ]);
    model.compile({ optimizer: 'adam', loss: new SparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    const before = tf.memory().numTensors;
    const history = await model.fit(x, trainLabels, { epochs: 10, verbose: 2, seed: 1 });
    expect(history.history.accuracy[9]).toBeGreaterThan(history.history.accuracy[0]);
    const [, accuracy] = await model.evaluate(xTest, testLabels, { verbose: 0 });
    console.log(`tutorial 001 test accuracy: ${accuracy.toFixed(4)}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.875);
    // Only Adam's slots (two per weight) and the accuracy metric's state were added.
    expect(tf.memory().numTensors - before).toBe(8 + 2);
    tf.dispose([trainImages, trainLabels, testImages, testLabels, x, xTest]);
    model.dispose();
  });

  // One run is one draw: seeds 1–8 give 0.9742, 0.9714, 0.9811, 0.9790, 0.9754, 0.9819, 0.9801, 0.9837
  // (mean 0.9783, as the tutorial's own Keras figure 0.9785; `pnpm --filter @strata/examples mnist-mlp-seeds`).
  // This test keeps seed 3, one of the four of eight at 0.98 or more, as a fixed regression check: it says
  // that Strata still trains this recipe to that accuracy, not that every seed reaches it.
  it('tutorial 002: MNIST MLP with RMSprop and one-hot labels, batch 256, 5 epochs, seed 3 reaches at least 0.98', { timeout: 1_200_000 }, async () => {
    setRandomSeed(3);
    const [[trainImages, trainLabels], [testImages, testLabels]] = await mnist.loadData();
    const x = tf.div(tf.reshape(trainImages, [60000, 784]), 255);
    const xTest = tf.div(tf.reshape(testImages, [10000, 784]), 255);
    const y = toCategorical(trainLabels, 10);
    const yTest = toCategorical(testLabels, 10);
    const network = new Sequential([
      new Dense(512, { activation: 'relu', inputShape: [784] }),
      new Dense(512, { activation: 'relu' }),
      new Dense(10, { activation: 'softmax' }),
    ]);
    network.compile({
      optimizer: new RMSprop({ learningRate: 0.001, rho: 0.9, epsilon: 1e-8 }),
      loss: 'categorical_crossentropy',
      metrics: ['accuracy'],
    });
    await network.fit(x, y, { epochs: 5, batchSize: 256, verbose: 2, seed: 3 });
    const [, accuracy] = await network.evaluate(xTest, yTest, { verbose: 0 });
    console.log(`tutorial 002 test accuracy: ${accuracy.toFixed(4)}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.98);
    tf.dispose([trainImages, trainLabels, testImages, testLabels, x, xTest, y, yTest]);
    network.dispose();
  });
});
