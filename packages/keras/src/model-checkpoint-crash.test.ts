import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaCallback, ModelCheckpoint } from '@strata/callbacks';
import { loadModel } from '@strata/io-h5';
import { Dense, clearSession, setRandomSeed } from '@strata/layers';
import { SGD } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useBackend } from './index';
import { Sequential } from './models';

/*
 * A save that dies half-way (the disk fills up after part of the file is
 * written) must leave the previous checkpoint whole. The failure is made at
 * the file-system level, under io-h5's real saver: once armed, the next file
 * opened for writing gets half of its bytes and then an ENOSPC error.
 */
const failure = vi.hoisted(() => ({ armed: false, partialWrites: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    if (failure.armed && args[1] !== undefined && args[1] !== 'r') {
      failure.armed = false;
      handle.writeFile = async (data) => {
        const bytes = data as Uint8Array;
        await handle.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        failure.partialWrites += 1;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      };
    }
    return handle;
  };
  return { ...actual, default: { ...actual, open }, open };
});

let directory: string;
beforeAll(async () => {
  await useBackend('cpu');
  directory = await mkdtemp(join(tmpdir(), 'strata-keras-checkpoint-crash-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('ModelCheckpoint when a save fails half-way', () => {
  it('keeps the previous checkpoint intact and loadable, with no partial file left', async () => {
    const [x, y, probe] = tf.tidy(() => {
      const inputs = tf.randomNormal([32, 3], 0, 1, 'float32', 4);
      return [inputs, tf.sum(inputs, 1, true), tf.randomNormal([4, 3], 0, 1, 'float32', 9)];
    });
    clearSession();
    setRandomSeed(1);
    const model = new Sequential([new Dense(4, { activation: 'tanh', inputShape: [3] }), new Dense(1)]);
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: 'mse' });
    const predictions: number[][] = [];
    const path = join(directory, 'latest.keras');
    const callbacks = [
      new LambdaCallback({
        onEpochEnd: async (epoch) => {
          const output = (await model.predict(probe)) as tf.Tensor;
          predictions.push(Array.from(await output.data()));
          output.dispose();
          // The checkpoint of epoch 3 (0-based 2) runs out of disk space half-way.
          if (epoch === 2) failure.armed = true;
        },
      }),
      new ModelCheckpoint(path),
    ];
    await expect(model.fit(x, y, { epochs: 5, batchSize: 8, verbose: 0, callbacks })).rejects.toThrow('ENOSPC');
    expect(failure.partialWrites).toBe(1);
    expect(predictions).toHaveLength(3);
    // Only the checkpoint of epoch 2 is there, whole: no temporary file, and it loads with epoch 2's predictions.
    expect(await readdir(directory)).toEqual(['latest.keras']);
    const loaded = await loadModel(path);
    const output = (await loaded.predict(probe)) as tf.Tensor;
    expect(Array.from(await output.data())).toEqual(predictions[1]);
    expect(predictions[2]).not.toEqual(predictions[1]);
    tf.dispose([output, x, y, probe]);
    loaded.dispose();
    model.dispose();
  });
});
