// stepsPerEpoch below the number of batches: Keras's EpochIterator goes on where the last epoch stopped and
// starts a new pass once every batch was seen; a resumed run (skipEpochs) stands where the whole run would.
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tensorBatches } from './batches';
import { mulberry32 } from './data';

beforeAll(() => useBackend('cpu'));

async function epochRows(source: ReturnType<typeof tensorBatches>): Promise<number[][]> {
  const rows: number[][] = [];
  for await (const batch of source.batches()) {
    rows.push(Array.from(batch.x[0].dataSync()));
    batch.dispose();
  }
  return rows;
}

describe('tensorBatches with stepsPerEpoch', () => {
  it('continues across epochs and starts a new pass after the last batch', async () => {
    const x = tf.tidy(() => tf.reshape(tf.range(0, 6), [6, 1]));
    const source = tensorBatches([x], [], null, 2, false, Math.random, 2);
    expect(source.steps).toBe(2);
    expect(await epochRows(source)).toEqual([[0, 1], [2, 3]]);
    expect(await epochRows(source)).toEqual([[4, 5]]);
    expect(await epochRows(source)).toEqual([[0, 1], [2, 3]]);
    x.dispose();
  });

  it('skips epochs as the uninterrupted run would have gone through them, shuffled too', async () => {
    const x = tf.tidy(() => tf.reshape(tf.range(0, 6), [6, 1]));
    const whole = tensorBatches([x], [], null, 2, true, mulberry32(7), 2);
    const epochs = [await epochRows(whole), await epochRows(whole), await epochRows(whole), await epochRows(whole)];
    const resumed = tensorBatches([x], [], null, 2, true, mulberry32(7), 2);
    resumed.skipEpochs?.(3);
    expect(await epochRows(resumed)).toEqual(epochs[3]);
    expect(epochs[1]).toHaveLength(1);
    x.dispose();
  });
});
