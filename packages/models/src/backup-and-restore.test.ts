import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { BackupAndRestore, LambdaCallback } from '@strata/callbacks';
import { Dense, clearSession, setRandomSeed } from '@strata/layers';
import { Adam } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Sequential } from './sequential';

/*
 * BackupAndRestore on a real Sequential with Adam, in one process: a run that
 * dies in the middle of an epoch, then a brand-new model and optimizer (as a
 * new process would have) resuming from the backup. The SIGKILL version, in a
 * child process, is in @strata/keras (backup-and-restore.process.test.ts).
 */
let directory: string;
beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'strata-models-backup-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function data(): [tf.Tensor2D, tf.Tensor2D] {
  return tf.tidy(() => {
    const x = tf.randomNormal([48, 3], 0, 1, 'float32', 21) as tf.Tensor2D;
    const y = tf.tanh(tf.matMul(x, tf.tensor2d([[1], [-2], [0.5]]))) as tf.Tensor2D;
    return [x, y];
  });
}

function network(seed: number): Sequential {
  clearSession();
  setRandomSeed(seed);
  const model = new Sequential([new Dense(5, { activation: 'tanh', inputShape: [3] }), new Dense(1)]);
  model.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'mse' });
  return model;
}

async function values(tensors: tf.Tensor[]): Promise<number[][]> {
  const result = await Promise.all(tensors.map(async (t) => Array.from(await t.data())));
  tf.dispose(tensors);
  return result;
}

class Crash extends Error {}

describe('BackupAndRestore on a real model', () => {
  // With shuffling, the resumed run must draw the remaining epochs' orders as the uninterrupted run did.
  it.each([
    { shuffle: false, seed: undefined },
    { shuffle: true, seed: 5 },
  ])('resumes a run that died mid-epoch with the weights, Adam moments, iterations and epoch of an uninterrupted run (shuffle $shuffle)', async ({
    shuffle,
    seed,
  }) => {
    const [x, y] = data();
    const options = { epochs: 5, batchSize: 8, verbose: 0 as const, shuffle, seed };

    const reference = network(7);
    await reference.fit(x, y, options);
    const expectedWeights = await values(reference.getWeights());
    const expectedState = await values(reference.optimizerState());
    expect(reference.optimizer!.iterations).toBe(30);
    reference.dispose();

    const backupDir = join(directory, 'backup');
    const victim = network(7);
    // Dies at the third batch of epoch 2 (0-based), after the backup of epoch 1 was written.
    const crash = new LambdaCallback({
      onTrainBatchEnd: () => {
        if (victim.optimizer!.iterations === 2 * 6 + 3) throw new Crash('simulated crash');
      },
    });
    await expect(victim.fit(x, y, { ...options, callbacks: [new BackupAndRestore({ backupDir }), crash] })).rejects.toBeInstanceOf(Crash);
    expect(await readdir(backupDir)).toEqual(['latest.backup']);
    victim.dispose();

    // Another seed: the weights must come from the backup, not from the initialiser.
    const resumed = network(99);
    const before = tf.memory().numTensors;
    const epochsSeen: number[] = [];
    const history = await resumed.fit(x, y, {
      ...options,
      callbacks: [new BackupAndRestore({ backupDir }), new LambdaCallback({ onEpochBegin: (epoch) => void epochsSeen.push(epoch) })],
    });
    expect(epochsSeen).toEqual([2, 3, 4]);
    expect(history.epoch).toEqual([2, 3, 4]);
    expect(resumed.optimizer!.iterations).toBe(30);
    expect(await values(resumed.getWeights())).toEqual(expectedWeights);
    expect(await values(resumed.optimizerState())).toEqual(expectedState);
    // The backup is deleted when fit completes; the optimizer's slots are the only new tensors.
    await expect(readdir(backupDir)).rejects.toThrow();
    expect(tf.memory().numTensors - before).toBe(expectedState.length - 2);
    resumed.dispose();
    tf.dispose([x, y]);
  });
});
