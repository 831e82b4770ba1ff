import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import jpeg from 'jpeg-js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../test-support/helpers';
import { normalize, toCategorical } from './categorical';
import { arrayToImg, convertColorMode, decodeImage, encodePng, imgToArray, loadImg, saveImg } from './image';
import { resizeImage } from './resize';

beforeAll(() => useBackend('cpu'));
let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => folder.remove());

describe('toCategorical and normalize', () => {
  it('one-hot encodes as Keras: float32, trailing 1 dropped, numClasses inferred', () => {
    const fromArray = toCategorical([0, 2, 1]);
    expect(fromArray.dtype).toBe('float32');
    expect(fromArray.shape).toEqual([3, 3]);
    expect(Array.from(fromArray.dataSync())).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0]);
    const labels = tf.tensor2d([[1], [3]], [2, 1], 'int32');
    const fromTensor = toCategorical(labels, 5);
    expect(fromTensor.shape).toEqual([2, 5]);
    expect(Array.from(fromTensor.dataSync())).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(() => toCategorical([0, 5], 3)).toThrow(/label 5, which is not below numClasses \(3\)/);
    expect(() => toCategorical([1.5])).toThrow(/non-negative integer labels, received 1.5/);
    tf.dispose([fromArray, labels, fromTensor]);
  });

  it("refuses a tensor of labels on 'webgpu', which cannot read synchronously, and says what to pass instead", async () => {
    const labels = tf.tensor1d([0, 1], 'int32');
    // A stand-in backend under webgpu's name: only its name matters before any kernel runs.
    class NamedOnly extends tf.KernelBackend {
      override dispose(): void {}
    }
    tf.registerBackend('webgpu', () => new NamedOnly(), -1);
    try {
      await tf.setBackend('webgpu');
      expect(() => toCategorical(labels, 2)).toThrow(/toCategorical\(await labels\.data\(\), numClasses\)/);
    } finally {
      await tf.setBackend('cpu');
      tf.removeBackend('webgpu');
      labels.dispose();
    }
  });

  it('normalizes rows to unit L2 norm and leaves zero rows alone', () => {
    const x = tf.tensor2d([[3, 4], [0, 0]]);
    const before = tf.memory().numTensors;
    const unit = normalize(x);
    expect(tf.memory().numTensors - before).toBe(1);
    expect(Array.from(unit.dataSync())).toEqual([0.6, 0.8, 0, 0].map(Math.fround));
    const manhattan = normalize(x, -1, 1);
    expect(Array.from(manhattan.dataSync())).toEqual([3 / 7, 4 / 7].map(Math.fround).concat([0, 0]));
    tf.dispose([x, unit, manhattan]);
  });
});

describe('images', () => {
  const gradient = { width: 4, height: 2, channels: 3 as const, data: Uint8Array.from({ length: 24 }, (_, i) => i * 10) };

  it('round-trips PNG through saveImg, loadImg and imgToArray', async () => {
    const path = join(folder.path, 'gradient.png');
    await saveImg(path, gradient);
    const loaded = await loadImg(path);
    expect(loaded).toEqual(gradient);
    const array = imgToArray(loaded);
    expect(array.shape).toEqual([2, 4, 3]);
    expect(array.dtype).toBe('float32');
    expect(array.dataSync()[23]).toBe(230);
    array.dispose();
  });

  it('reads a PNG, resizes it to 28x28, makes it grayscale, ready to predict', async () => {
    const digit = { width: 56, height: 56, channels: 4 as const, data: new Uint8Array(56 * 56 * 4) };
    for (let y = 0; y < 56; y++) {
      for (let x = 0; x < 56; x++) {
        const offset = (y * 56 + x) * 4;
        digit.data.set(x >= 20 && x < 36 ? [255, 255, 255, 255] : [0, 0, 0, 255], offset);
      }
    }
    const path = join(folder.path, 'digit.png');
    writeFileSync(path, await encodePng(digit));
    const image = await loadImg(path, { targetSize: [28, 28], colorMode: 'grayscale' });
    expect([image.height, image.width, image.channels]).toEqual([28, 28, 1]);
    expect(Array.from(image.data.subarray(0, 28))).toEqual(Array.from({ length: 28 }, (_, x) => (x >= 10 && x < 18 ? 255 : 0)));
    const input = tf.tidy(() => tf.reshape(tf.div(imgToArray(image), 255), [1, 28, 28]));
    expect(input.shape).toEqual([1, 28, 28]);
    input.dispose();
  });

  it('decodes JPEG with jpeg-js and refuses files that are neither PNG nor JPEG', async () => {
    const rgba = new Uint8Array(8 * 8 * 4).fill(200);
    const encoded = jpeg.encode({ width: 8, height: 8, data: rgba }, 100).data;
    const path = join(folder.path, 'flat.jpg');
    writeFileSync(path, encoded);
    const image = await loadImg(path, { colorMode: 'rgb' });
    expect([image.width, image.height, image.channels]).toEqual([8, 8, 3]);
    expect(Math.abs(image.data[0] - 200)).toBeLessThanOrEqual(2);
    await expect(decodeImage(new Uint8Array([1, 2, 3]), 'notes.txt')).rejects.toThrow(/notes.txt is neither PNG nor JPEG/);
    const png = new Uint8Array(readFileSync(path));
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expect(decodeImage(png, 'broken.png')).rejects.toThrow(/broken.png is not a readable PNG/);
  });

  it('converts colors as Pillow and resizes as Pillow (nearest, box, bilinear)', () => {
    const pixel = { width: 1, height: 1, channels: 3 as const, data: Uint8Array.from([255, 0, 0]) };
    // Pillow: Image.new('RGB', (1, 1), (255, 0, 0)).convert('L').getpixel((0, 0)) == 76
    expect(convertColorMode(pixel, 'grayscale').data[0]).toBe(76);
    const row = { width: 4, height: 1, channels: 1 as const, data: Uint8Array.from([0, 100, 200, 255]) };
    expect(Array.from(resizeImage(row, 1, 2, 'nearest').data)).toEqual([100, 255]);
    expect(Array.from(resizeImage(row, 1, 8, 'nearest').data)).toEqual([0, 0, 100, 100, 200, 200, 255, 255]);
    expect(Array.from(resizeImage(row, 1, 2, 'box').data)).toEqual([50, 228]);
    // Pillow's precompute_coeffs for 4 -> 2: output 0 is centred at 1.0 with source pixels 0..2 weighted
    // 0.75, 0.75, 0.25 (the triangle filter widened by 2), so (0*3 + 100*3 + 200) / 7 = 71.4.
    expect(Array.from(resizeImage(row, 1, 2, 'bilinear').data)).toEqual([71, 209]);
    const flat = { width: 5, height: 3, channels: 1 as const, data: new Uint8Array(15).fill(77) };
    expect(Array.from(resizeImage(flat, 7, 2, 'bicubic').data)).toEqual(Array(14).fill(77));
  });

  it('turns tensors into images, scaling min..max to 0..255', () => {
    const x = tf.tensor2d([[-1, 0], [0.5, 1]]);
    expect(Array.from(arrayToImg(x).data)).toEqual([0, 128, 191, 255]);
    expect(Array.from(arrayToImg(x, { scale: false }).data)).toEqual([0, 0, 1, 1]);
    x.dispose();
  });
});
