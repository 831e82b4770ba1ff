import { expectAllClose } from '@strata/testing';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Layer } from '../engine/layer';
import { RandomFlip, RandomRotation, RandomTranslation, RandomZoom } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

type Image = number[][];
const image = (height: number, width: number): Image =>
  Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => r * 10 + c + 1));
const asBatch = (images: Image[]) => tf.tensor4d(images.map((img) => img.map((row) => row.map((v) => [v]))));
const fromBatch = (t: tf.Tensor): Image[] => (t.arraySync() as number[][][][]).map((img) => img.map((row) => row.map((px) => px[0])));
const mirrorLeftRight = (img: Image) => img.map((row) => [...row].reverse());
const mirrorTopBottom = (img: Image) => [...img].reverse();

/** Keras's fill modes on one coordinate (tf.image.transform's map_coordinates). */
function mapCoordinate(x: number, size: number, mode: string): number | null {
  if (x >= 0 && x < size) return x;
  if (mode === 'constant') return null;
  if (mode === 'nearest') return Math.min(Math.max(x, 0), size - 1);
  if (mode === 'wrap') return ((x % size) + size) % size;
  // reflect: (d c b a | a b c d | d c b a)
  const period = 2 * size;
  const m = ((x % period) + period) % period;
  return m < size ? m : period - 1 - m;
}

/** Resamples by nearest neighbour through `source(x, y) → [x', y']`, by loops. */
function naiveWarp(img: Image, source: (x: number, y: number) => [number, number], mode: string, fill = 0): Image {
  return img.map((row, y) =>
    row.map((_, x) => {
      const [sx, sy] = source(x, y);
      const cx = mapCoordinate(Math.round(sx), row.length, mode);
      const cy = mapCoordinate(Math.round(sy), img.length, mode);
      return cx === null || cy === null ? fill : img[cy][cx];
    }),
  );
}

describe('RandomFlip', () => {
  const images = Array.from({ length: 16 }, (_, i) => image(3, 4).map((row) => row.map((v) => v + 100 * i)));

  it('is the identity in inference', () => {
    const x = asBatch(images);
    expectAllClose(new RandomFlip('horizontal', { seed: 1 }).apply(x) as tf.Tensor, fromBatch(x));
  });

  it('really flips: each image is unchanged or mirrored, and both happen', () => {
    for (const [mode, flip] of [
      ['horizontal', mirrorLeftRight],
      ['vertical', mirrorTopBottom],
      ['horizontal_and_vertical', (img: Image) => mirrorTopBottom(mirrorLeftRight(img))],
    ] as const) {
      const out = fromBatch(new RandomFlip(mode, { seed: 3 }).apply(asBatch(images), { training: true }) as tf.Tensor);
      let flipped = 0;
      out.forEach((img, i) => {
        const same = JSON.stringify(img) === JSON.stringify(images[i]);
        const mirrored = JSON.stringify(img) === JSON.stringify(flip(images[i]));
        expect(same || mirrored, `${mode} image ${i}`).toBe(true);
        if (mirrored) flipped++;
      });
      expect(flipped, mode).toBeGreaterThan(0);
      expect(flipped, mode).toBeLessThan(16);
    }
  });

  it('is deterministic with a seed and draws anew on each call', () => {
    const x = asBatch(images);
    const a = new RandomFlip('horizontal', { seed: 11 });
    const b = new RandomFlip('horizontal', { seed: 11 });
    const first = fromBatch(a.apply(x, { training: true }) as tf.Tensor);
    expect(fromBatch(b.apply(x, { training: true }) as tf.Tensor)).toEqual(first);
    const calls = Array.from({ length: 4 }, () => JSON.stringify(fromBatch(a.apply(x, { training: true }) as tf.Tensor)));
    expect(new Set([JSON.stringify(first), ...calls]).size).toBeGreaterThan(1);
  });

  it('flips channels_first images and single images', () => {
    const img = image(2, 3);
    const out = new RandomFlip('horizontal', { seed: 5, dataFormat: 'channels_first' }).apply(tf.tensor3d([img]), { training: true }) as tf.Tensor;
    const got = (out.arraySync() as number[][][])[0];
    expect([JSON.stringify(img), JSON.stringify(mirrorLeftRight(img))]).toContain(JSON.stringify(got));
  });
});

describe('RandomRotation', () => {
  it('rotates by exactly a quarter turn when factor is [0.25, 0.25] (counter-clockwise)', () => {
    const img = image(4, 4);
    // out[y][x] = in[x][n - 1 - y] for a counter-clockwise quarter turn about the centre.
    const expected = img.map((row, y) => row.map((_, x) => img[x][3 - y]));
    for (const interpolation of ['nearest', 'bilinear'] as const) {
      const layer = new RandomRotation([0.25, 0.25], { interpolation, seed: 1 });
      expectAllClose(fromBatch(layer.apply(asBatch([img]), { training: true }) as tf.Tensor)[0], expected, { atol: 1e-3 });
    }
  });

  it('fills the corners of a 45° turn by fill_mode', () => {
    const ones = [Array.from({ length: 5 }, () => Array(5).fill(1))];
    const constant = fromBatch(
      new RandomRotation([0.125, 0.125], { fillMode: 'constant', fillValue: -1, interpolation: 'nearest' }).apply(asBatch(ones), {
        training: true,
      }) as tf.Tensor,
    )[0];
    expect(constant[0][0]).toBe(-1);
    expect(constant[2][2]).toBe(1);
    const nearest = fromBatch(
      new RandomRotation([0.125, 0.125], { fillMode: 'nearest', interpolation: 'nearest' }).apply(asBatch(ones), { training: true }) as tf.Tensor,
    )[0];
    expect(nearest.flat().every((v) => v === 1)).toBe(true);
  });

  it('is the identity in inference and deterministic with a seed in training', () => {
    const x = asBatch([image(5, 5), image(5, 5)]);
    expectAllClose(new RandomRotation(0.3, { seed: 2 }).apply(x) as tf.Tensor, fromBatch(x));
    const a = fromBatch(new RandomRotation(0.3, { seed: 2 }).apply(x, { training: true }) as tf.Tensor);
    const b = fromBatch(new RandomRotation(0.3, { seed: 2 }).apply(x, { training: true }) as tf.Tensor);
    expect(a).toEqual(b);
    expect(a).not.toEqual(fromBatch(x));
  });
});

