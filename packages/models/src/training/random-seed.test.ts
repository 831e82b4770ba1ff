import { useBackend } from '@strata/backend';
import { Dense, clearSession, setRandomSeed } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

/** 24 samples, 4 features, a linear target: batches of 4 make the result depend on the shuffle order. */
function data(): [tf.Tensor2D, tf.Tensor2D] {
  const x = tf.tensor2d(Array.from({ length: 96 }, (_, i) => Math.sin(i * 1.7)), [24, 4]);
  const y = tf.tensor2d(Array.from({ length: 24 }, (_, i) => Math.cos(i * 0.9)), [24, 1]);
  return [x, y];
}

/** Builds, trains (SGD, shuffled batches of 4, no fit seed) and returns the final weights. */
async function trainedWeights(seed: number | null): Promise<number[]> {
  clearSession();
  if (seed !== null) setRandomSeed(seed);
  const model = new Sequential([new Dense(3, { activation: 'tanh', inputShape: [4] }), new Dense(1)]);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const [x, y] = data();
  await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
  const weights = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
  tf.dispose([x, y]);
  model.dispose();
  return weights;
}

/** Keras's `keras.utils.set_random_seed` seeds the shuffling of `fit` too (Python's, NumPy's and the backend's generators). */
describe('setRandomSeed and fit', () => {
  it('makes two fits after the same seed end with the same weights', async () => {
    const first = await trainedWeights(1234);
    const second = await trainedWeights(1234);
    expect(second).toEqual(first);
  });

  it('shuffles differently after another seed, from the same initial weights', async () => {
    const reference = await trainedWeights(1234);
    // Same initial weights (seeded per layer) but another stream for the shuffle: the order, so the weights, differ.
    clearSession();
    setRandomSeed(1234);
    const model = new Sequential([new Dense(3, { activation: 'tanh', inputShape: [4] }), new Dense(1)]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const initial = model.getWeights().map((w) => w.clone());
    setRandomSeed(99);
    const [x, y] = data();
    await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
    const other = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    expect(other).not.toEqual(reference);
    // ...and unshuffled training from those weights is another result again: the shuffle was what changed.
    model.setWeights(initial);
    await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0, shuffle: false });
    const unshuffled = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    expect(unshuffled).not.toEqual(other);
    expect(unshuffled).not.toEqual(reference);
    tf.dispose([x, y, ...initial]);
    model.dispose();
  });
});
