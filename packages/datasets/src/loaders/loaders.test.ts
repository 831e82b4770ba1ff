import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../formats/idx';
import { encodeNpy } from '../npy';
import { RandomState } from '../rng';
import { isolatedFolderPerTest, makeTar } from '../test-support/helpers';
import { CIFAR_BATCH_PROTOCOL_2_BASE64, IMDB_NPZ_BASE64, fromBase64 } from '../test-support/python-files';
import * as bostonHousing from './boston-housing';
import * as cifar10 from './cifar10';
import * as fashionMnist from './fashion-mnist';
import * as imdb from './imdb';
import * as mnist from './mnist';

beforeAll(() => useBackend('cpu'));

// The real data folder (CI sets it), read before each test clears the variable.
const realDatasetsDir = process.env.STRATA_DATASETS_DIR;
// Each test chooses its own search folders; none may reach the real cache or network.
const folder = isolatedFolderPerTest();

const pixels = (count: number) => Uint8Array.from({ length: count * 784 }, (_, i) => (i * 31) % 256);

/** Writes arrays in the layout of Keras's mnist.npz (uint8 x (N, 28, 28), uint8 y (N,)). */
function writeMnistNpz(path: string, skip: string[] = []): void {
  const arrays: Record<string, Uint8Array> = {
    'x_train.npy': encodeNpy({ dtype: 'u1', shape: [3, 28, 28], data: pixels(3) }),
    'y_train.npy': encodeNpy({ dtype: 'u1', shape: [3], data: Uint8Array.from([5, 0, 4]) }),
    'x_test.npy': encodeNpy({ dtype: 'u1', shape: [2, 28, 28], data: pixels(2) }),
    'y_test.npy': encodeNpy({ dtype: 'u1', shape: [2], data: Uint8Array.from([7, 2]) }),
  };
  for (const name of skip) delete arrays[`${name}.npy`];
  writeFileSync(path, zipSync(arrays));
}