describe('RandomTranslation', () => {
  it('shifts by factor × size with every fill mode, as a loop computes', () => {
    const img = image(4, 5);
    for (const fillMode of ['constant', 'reflect', 'wrap', 'nearest'] as const) {
      // Down by 0.5 × 4 = 2 rows, left by 0.2 × 5 = 1 column: output (x, y) reads input (x + 1, y - 2).
      const layer = new RandomTranslation([0.5, 0.5], [-0.2, -0.2], { fillMode, fillValue: 7, interpolation: 'nearest' });
      const out = fromBatch(layer.apply(asBatch([img]), { training: true }) as tf.Tensor)[0];
      expectAllClose(out, naiveWarp(img, (x, y) => [x + 1, y - 2], fillMode, 7), { atol: 1e-4 });
    }
  });

  it('is the identity in inference', () => {
    const x = asBatch([image(4, 4)]);
    expectAllClose(new RandomTranslation(0.3, 0.3).apply(x) as tf.Tensor, fromBatch(x));
  });
});

describe('RandomZoom', () => {
  it('zooms out by 1 + factor about the centre, the width following the height by default', () => {
    const img = image(5, 5);
    const out = fromBatch(
      new RandomZoom([1, 1], { fillMode: 'constant', interpolation: 'nearest' }).apply(asBatch([img]), { training: true }) as tf.Tensor,
    )[0];
    // zoom 2: output (x, y) reads input (2x - 2, 2y - 2).
    expectAllClose(out, naiveWarp(img, (x, y) => [2 * x - 2, 2 * y - 2], 'constant'));
    const wide = fromBatch(
      new RandomZoom([0, 0], { widthFactor: [-0.5, -0.5], interpolation: 'nearest' }).apply(asBatch([img]), { training: true }) as tf.Tensor,
    )[0];
    // width zoom 0.5 (zoom in), height unchanged: input x = 0.5x + 1.
    expectAllClose(wide, naiveWarp(img, (x, y) => [0.5 * x + 1, y], 'reflect'));
  });

  it('is the identity in inference', () => {
    const x = asBatch([image(4, 4)]);
    expectAllClose(new RandomZoom(0.5).apply(x) as tf.Tensor, fromBatch(x));
  });
});

describe('random image layers', () => {
  const cases: Array<[string, () => Layer, (c: Record<string, unknown>) => Layer, Record<string, unknown>]> = [
    ['RandomFlip', () => new RandomFlip('vertical', { seed: 4 }), RandomFlip.fromConfig, { mode: 'vertical', seed: 4, data_format: 'channels_last' }],
    [
      'RandomRotation',
      () => new RandomRotation(0.2, { fillMode: 'wrap', seed: 1 }),
      RandomRotation.fromConfig,
      { factor: [-0.2, 0.2], fill_mode: 'wrap', interpolation: 'bilinear', fill_value: 0, seed: 1, data_format: 'channels_last' },
    ],
    [
      'RandomZoom',
      () => new RandomZoom([-0.2, 0.1], { seed: 3 }),
      RandomZoom.fromConfig,
      { height_factor: [-0.2, 0.1], width_factor: null, fill_mode: 'reflect', interpolation: 'bilinear', seed: 3, fill_value: 0 },
    ],
    [
      'RandomTranslation',
      () => new RandomTranslation(0.1, [-0.2, 0.3], { fillMode: 'nearest', seed: 9 }),
      RandomTranslation.fromConfig,
      { height_factor: 0.1, width_factor: [-0.2, 0.3], fill_mode: 'nearest', seed: 9 },
    ],
  ];
  for (const [name, make, , expected] of cases) {
    it(`${name}: Keras config keys, no leak in training`, () => {
      const layer = make();
      expect(layer.getConfig()).toMatchObject(expected);
      const x = tf.randomUniform([2, 6, 5, 3]);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        layer.apply(x, { training: true });
      });
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    });
  }

  it('reject bad arguments with clear errors', () => {
    expect(() => new RandomRotation(1.5)).toThrow(/`factor` argument should be a number .* in the range \[-1.0, 1.0\]/);
    expect(() => new RandomRotation(0.1, { fillMode: 'mirror' as never })).toThrow(/does not support `fill_mode`="mirror"/);
    expect(() => new RandomZoom(0.1, { interpolation: 'bicubic' as never })).toThrow(/`interpolation`="bicubic"/);
    expect(() => new RandomTranslation([0.1, 0.2, 0.3] as never, 0.1)).toThrow(/`height_factor`/);
    expect(() => new RandomFlip('diagonal' as never)).toThrow(/RandomFlip does not support `mode`="diagonal"/);
    expect(() => new RandomFlip('horizontal').apply(tf.ones([2, 3]), { training: true })).toThrow(/rank 3 \(one image\) or 4/);
  });
});
