import { useBackend } from '@strata/backend';
import { LambdaCallback } from '@strata/callbacks';
import { fromGenerator } from '@strata/datasets';
import { Dense, clearSession, setRandomSeed } from '@strata/layers';
import { Adam } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from './sequential';

/*
 * Issue 5's memory promise, in a test: a streaming Dataset of generated rows
 * through fit holds the tensor count flat, batch after batch and epoch after
 * epoch. (RSS, which is noisy, is measured by the benchmark in apps/bench,
 * `pnpm --filter @strata/bench dataset-memory`, over a million rows.)
 */
beforeAll(async () => {
  await useBackend('cpu');
});

function* rows(count: number): Generator<{ x: number[]; y: number[] }> {
  for (let row = 0; row < count; row++) {
    const x = [Math.sin(row), Math.cos(row * 0.3), ((row * 37) % 101) / 101 - 0.5, (row % 7) / 7];
    yield { x, y: [x[0] - 2 * x[1] + 0.5 * x[2]] };
  }
}

describe('fit on a streaming Dataset', () => {
  it('keeps tf.memory().numTensors flat over 100,000 generated rows, across batches and epochs', async () => {
    clearSession();
    setRandomSeed(4);
    const model = new Sequential([new Dense(16, { activation: 'relu', inputShape: [4] }), new Dense(1)]);
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse', metrics: ['mae'] });
    const dataset = fromGenerator(() => rows(50_000))
      .shuffle(5000, 3)
      .batch(500)
      .prefetch(2);
    const before = tf.memory().numTensors;
    const afterBatch: number[] = [];
    const atEpochEnd: number[] = [];
    let rowsSeen = 0;
    const counted = dataset.map((element) => {
      rowsSeen += element.x.shape[0];
      return element;
    });
    const history = await model.fit(counted, {
      epochs: 2,
      verbose: 0,
      callbacks: [
        new LambdaCallback({
          onTrainBatchEnd: () => void afterBatch.push(tf.memory().numTensors),
          onEpochEnd: () => void atEpochEnd.push(tf.memory().numTensors),
        }),
      ],
    });
    expect(rowsSeen).toBe(100_000);
    expect(afterBatch).toHaveLength(200);
    // After the first step has built Adam's slots, every batch of both epochs ends with the same count.
    expect(new Set(afterBatch.slice(1))).toEqual(new Set([afterBatch[1]]));
    expect(afterBatch[0]).toBe(afterBatch[1]);
    expect(atEpochEnd[1]).toBe(atEpochEnd[0]);
    // What stays after fit: Adam's two slots per weight (4 weights) and mae's total and count, nothing from the data.
    expect(tf.memory().numTensors - before).toBe(8 + 2);
    expect(history.history.loss[1]).toBeLessThan(history.history.loss[0]);
    // A second fit on the same Dataset creates nothing more.
    const afterFirstFit = tf.memory().numTensors;
    await model.fit(dataset, { epochs: 1, verbose: 0 });
    expect(tf.memory().numTensors).toBe(afterFirstFit);
    model.dispose();
  });
});
