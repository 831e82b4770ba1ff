import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tensorsLeftBy, temporaryFolder } from '../test-support/helpers';
import { encodePng } from '../utils/image';
import { makeCsvDataset } from './csv';
import { imageDatasetFromDirectory } from './image-directory';

beforeAll(() => useBackend('cpu'));
let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => folder.remove());

/** cats/ holds 3 dark 8x8 images, dogs/ 2 bright 4x4 ones; the brightness tells the class back. */
async function writeImageFolder(): Promise<string> {
  const root = join(folder.path, 'images');
  for (const [name, count, value, size] of [['cats', 3, 10, 8], ['dogs', 2, 240, 4]] as const) {
    mkdirSync(join(root, name), { recursive: true });
    for (let i = 0; i < count; i++) {
      const data = new Uint8Array(size * size * 3).fill(value);
      writeFileSync(join(root, name, `${i}.png`), await encodePng({ width: size, height: size, channels: 3, data }));
    }
  }
  writeFileSync(join(root, 'cats', 'notes.txt'), 'not an image');
  return root;
}

describe('imageDatasetFromDirectory', () => {
  it('yields [images, labels] batches with classes from sorted subfolders', async () => {
    const root = await writeImageFolder();
    const dataset = await imageDatasetFromDirectory(root, { imageSize: [6, 6], batchSize: 2, seed: 1 });
    expect(dataset.classNames).toEqual(['cats', 'dogs']);
    expect(dataset.filePaths).toHaveLength(5);
    const leaked = await tensorsLeftBy(async () => {
      const labels: number[] = [];
      const sizes: number[] = [];
      for await (const batch of dataset) {
        const [images, batchLabels] = batch as [tf.Tensor4D, tf.Tensor];
        expect(images.shape.slice(1)).toEqual([6, 6, 3]);
        sizes.push(images.shape[0]);
        const pixels = images.dataSync();
        batchLabels.dataSync().forEach((label, i) => {
          labels.push(label);
          expect(pixels[i * 108]).toBeCloseTo(label === 0 ? 10 : 240, 3);
        });
        tf.dispose([images, batchLabels]);
      }
      expect(sizes).toEqual([2, 2, 1]);
      expect(labels.sort()).toEqual([0, 0, 0, 1, 1]);
    });
    expect(leaked).toBe(0);
  });

  it('splits training and validation without overlap, with categorical and grayscale options', async () => {
    const root = await writeImageFolder();
    const [training, validation] = await imageDatasetFromDirectory(root, {
      imageSize: [4, 4], validationSplit: 0.4, subset: 'both', seed: 7, labelMode: 'categorical', colorMode: 'grayscale',
    });
    expect(training.filePaths).toHaveLength(3);
    expect(validation.filePaths).toHaveLength(2);
    expect(training.filePaths.filter((file) => validation.filePaths.includes(file))).toEqual([]);
    const [[images, labels]] = (await validation.toArray()) as Array<[tf.Tensor, tf.Tensor]>;
    expect(images.shape).toEqual([2, 4, 4, 1]);
    expect(labels.shape).toEqual([2, 2]);
    tf.dispose([images, labels]);
  });

  it('refuses bad arguments, missing folders and unreadable images', async () => {
    const root = await writeImageFolder();
    await expect(imageDatasetFromDirectory(join(root, 'none'))).rejects.toThrow(/is not a directory/);
    await expect(imageDatasetFromDirectory(root, { validationSplit: 0.2 })).rejects.toThrow(/validationSplit and subset together/);
    await expect(imageDatasetFromDirectory(root, { classNames: ['cats', 'birds'] })).rejects.toThrow(/class folder 'birds'/);
    writeFileSync(join(root, 'dogs', 'broken.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]));
    const dataset = await imageDatasetFromDirectory(root, { batchSize: 8, shuffle: false });
    await expect(dataset.toArray()).rejects.toThrow(/broken.png is not a readable PNG/);
  });
});

describe('makeCsvDataset', () => {
  const csv = ['a,b,name,label', '1,2,"x, y",0', '3,4,z,1', '5,,w,1', ''].join('\n');

  it('streams rows into batches of column tensors and [features, label] pairs', async () => {
    const path = join(folder.path, 'data.csv');
    writeFileSync(path, csv);
    const [features, label] = (await makeCsvDataset(path, { batchSize: 3, labelName: 'label', shuffle: false }).toArray())[0] as [
      Record<string, tf.Tensor>,
      tf.Tensor,
    ];
    expect(Array.from(features.a.dataSync())).toEqual([1, 3, 5]);
    expect(Array.from(features.b.dataSync())).toEqual([2, 4, Number.NaN]);
    expect(features.name.dataSync()).toEqual(['x, y', 'z', 'w']);
    expect(Array.from(label.dataSync())).toEqual([0, 1, 1]);
    tf.dispose([...Object.values(features), label]);
    const packed = await makeCsvDataset(path, { batchSize: 2, labelName: 'label', selectColumns: ['a', 'b'], packFeatures: true, shuffle: false, numEpochs: 2 }).toArray();
    expect((packed as Array<[tf.Tensor, tf.Tensor]>).map(([x]) => x.shape)).toEqual([[2, 2], [2, 2], [2, 2]]);
    tf.dispose(packed);
  });

  it('refuses rows with the wrong number of fields and non-numbers in numeric columns', async () => {
    const path = join(folder.path, 'bad.csv');
    writeFileSync(path, 'a,b\n1,2\n3\n');
    await expect(makeCsvDataset(path, { batchSize: 2 }).toArray()).rejects.toThrow(/bad.csv line 3: expected 2 fields \(a, b\), found 1/);
    writeFileSync(path, 'a,b\n1,2\n3,x\n');
    await expect(makeCsvDataset(path, { batchSize: 2 }).toArray()).rejects.toThrow(/line 3: column 'b' is numeric but holds 'x'/);
    await expect(makeCsvDataset(path, { batchSize: 2, labelName: 'c' }).toArray()).rejects.toThrow(/has no column 'c'/);
    await expect(makeCsvDataset(join(folder.path, 'none.csv'), { batchSize: 2 }).toArray()).rejects.toThrow(/does not exist/);
  });
});