describe('mnist.loadData from a Keras mnist.npz', () => {
  it('returns [[xTrain, yTrain], [xTest, yTest]] with Keras shapes and values', async () => {
    const path = join(folder.path, 'mnist.npz');
    writeMnistNpz(path);
    const before = tf.memory().numTensors;
    const [[xTrain, yTrain], [xTest, yTest]] = await mnist.loadData({ path });
    expect(xTrain.shape).toEqual([3, 28, 28]);
    expect(xTest.shape).toEqual([2, 28, 28]);
    expect(Array.from(yTrain.dataSync())).toEqual([5, 0, 4]);
    expect(Array.from(yTest.dataSync())).toEqual([7, 2]);
    expect(Array.from(xTrain.dataSync().slice(0, 10))).toEqual(Array.from(pixels(1).slice(0, 10)));
    tf.dispose([xTrain, yTrain, xTest, yTest]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an npz without the expected arrays, or with arrays of the wrong rank', async () => {
    const path = join(folder.path, 'mnist.npz');
    writeMnistNpz(path, ['x_test', 'y_test']);
    await expect(mnist.loadData({ path })).rejects.toThrow(/lacks the array\(s\) x_test, y_test/);
    writeFileSync(path, zipSync({
      'x_train.npy': encodeNpy({ dtype: 'u1', shape: [3, 784], data: pixels(3) }),
      'y_train.npy': encodeNpy({ dtype: 'u1', shape: [3], data: new Uint8Array(3) }),
      'x_test.npy': encodeNpy({ dtype: 'u1', shape: [2, 28, 28], data: pixels(2) }),
      'y_test.npy': encodeNpy({ dtype: 'u1', shape: [2], data: new Uint8Array(2) }),
    }));
    await expect(mnist.loadData({ path })).rejects.toThrow(/x_train has dtype u1 and shape \[3, 784\], expected an integer array with 3 dimension/);
    writeFileSync(path, new Uint8Array([1, 2, 3]));
    await expect(mnist.loadData({ path })).rejects.toThrow(/not a valid .npz/);
    await expect(mnist.loadData({ path: join(folder.path, 'absent.npz') })).rejects.toThrow(/mnist.npz was not found at the path given/);
  });
});

/** Writes the four gzipped IDX files of an MNIST-layout data set into `directory`. */
function writeIdxFiles(directory: string, labels: { train: number[]; test: number[] }): void {
  mkdirSync(directory, { recursive: true });
  const write = (name: string, bytes: Uint8Array) => writeFileSync(join(directory, name), gzipSync(bytes));
  write('train-images-idx3-ubyte.gz', encodeIdx([labels.train.length, 28, 28], pixels(labels.train.length)));
  write('train-labels-idx1-ubyte.gz', encodeIdx([labels.train.length], Uint8Array.from(labels.train)));
  write('t10k-images-idx3-ubyte.gz', encodeIdx([labels.test.length, 28, 28], pixels(labels.test.length)));
  write('t10k-labels-idx1-ubyte.gz', encodeIdx([labels.test.length], Uint8Array.from(labels.test)));
}

describe('IDX loaders', () => {
  it('read a folder given as path (not hash-checked) and refuse mismatched files', async () => {
    writeIdxFiles(folder.path, { train: [9, 0, 0], test: [9] });
    const [[xTrain, yTrain], [xTest, yTest]] = await fashionMnist.loadData({ path: folder.path });
    expect(xTrain.shape).toEqual([3, 28, 28]);
    expect(Array.from(yTrain.dataSync())).toEqual([9, 0, 0]);
    tf.dispose([xTrain, yTrain, xTest, yTest]);
    writeFileSync(join(folder.path, 'train-labels-idx1-ubyte.gz'), gzipSync(encodeIdx([2], Uint8Array.from([1, 2]))));
    await expect(fashionMnist.loadData({ path: folder.path })).rejects.toThrow(/images have shape \[3, 28, 28\] and the labels \[2\]/);
    writeFileSync(join(folder.path, 'train-labels-idx1-ubyte.gz'), gzipSync(encodeIdx([3, 28, 28], pixels(3))));
    await expect(fashionMnist.loadData({ path: folder.path })).rejects.toThrow(/train-labels-idx1-ubyte.gz has IDX magic 0x00000803/);
  });

  it('checks files found in STRATA_DATASETS_DIR by their SHA-256 and names a bad copy', async () => {
    writeIdxFiles(join(folder.path, 'fashion-mnist'), { train: [1], test: [1] });
    process.env.STRATA_DATASETS_DIR = folder.path;
    await expect(fashionMnist.loadData({ cacheDir: join(folder.path, 'cache') })).rejects.toThrow(
      /fashion-mnist\/t(rain|10k)-.*\.gz does not have the expected SHA-256/,
    );
  });

  it('accepts a copy whose gzip header differs when its decompressed data matches', async (context) => {
    const shared = realDatasetsDir;
    if (!shared) return context.skip('STRATA_DATASETS_DIR is not set, so no canonical file to re-wrap');
    const { readFileSync } = await import('node:fs');
    const { gunzipSync } = await import('node:zlib');
    // As Debian's package does: same data, another gzip header (no file name, time 0).
    const data = gunzipSync(readFileSync(join(shared, 'fashion-mnist', 't10k-labels-idx1-ubyte.gz')));
    mkdirSync(join(folder.path, 'fashion-mnist'));
    writeFileSync(join(folder.path, 'fashion-mnist', 't10k-labels-idx1-ubyte.gz'), gzipSync(data, { level: 9 }));
    process.env.STRATA_DATASETS_DIR = folder.path;
    const { readDatasetFile } = await import('../files/locate');
    const { FASHION_MNIST_FILES } = await import('./known-files');
    const bytes = await readDatasetFile(FASHION_MNIST_FILES.testLabels, { cacheDir: join(folder.path, 'cache') });
    expect(bytes.length).toBe(10008);
  });

  it('says offline which file is missing, where it looked and how to place it', async () => {
    process.env.STRATA_DATASETS_DIR = join(folder.path, 'shared');
    const error = await fashionMnist
      .loadData({ cacheDir: join(folder.path, 'cache'), baseUrl: 'http://127.0.0.1:9/' })
      .catch((caught: Error) => caught);
    expect(String(error)).toMatch(/train-images-idx3-ubyte.gz is missing\. Looked in: .*shared\/fashion-mnist\/train-images-idx3-ubyte.gz, .*cache\/datasets\/fashion-mnist\/train-images-idx3-ubyte.gz, \/usr\/share\/datasets\/fashion-mnist\/train-images-idx3-ubyte.gz\. Downloading 'http:\/\/127.0.0.1:9\/train-images-idx3-ubyte.gz' failed/);
    expect(String(error)).toMatch(/download it from https:\/\/storage.googleapis.com\/tensorflow\/tf-keras-datasets\/train-images-idx3-ubyte.gz on another machine and place it as .*cache\/datasets\/fashion-mnist\/train-images-idx3-ubyte.gz, or set STRATA_DATASETS_DIR/);
  });
});

describe('cifar10, imdb and bostonHousing from the files Keras downloads', () => {
  it('reads cifar-10-python.tar.gz: tar, pickled batches, channels-last transpose', async () => {
    const batch = fromBase64(CIFAR_BATCH_PROTOCOL_2_BASE64);
    const entries: Record<string, Uint8Array> = { 'cifar-10-batches-py/test_batch': batch };
    for (let i = 1; i <= 5; i++) entries[`cifar-10-batches-py/data_batch_${i}`] = batch;
    const path = join(folder.path, 'cifar-10-python.tar.gz');
    writeFileSync(path, gzipSync(makeTar(entries)));
    const [[xTrain, yTrain], [xTest, yTest]] = await cifar10.loadData({ path });
    expect(xTrain.shape).toEqual([5, 32, 32, 3]);
    expect(yTrain.shape).toEqual([5, 1]);
    expect(xTest.shape).toEqual([1, 32, 32, 3]);
    expect(Array.from(yTest.dataSync())).toEqual([6]);
    // The pickle holds channel planes: pixel p of channel c is byte c*1024+p, valued ((c*1024+p)*7) % 256.
    const first = Array.from(xTest.dataSync().slice(0, 6));
    expect(first).toEqual([0, (1024 * 7) % 256, (2048 * 7) % 256, 7, (1025 * 7) % 256, (2049 * 7) % 256]);
    tf.dispose([xTrain, yTrain, xTest, yTest]);
    writeFileSync(path, gzipSync(makeTar({ 'cifar-10-batches-py/test_batch': batch })));
    await expect(cifar10.loadData({ path })).rejects.toThrow(/has no entry 'cifar-10-batches-py\/data_batch_1'/);
  });

  it('reads imdb.npz (pickled object arrays) with Keras index offsets, numWords, skipTop and maxlen', async () => {
    const path = join(folder.path, 'imdb.npz');
    writeFileSync(path, fromBase64(IMDB_NPZ_BASE64));
    // Expected values computed by Keras's load_data code under NumPy 2.4 on the same file.
    const [[xTrain, yTrain], [xTest, yTest]] = await imdb.loadData({ path });
    expect(xTrain).toEqual([[1, 4, 7, 5], [1, 4, 17, 50, 11, 33], [1, 4, 17, 25, 19], [1, 4, 197, 2]]);
    expect(Array.from(yTrain.dataSync())).toEqual([1, 0, 1, 0]);
    expect(xTest).toEqual([[1, 4, 17, 12, 9, 58], [1, 4, 594, 205], [1, 4, 114]]);
    expect(Array.from(yTest.dataSync())).toEqual([1, 0, 1]);
    tf.dispose([yTrain, yTest]);
    const [[xShort, yShort], [xShortTest, yShortTest]] = await imdb.loadData({ path, numWords: 100, skipTop: 5, maxlen: 6 });
    expect(xShort).toEqual([[2, 2, 7, 5], [2, 2, 17, 25, 19], [2, 2, 2, 2]]);
    expect(Array.from(yShort.dataSync())).toEqual([1, 1, 0]);
    expect(xShortTest).toEqual([[2, 2, 2, 2], [2, 2, 2]]);
    tf.dispose([yShort, yShortTest]);
    await expect(imdb.loadData({ path, maxlen: 2 })).rejects.toThrow(/a split is empty/);
  });

  it('splits boston_housing.npz after NumPy RandomState(113) shuffling', async () => {
    const rows = 20;
    const x = Float64Array.from({ length: rows * 13 }, (_, i) => i);
    const y = Float64Array.from({ length: rows }, (_, i) => i * 0.5);
    const path = join(folder.path, 'boston_housing.npz');
    writeFileSync(path, zipSync({
      'x.npy': encodeNpy({ dtype: 'f8', shape: [rows, 13], data: x }),
      'y.npy': encodeNpy({ dtype: 'f8', shape: [rows], data: y }),
    }));
    const [[xTrain, yTrain], [xTest, yTest]] = await bostonHousing.loadData({ path });
    expect(xTrain.shape).toEqual([16, 13]);
    expect(xTest.shape).toEqual([4, 13]);
    // np.random.RandomState(113).permutation(20) = [14, 11, 19, 17, 1, ...]
    expect(Array.from(new RandomState(113).permutation(20).slice(0, 3))).toEqual([14, 11, 19]);
    expect(Array.from(yTrain.dataSync().slice(0, 3))).toEqual([7, 5.5, 9.5]);
    expect(xTrain.dataSync()[13]).toBe(11 * 13);
    tf.dispose([xTrain, yTrain, xTest, yTest]);
  });
});
