import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeNpy } from '../npy';
import { isolatedFolderPerTest } from '../test-support/helpers';
import { IMDB_NPZ_BASE64, fromBase64 } from '../test-support/python-files';
import * as bostonHousing from './boston-housing';
import * as imdb from './imdb';
import * as mnist from './mnist';

beforeAll(() => useBackend('cpu'));

const folder = isolatedFolderPerTest();

function writeMnistNpz(path: string): void {
  const pixels = (count: number) => Uint8Array.from({ length: count * 784 }, (_, i) => (i * 7) % 256);
  writeFileSync(
    path,
    zipSync({
      'x_train.npy': encodeNpy({ dtype: 'u1', shape: [2, 28, 28], data: pixels(2) }),
      'y_train.npy': encodeNpy({ dtype: 'u1', shape: [2], data: Uint8Array.from([3, 9]) }),
      'x_test.npy': encodeNpy({ dtype: 'u1', shape: [1, 28, 28], data: pixels(1) }),
      'y_test.npy': encodeNpy({ dtype: 'u1', shape: [1], data: Uint8Array.from([6]) }),
    }),
  );
}

/** Keras's `mnist.load_data(path)`: the path is the first, positional argument. */
describe('loaders given a path as their first argument, as Keras writes load_data(path)', () => {
  it('mnist.loadData(path) reads that file, as loadData({ path }) does', async () => {
    const path = join(folder.path, 'mnist.npz');
    writeMnistNpz(path);
    const before = tf.memory().numTensors;
    const [[xTrain, yTrain], [xTest, yTest]] = await mnist.loadData(path);
    expect(xTrain.shape).toEqual([2, 28, 28]);
    expect(Array.from(yTrain.dataSync())).toEqual([3, 9]);
    expect(Array.from(yTest.dataSync())).toEqual([6]);
    const [[xTrain2, yTrain2], [xTest2, yTest2]] = await mnist.loadData({ path });
    expect(Array.from(xTrain2.dataSync())).toEqual(Array.from(xTrain.dataSync()));
    tf.dispose([xTrain, yTrain, xTest, yTest, xTrain2, yTrain2, xTest2, yTest2]);
    expect(tf.memory().numTensors).toBe(before);
    await expect(mnist.loadData(join(folder.path, 'absent.npz'))).rejects.toThrow(/mnist.npz was not found at the path given/);
  });

  it('imdb.loadData(path, options) and bostonHousing.loadData(path, options) take the rest of the options second', async () => {
    const imdbPath = join(folder.path, 'imdb.npz');
    writeFileSync(imdbPath, fromBase64(IMDB_NPZ_BASE64));
    const [[xShort, yShort], [xShortTest, yShortTest]] = await imdb.loadData(imdbPath, { numWords: 100, skipTop: 5, maxlen: 6 });
    // The same values as loadData({ path, numWords: 100, skipTop: 5, maxlen: 6 }) in loaders.test.ts (Keras's own numbers).
    expect(xShort).toEqual([[2, 2, 7, 5], [2, 2, 17, 25, 19], [2, 2, 2, 2]]);
    expect(xShortTest).toEqual([[2, 2, 2, 2], [2, 2, 2]]);
    tf.dispose([yShort, yShortTest]);

    const rows = 10;
    const bostonPath = join(folder.path, 'boston_housing.npz');
    writeFileSync(
      bostonPath,
      zipSync({
        'x.npy': encodeNpy({ dtype: 'f8', shape: [rows, 13], data: Float64Array.from({ length: rows * 13 }, (_, i) => i) }),
        'y.npy': encodeNpy({ dtype: 'f8', shape: [rows], data: Float64Array.from({ length: rows }, (_, i) => i) }),
      }),
    );
    const [[xTrain, yTrain], [xTest, yTest]] = await bostonHousing.loadData(bostonPath, { testSplit: 0.5 });
    expect(xTrain.shape).toEqual([5, 13]);
    expect(xTest.shape).toEqual([5, 13]);
    tf.dispose([xTrain, yTrain, xTest, yTest]);
  });

  it('refuses two paths, two options objects, or a first argument that is neither', async () => {
    await expect(mnist.loadData('a.npz', { path: 'b.npz' } as never)).rejects.toThrow(
      /mnist.loadData received the path 'a.npz' and options with path 'b.npz'; expected one path/,
    );
    await expect(imdb.loadData({ numWords: 5 }, { skipTop: 1 })).rejects.toThrow(/imdb.loadData received two options objects/);
    await expect(mnist.loadData(42 as never)).rejects.toThrow(/mnist.loadData received 42 as its first argument; expected a file path \(string\) or an options object/);
  });
});
