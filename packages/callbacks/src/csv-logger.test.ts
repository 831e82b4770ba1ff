import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSVLogger } from './csv-logger';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'strata-csv-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function logEpochs(logger: CSVLogger, epochs: Array<Record<string, number>>, first = 0) {
  await logger.onTrainBegin();
  for (const [index, logs] of epochs.entries()) await logger.onEpochEnd(first + index, logs);
  await logger.onTrainEnd();
}

describe('CSVLogger', () => {
  it('writes a header of sorted keys and one row per epoch, as Python csv writes it', async () => {
    const file = join(directory, 'log.csv');
    await logEpochs(new CSVLogger(file), [
      { loss: 0.5, val_loss: 0.25, accuracy: 0.75 },
      { loss: 0.125, val_loss: 1e-5, accuracy: 1 },
    ]);
    expect(await readFile(file, 'utf8')).toBe('epoch,accuracy,loss,val_loss\r\n0,0.75,0.5,0.25\r\n1,1.0,0.125,1e-05\r\n');
  });

  it('appends without a second header, and overwrites when append is false', async () => {
    const file = join(directory, 'log.tsv');
    await logEpochs(new CSVLogger(file, { separator: '\t' }), [{ loss: 2 }]);
    await logEpochs(new CSVLogger(file, { separator: '\t', append: true }), [{ loss: 1 }], 1);
    expect(await readFile(file, 'utf8')).toBe('epoch\tloss\r\n0\t2.0\r\n1\t1.0\r\n');
    await logEpochs(new CSVLogger(file, { separator: '\t' }), [{ loss: 3 }]);
    expect(await readFile(file, 'utf8')).toBe('epoch\tloss\r\n0\t3.0\r\n');
  });

  it("writes NA for a key missing from a later epoch's logs", async () => {
    const file = join(directory, 'log.csv');
    await logEpochs(new CSVLogger(file), [{ loss: 1, val_loss: 2 }, { loss: 0.5 }]);
    expect(await readFile(file, 'utf8')).toBe('epoch,loss,val_loss\r\n0,1.0,2.0\r\n1,0.5,NA\r\n');
  });
});
