import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageClassificationData } from './idx-loader';
import * as fashionMnist from './fashion-mnist';
import * as mnist from './mnist';

const datasetsDir = process.env.STRATA_DATASETS_DIR;
const skipReason = 'STRATA_DATASETS_DIR is not set: the real MNIST and Fashion-MNIST checks are skipped (set it to the shared datasets folder)';
if (!datasetsDir) console.warn(skipReason);

/** Facts from the shared datasets README. */
const FACTS = {
  mnist: {
    train: { labels: [5, 0, 4, 1, 9, 2, 1, 3, 1, 4], labelSum: 267236, pixelSum: 1567298545, firstImageSum: 27525,
      perClass: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949] },
    test: { labels: [7, 2, 1, 0, 4, 1, 4, 9, 5, 9], labelSum: 44434, pixelSum: 264923200, firstImageSum: 18454,
      perClass: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009] },
  },
  fashionMnist: {
    train: { labels: [9, 0, 0, 3, 0, 2, 7, 2, 5, 5], labelSum: 270000, pixelSum: 3431114169, firstImageSum: 76247,
      perClass: Array(10).fill(6000) },
    test: { labels: [9, 2, 1, 1, 6, 1, 4, 6, 5, 7], labelSum: 45000, pixelSum: 573469082, firstImageSum: 33456,
      perClass: Array(10).fill(1000) },
  },
};

type Facts = (typeof FACTS)['mnist']['train'];

function check(images: tf.Tensor, labels: tf.Tensor, count: number, facts: Facts): void {
  expect(images.shape).toEqual([count, 28, 28]);
  expect(images.dtype).toBe('int32');
  expect(labels.shape).toEqual([count]);
  expect(labels.dtype).toBe('int32');
  // Summed in JavaScript numbers: an int32 tf.sum would overflow past 2**31.
  const pixels = images.dataSync() as Int32Array;
  let pixelSum = 0;
  let firstImageSum = 0;
  for (let i = 0; i < pixels.length; i++) pixelSum += pixels[i];
  for (let i = 0; i < 784; i++) firstImageSum += pixels[i];
  const labelValues = Array.from(labels.dataSync());
  const perClass = Array(10).fill(0);
  for (const label of labelValues) perClass[label]++;
  expect(labelValues.slice(0, 10)).toEqual(facts.labels);
  expect(labelValues.reduce((a, b) => a + b, 0)).toBe(facts.labelSum);
  expect(perClass).toEqual(facts.perClass);
  expect(pixelSum).toBe(facts.pixelSum);
  expect(firstImageSum).toBe(facts.firstImageSum);
}

async function checkLoader(load: () => Promise<ImageClassificationData>, facts: typeof FACTS.mnist): Promise<void> {
  const before = tf.memory().numTensors;
  const started = performance.now();
  const [[xTrain, yTrain], [xTest, yTest]] = await load();
  const seconds = (performance.now() - started) / 1000;
  expect(seconds).toBeLessThan(20);
  expect(tf.memory().numTensors - before).toBe(4);
  check(xTrain, yTrain, 60000, facts.train);
  check(xTest, yTest, 10000, facts.test);
  tf.dispose([xTrain, yTrain, xTest, yTest]);
  expect(tf.memory().numTensors).toBe(before);
}

describe.skipIf(!datasetsDir)('real data sets from STRATA_DATASETS_DIR', () => {
  beforeAll(() => useBackend('cpu'));

  it('loads MNIST from its gzipped IDX files with the README facts', async () => {
    await checkLoader(() => mnist.loadData(), FACTS.mnist);
  });

  it('loads Fashion-MNIST with the README facts', async () => {
    await checkLoader(() => fashionMnist.loadData(), FACTS.fashionMnist);
  });
});
