import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CIFAR100_TEST_BATCH_BASE64, CIFAR100_TRAIN_BATCH_BASE64 } from '../test-support/cifar100-files';
import { makeTar, temporaryFolder } from '../test-support/helpers';
import { fromBase64 } from '../test-support/python-files';
import * as cifar100 from './cifar100';

beforeAll(() => useBackend('cpu'));
let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => folder.remove());

function writeArchive(entries: Record<string, string>): string {
  const path = join(folder.path, 'cifar-100-python.tar.gz');
  const files = Object.fromEntries(Object.entries(entries).map(([name, base64]) => [`cifar-100-python/${name}`, fromBase64(base64)]));
  writeFileSync(path, gzipSync(makeTar(files)));
  return path;
}

describe('cifar100.loadData', () => {
  it("reads cifar-100-python.tar.gz with Keras's shapes, channels last, fine labels by default and coarse on request", async () => {
    const path = writeArchive({ train: CIFAR100_TRAIN_BATCH_BASE64, test: CIFAR100_TEST_BATCH_BASE64 });
    const before = tf.memory().numTensors;
    const [[xTrain, yTrain], [xTest, yTest]] = await cifar100.loadData({ path });
    expect(xTrain.shape).toEqual([2, 32, 32, 3]);
    expect(yTrain.shape).toEqual([2, 1]);
    expect(xTest.shape).toEqual([1, 32, 32, 3]);
    expect(xTrain.dtype).toBe('int32');
    // The values NumPy gave (see the fixture's comments).
    expect(Array.from(yTrain.dataSync())).toEqual([99, 58]);
    expect(Array.from(yTest.dataSync())).toEqual([34]);
    tf.tidy(() => {
      expect(Array.from(tf.slice(xTrain, [0, 0, 0, 0], [1, 1, 1, 3]).dataSync())).toEqual([37, 23, 217]);
      expect(Array.from(tf.slice(xTrain, [1, 31, 31, 0], [1, 1, 1, 3]).dataSync())).toEqual([66, 152, 99]);
      expect(tf.sum(xTrain).dataSync()[0]).toBe(790726);
      expect(tf.sum(xTest).dataSync()[0]).toBe(395484);
    });
    tf.dispose([xTrain, yTrain, xTest, yTest]);
    expect(tf.memory().numTensors).toBe(before);
    const coarse = await cifar100.loadData({ path, labelMode: 'coarse' });
    expect(Array.from(coarse[0][1].dataSync())).toEqual([8, 18]);
    expect(Array.from(coarse[1][1].dataSync())).toEqual([19]);
    tf.dispose(coarse.flat());
  });

  it('refuses an unknown labelMode and an archive without the test batch', async () => {
    const path = writeArchive({ train: CIFAR100_TRAIN_BATCH_BASE64 });
    await expect(cifar100.loadData({ path, labelMode: 'medium' as 'fine' })).rejects.toThrow(
      "labelMode must be one of 'fine', 'coarse'. Received: labelMode=medium.",
    );
    await expect(cifar100.loadData({ path })).rejects.toThrow("cifar-100-python.tar.gz has no entry 'cifar-100-python/test'");
  });
});
