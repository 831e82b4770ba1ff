import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Cropping1D,
  Cropping2D,
  Permute,
  RepeatVector,
  UpSampling1D,
  UpSampling2D,
  ZeroPadding1D,
  ZeroPadding2D,
} from './index';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { reshapingSpecs } from '../test-support/specs/reshaping';

beforeAll(async () => {
  await useBackend('cpu');
});

/** A [1, height, width, 1] tensor whose element (r, c) is 10 r + c, and the same as nested arrays. */
function grid(height: number, width: number): [tf.Tensor, number[][]] {
  const rows = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => 10 * r + c));
  return [tf.tensor4d(rows.flat(), [1, height, width, 1]), rows];
}

describe('reshaping layers move elements where Keras puts them', () => {
  it('UpSampling2D nearest repeats rows and columns; bilinear interpolates with half-pixel centers', () => {
    const [x, rows] = grid(2, 3);
    const expected = Array.from({ length: 4 }, (_, r) => Array.from({ length: 6 }, (_, c) => rows[Math.floor(r / 2)][Math.floor(c / 2)]));
    expectAllClose(new UpSampling2D().apply(x) as tf.Tensor, expected.flat());
    // Half-pixel centers: output column c samples input position (c + 0.5) / 2 - 0.5, clamped to the edges.
    const line = tf.tensor4d([0, 4], [1, 1, 2, 1]);
    const bilinear = new UpSampling2D([1, 2], { interpolation: 'bilinear' }).apply(line) as tf.Tensor;
    expectAllClose(bilinear, [0, 1, 3, 4]);
  });

  it('Permute and RepeatVector', () => {
    const x = tf.tensor3d([[[1, 2, 3], [4, 5, 6]]]);
    expectAllClose(new Permute([2, 1]).apply(x) as tf.Tensor, [1, 4, 2, 5, 3, 6]);
    expectAllClose(new RepeatVector(2).apply(tf.tensor2d([[7, 8]])) as tf.Tensor, [7, 8, 7, 8]);
    expect(() => new Permute([1, 3])).toThrow(/consecutive and start from 1/);
  });

  it('ZeroPadding2D adds zeros around; Cropping2D removes the same elements back', () => {
    const [x, rows] = grid(2, 3);
    const padded = new ZeroPadding2D([[1, 0], [2, 1]]).apply(x) as tf.Tensor;
    const expected = Array.from({ length: 3 }, (_, r) =>
      Array.from({ length: 6 }, (_, c) => (r >= 1 && c >= 2 && c < 5 ? rows[r - 1][c - 2] : 0)),
    );
    expectAllClose(padded, expected.flat());
    expectAllClose(new Cropping2D([[1, 0], [2, 1]]).apply(padded) as tf.Tensor, rows.flat());
    const [big, bigRows] = grid(4, 5);
    const cropped = new Cropping2D([[1, 2], [0, 3]]).apply(big) as tf.Tensor;
    expectAllClose(cropped, bigRows.slice(1, 2).flatMap((row) => row.slice(0, 2)));
  });

  it('configs are Keras\'s', () => {
    expect(new ZeroPadding2D().getConfig()).toMatchObject({ padding: [[1, 1], [1, 1]], data_format: 'channels_last' });
    expect(new ZeroPadding1D(2).getConfig()).toMatchObject({ padding: [2, 2], data_format: 'channels_last' });
    expect(new Cropping1D().getConfig()).toMatchObject({ cropping: [1, 1] });
    expect(new UpSampling1D().getConfig()).toMatchObject({ size: 2 });
    expect(new UpSampling2D().getConfig()).toMatchObject({ size: [2, 2], data_format: 'channels_last', interpolation: 'nearest' });
    expect(new RepeatVector(3).getConfig()).toMatchObject({ n: 3 });
    expect(new Permute([2, 1]).getConfig()).toMatchObject({ dims: [2, 1] });
  });
});

describeLayerTests('reshaping layers through the layer harness', reshapingSpecs);
