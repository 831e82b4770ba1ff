import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BackupAndRestore } from './backup-and-restore';
import { LambdaCallback } from './lambda-callback';
import { LinearModel, fit, regressionData } from './test-support/linear-model';

let directory: string;
beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'strata-backup-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

class Interrupted extends Error {}

describe('BackupAndRestore', () => {
  it('resumes an interrupted fit at the next epoch with the same weights and optimizer state', async () => {
    const { x, y } = regressionData();
    const backupDir = join(directory, 'backup');

    // The uninterrupted run, for reference.
    const reference = new LinearModel(2);
    const referenceHistory = await fit(reference, x, y, { epochs: 6 });

    // Keras's doc example: interrupt at the start of (0-based) epoch 4, then fit again.
    const model = new LinearModel(2);
    const interrupt = new LambdaCallback({
      onEpochBegin: (epoch) => {
        if (epoch === 4) throw new Interrupted('Interrupting!');
      },
    });
    await expect(fit(model, x, y, { epochs: 6, callbacks: [new BackupAndRestore({ backupDir }), interrupt] })).rejects.toThrow(
      Interrupted,
    );
    expect(await readdir(backupDir)).toEqual(['latest.backup']);

    // A fresh model (as after a restart) resumes: only epochs 4 and 5 run.
    const resumed = new LinearModel(2, 99);
    const history = await fit(resumed, x, y, { epochs: 6, callbacks: [new BackupAndRestore({ backupDir })] });
    expect(history.epoch).toEqual([4, 5]);
    expect(resumed.optimizer.iterations).toBe(reference.optimizer.iterations);
    // Same weights and momentum as the uninterrupted run: the losses of epochs 4 and 5 match.
    expect(history.history.loss).toEqual(referenceHistory.history.loss.slice(4));
    expect(resumed.weightValues()).toEqual(reference.weightValues());
    // A completed fit deletes the backup.
    await expect(readdir(backupDir)).rejects.toThrow();
    // ...and the temporary file of a write that a crash interrupted.
    await mkdir(backupDir, { recursive: true });
    await writeFile(join(backupDir, 'latest.backup.tmp-123-4'), 'half a backup');
    const another = new LinearModel(2);
    await fit(another, x, y, { epochs: 1, callbacks: [new BackupAndRestore({ backupDir })] });
    await expect(readdir(backupDir)).rejects.toThrow();
    for (const item of [reference, model, resumed, another]) item.dispose();
    tf.dispose([x, y]);
  });

  it('keeps the backup with deleteCheckpoint false and backs up every N batches', async () => {
    const { x, y } = regressionData();
    const backupDir = join(directory, 'kept');
    const model = new LinearModel(2);
    const callback = new BackupAndRestore({ backupDir, deleteCheckpoint: false, saveFreq: 2 });
    await fit(model, x, y, { epochs: 2, callbacks: [callback] });
    expect(await readdir(backupDir)).toEqual(['latest.backup']);
    // Batch-level backups keep the counter of the epoch in progress (as Keras does): resuming reruns epoch 1.
    const other = new LinearModel(2, 5);
    expect(await new BackupAndRestore({ backupDir }).restore(other)).toBe(1);
    expect(other.weightValues()).toEqual(model.weightValues());
    for (const item of [model, other]) item.dispose();
    tf.dispose([x, y]);
  });

  it('refuses a backup written by a different model, or a damaged file', async () => {
    const { x, y } = regressionData();
    const backupDir = join(directory, 'mismatch');
    const model = new LinearModel(2);
    await fit(model, x, y, { epochs: 1, callbacks: [new BackupAndRestore({ backupDir, deleteCheckpoint: false })] });
    const wider = new LinearModel(3);
    await expect(new BackupAndRestore({ backupDir }).restore(wider)).rejects.toThrow(/has shape \[2,1\] for weight 0 but the model expects \[3,1\]/);
    await writeFile(join(backupDir, 'latest.backup'), 'garbage');
    await expect(new BackupAndRestore({ backupDir }).restore(model)).rejects.toThrow(/not a Strata backup/);
    for (const item of [model, wider]) item.dispose();
    tf.dispose([x, y]);
  });
});
