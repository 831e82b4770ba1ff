import { expectAllClose } from '@strata/testing';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CenterCrop, Resizing } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

type Image = number[][]; // one channel, [row][column]

/** A height × width single-channel image with value row * 10 + column. */
function image(height: number, width: number): Image {
  return Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => r * 10 + c));
}

const asBatch = (img: Image) => tf.tensor4d([img.map((row) => row.map((v) => [v]))]);
const fromBatch = (t: tf.Tensor) => (t.arraySync() as number[][][][])[0].map((row) => row.map((px) => px[0]));

/** TensorFlow's half-pixel bilinear resize, by loops (resize_bilinear with half_pixel_centers). */
function naiveBilinear(img: Image, height: number, width: number): Image {
  const inH = img.length;
  const inW = img[0].length;
  const axis = (out: number, inSize: number, outSize: number) => {
    const x = (out + 0.5) * (inSize / outSize) - 0.5;
    const low = Math.floor(x);
    return { lo: Math.max(low, 0), hi: Math.min(Math.ceil(x), inSize - 1), t: x - low };
  };
  return Array.from({ length: height }, (_, r) => {
    const y = axis(r, inH, height);
    return Array.from({ length: width }, (_, c) => {
      const x = axis(c, inW, width);
      const top = img[y.lo][x.lo] + (img[y.lo][x.hi] - img[y.lo][x.lo]) * x.t;
      const bottom = img[y.hi][x.lo] + (img[y.hi][x.hi] - img[y.hi][x.lo]) * x.t;
      return top + (bottom - top) * y.t;
    });
  });
}

/** Half-pixel nearest neighbour: floor((out + 0.5) * scale). */
function naiveNearest(img: Image, height: number, width: number): Image {
  const pick = (o: number, inSize: number, outSize: number) => Math.min(Math.floor((o + 0.5) * (inSize / outSize)), inSize - 1);
  return Array.from({ length: height }, (_, r) =>
    Array.from({ length: width }, (_, c) => img[pick(r, img.length, height)][pick(c, img[0].length, width)]),
  );
}

describe('Resizing', () => {
  it('matches half-pixel bilinear and nearest resizing computed by loops', () => {
    const img = image(4, 6);
    expectAllClose(fromBatch(new Resizing(3, 4).apply(asBatch(img)) as tf.Tensor), naiveBilinear(img, 3, 4), { atol: 1e-4 });
    expectAllClose(fromBatch(new Resizing(7, 9).apply(asBatch(img)) as tf.Tensor), naiveBilinear(img, 7, 9), { atol: 1e-4 });
    expectAllClose(fromBatch(new Resizing(3, 4, { interpolation: 'nearest' }).apply(asBatch(img)) as tf.Tensor), naiveNearest(img, 3, 4));
  });

  it('crops to the target aspect ratio first (centred), as Keras', () => {
    const img = image(4, 6);
    // Target 2×2 from 4×6: the centred 4×4 box starts at column 1, then a 2× downsample averages 2×2 blocks.
    const out = fromBatch(new Resizing(2, 2, { cropToAspectRatio: true }).apply(asBatch(img)) as tf.Tensor);
    expectAllClose(out, [
      [(1 + 2 + 11 + 12) / 4, (3 + 4 + 13 + 14) / 4],
      [(21 + 22 + 31 + 32) / 4, (23 + 24 + 33 + 34) / 4],
    ]);
  });

  it('pads to the target aspect ratio first with fill_value, centred', () => {
    const img = image(2, 4);
    const out = fromBatch(new Resizing(4, 4, { padToAspectRatio: true, fillValue: 9 }).apply(asBatch(img)) as tf.Tensor);
    expectAllClose(out, [[9, 9, 9, 9], ...img, [9, 9, 9, 9]]);
  });

  it('rounds integer images back to int32, handles single images and channels_first', () => {
    const ints = tf.tensor3d([[[0], [1]]], undefined, 'int32'); // one 1×2 image
    const out = new Resizing(1, 3).apply(ints) as tf.Tensor;
    expect(out.dtype).toBe('int32');
    expect(out.shape).toEqual([1, 3, 1]);
    const img = image(4, 6);
    const last = new Resizing(3, 4).apply(asBatch(img)) as tf.Tensor;
    const first = new Resizing(3, 4, { dataFormat: 'channels_first' }).apply(tf.tensor4d([[img]])) as tf.Tensor;
    expectAllClose(first, fromBatch(last));
  });

  it('writes Keras config keys and rejects unsupported interpolation clearly', () => {
    const layer = new Resizing(5, 3, { interpolation: 'nearest' });
    expect(layer.getConfig()).toMatchObject({
      height: 5,
      width: 3,
      interpolation: 'nearest',
      crop_to_aspect_ratio: false,
      pad_to_aspect_ratio: false,
      fill_mode: 'constant',
      fill_value: 0,
      data_format: 'channels_last',
    });
    expect(() => new Resizing(2, 2, { interpolation: 'bicubic' })).toThrow(/"bicubic" is a Keras option that Strata does not support/);
    expect(() => new Resizing(2, 2, { interpolation: 'cubic' })).toThrow(/does not know `interpolation`="cubic"/);
    expect(() => new Resizing(0, 2)).toThrow(/`height` to be a positive integer/);
  });
});

describe('CenterCrop', () => {
  it('slices the centre, with Keras offsets int((size - target) / 2)', () => {
    const img = image(5, 5);
    expectAllClose(fromBatch(new CenterCrop(3, 3).apply(asBatch(img)) as tf.Tensor), img.slice(1, 4).map((row) => row.slice(1, 4)));
    const odd = image(4, 4);
    // height diff 1 → start 0; width diff 2 → start 1.
    expectAllClose(fromBatch(new CenterCrop(3, 2).apply(asBatch(odd)) as tf.Tensor), odd.slice(0, 3).map((row) => row.slice(1, 3)));
  });

  it('resizes (bilinear, after an aspect-ratio crop) an image smaller than the target', () => {
    const img = image(2, 2);
    expectAllClose(fromBatch(new CenterCrop(4, 4).apply(asBatch(img)) as tf.Tensor), naiveBilinear(img, 4, 4), { atol: 1e-4 });
  });

  it('writes Keras config keys', () => {
    const layer = new CenterCrop(2, 3);
    expect(layer.getConfig()).toMatchObject({ height: 2, width: 3, data_format: 'channels_last' });
    expect(() => new CenterCrop(2, 2).apply(tf.ones([2, 3]))).toThrow(/rank 3 \(one image\) or 4/);
  });
});
