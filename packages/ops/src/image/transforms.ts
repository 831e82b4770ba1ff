import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { luDecompose, luSolve, matrix } from '../linalg/matrices';
import { gaussianBlur } from './filters';
import { type DataFormat, asBatchNhwc, checkImagesRank, standardizeDataFormat } from './layout';
import { type FillMode, checkFillMode, sample } from './map-coordinates';

export type TransformInterpolation = 'nearest' | 'bilinear';

function interpolationOrder(interpolation: string, op: string): 0 | 1 {
  if (interpolation === 'nearest') return 0;
  if (interpolation === 'bilinear') return 1;
  throw new RangeError(`ops.image.${op}: interpolation must be 'nearest' or 'bilinear'; received "${interpolation}".`);
}

/** Integer grids of an NHWC batch's positions: batch, row, column and channel index, each of shape [N, H, W, C]. */
function grids([n, h, w, c]: number[]): tf.Tensor[] {
  const along = (size: number, axis: number) => {
    const shape = [1, 1, 1, 1];
    shape[axis] = size;
    return tf.broadcastTo(tf.reshape(tf.range(0, size, 1, 'float32'), shape), [n, h, w, c]);
  };
  return [along(n, 0), along(h, 1), along(w, 2), along(c, 3)];
}

export interface AffineTransformOptions {
  /** 'bilinear' (the default) or 'nearest'. */
  interpolation?: TransformInterpolation;
  /** 'constant' (the default), 'nearest', 'wrap', 'mirror' or 'reflect'. */
  fillMode?: FillMode;
  /** Read outside the image in 'constant' mode. Default 0. */
  fillValue?: number;
  dataFormat?: DataFormat | null;
}

/**
 * `ops.image.affineTransform(images, transform, options)`: each output pixel (x, y) reads the input at
 * (a0 x + a1 y + a2, b0 x + b1 y + b2) for `transform` = [a0, a1, a2, b0, b1, b2, c0, c1] (one, or one per image).
 * As in Keras's torch backend, c0 and c1 shift the sampled position by c0·channel (rows) and c1·channel
 * (columns) rather than acting as a projective divisor; they are 0 for an affine transform.
 */
export const affineTransform = /* @__PURE__ */ defineOp({ name: 'affine_transform', module: 'image' }, function affineTransform(
  images: TensorLike,
  transform: TensorLike,
  options: AffineTransformOptions = {},
): tf.Tensor {
  const order = interpolationOrder(options.interpolation ?? 'bilinear', 'affineTransform');
  const fillMode = checkFillMode(options.fillMode ?? 'constant', 'affineTransform');
  const format = standardizeDataFormat(options.dataFormat, 'affineTransform');
  return tf.tidy(() => {
    const input = toTensor(images);
    checkImagesRank(input, 'affineTransform');
    let t = toTensor(transform, 'float32');
    if (t.rank !== 1 && t.rank !== 2) throw new RangeError(`ops.image.affineTransform: invalid transform rank: expected rank 1 or 2; received shape [${t.shape}].`);
    if (t.rank === 1) t = tf.expandDims(t, 0);
    const { x, restore } = asBatchNhwc(input, format);
    const [batch, rows, cols, channel] = grids(x.shape);
    const column = (k: number) => tf.reshape(tf.slice(t, [0, k], [-1, 1]), [-1, 1, 1, 1]);
    const [a0, a1, a2, b0, b1, b2, c0, c1] = Array.from({ length: 8 }, (_, k) => column(k));
    const sourceRow = tf.addN([tf.mul(b1, rows), tf.mul(b0, cols), tf.mul(c0, channel), tf.mul(b2, tf.onesLike(rows))]);
    const sourceCol = tf.addN([tf.mul(a1, rows), tf.mul(a0, cols), tf.mul(c1, channel), tf.mul(a2, tf.onesLike(rows))]);
    const out = sample(
      x,
      [{ values: batch, exact: true }, { values: sourceRow }, { values: sourceCol }, { values: channel, exact: true }],
      order,
      fillMode,
      options.fillValue ?? 0,
    );
    return restore(out);
  });
});

/**
 * The 8 coefficients of the homography that maps each end point to its start point (Keras's
 * `compute_homography_matrix`), solved per batch entry in JavaScript from the points read from the device.
 */
function homographies(start: tf.Tensor, end: tf.Tensor): number[][] {
  const s = start.arraySync() as number[][][];
  const e = end.arraySync() as number[][][];
  return s.map((points, b) => {
    const a = matrix(8, 8);
    const rhs = matrix(8, 1);
    points.forEach(([sx, sy], i) => {
      const [ex, ey] = e[b][i];
      a.data.set([ex, ey, 1, 0, 0, 0, -sx * ex, -sx * ey], 16 * i);
      a.data.set([0, 0, 0, ex, ey, 1, -sy * ex, -sy * ey], 16 * i + 8);
      rhs.data[2 * i] = sx;
      rhs.data[2 * i + 1] = sy;
    });
    const factors = luDecompose(a);
    if (factors.singular) throw new RangeError('ops.image.perspectiveTransform: the points give a singular system (three of them are collinear?).');
    return Array.from(luSolve(factors, rhs).data);
  });
}

export interface PerspectiveTransformOptions {
  /** 'bilinear' (the default) or 'nearest'. */
  interpolation?: TransformInterpolation;
  /** Read outside the image. Default 0. */
  fillValue?: number;
  dataFormat?: DataFormat | null;
}

/**
 * `ops.image.perspectiveTransform(images, startPoints, endPoints, options)`: warps the images so that the four
 * `startPoints` ([x, y] each, shape [4, 2] or [N, 4, 2]) land on `endPoints`; outside reads give `fillValue`.
 */
export const perspectiveTransform = /* @__PURE__ */ defineOp({ name: 'perspective_transform', module: 'image' }, function perspectiveTransform(
  images: TensorLike,
  startPoints: TensorLike,
  endPoints: TensorLike,
  options: PerspectiveTransformOptions = {},
): tf.Tensor {
  const order = interpolationOrder(options.interpolation ?? 'bilinear', 'perspectiveTransform');
  const format = standardizeDataFormat(options.dataFormat, 'perspectiveTransform');
  return tf.tidy(() => {
    const input = toTensor(images);
    checkImagesRank(input, 'perspectiveTransform');
    let start = toTensor(startPoints, 'float32');
    let end = toTensor(endPoints, 'float32');
    for (const [name, points] of [
      ['startPoints', start],
      ['endPoints', end],
    ] as const) {
      if ((points.rank !== 2 && points.rank !== 3) || points.shape[points.rank - 2] !== 4 || points.shape[points.rank - 1] !== 2) {
        throw new RangeError(`ops.image.perspectiveTransform: invalid ${name} shape: expected [4, 2] or [N, 4, 2]; received [${points.shape}].`);
      }
    }
    if (start.shape.join() !== end.shape.join()) throw new RangeError('ops.image.perspectiveTransform: startPoints and endPoints must have the same shape.');
    if (start.rank === 2) start = tf.expandDims(start, 0);
    if (end.rank === 2) end = tf.expandDims(end, 0);
    const { x, restore } = asBatchNhwc(input, format);
    let coefficients = homographies(start, end);
    if (coefficients.length === 1 && x.shape[0] > 1) coefficients = Array.from({ length: x.shape[0] }, () => coefficients[0]);
    const [batch, rows, cols, channel] = grids(x.shape);
    const t = tf.tensor2d(coefficients);
    const column = (k: number) => tf.reshape(tf.slice(t, [0, k], [-1, 1]), [-1, 1, 1, 1]);
    const [a0, a1, a2, a3, a4, a5, a6, a7] = Array.from({ length: 8 }, (_, k) => column(k));
    const denominator = tf.addN([tf.mul(a6, cols), tf.mul(a7, rows), tf.onesLike(rows)]);
    const sourceCol = tf.div(tf.addN([tf.mul(a0, cols), tf.mul(a1, rows), tf.mul(a2, tf.onesLike(rows))]), denominator);
    const sourceRow = tf.div(tf.addN([tf.mul(a3, cols), tf.mul(a4, rows), tf.mul(a5, tf.onesLike(rows))]), denominator);
    const out = sample(x, [{ values: batch, exact: true }, { values: sourceRow }, { values: sourceCol }, { values: channel, exact: true }], order, 'constant', options.fillValue ?? 0);
    return restore(out);
  });
});

export interface ElasticTransformOptions {
  /** Displacement scale. Default 20. */
  alpha?: number;
  /** Smoothness of the displacement field (Gaussian sigma; kernel size int(6σ) | 1). Default 5. */
  sigma?: number;
  /** 'bilinear' (the default) or 'nearest'. */
  interpolation?: TransformInterpolation;
  /** Default 'reflect'. */
  fillMode?: FillMode;
  fillValue?: number;
  /** Seed for the random displacement field (tfjs's generator: Keras's torch numbers cannot be reproduced). */
  seed?: number | null;
  dataFormat?: DataFormat | null;
}

/**
 * `ops.image.elasticTransform(images, options)`: each pixel moved by a random field, N(0, 1) × sigma smoothed
 * by a Gaussian blur and scaled by alpha (the same field for every channel of an image), as Keras's torch backend.
 */
export const elasticTransform = /* @__PURE__ */ defineOp({ name: 'elastic_transform', module: 'image' }, function elasticTransform(
  images: TensorLike,
  options: ElasticTransformOptions = {},
): tf.Tensor {
  const { alpha = 20, sigma = 5, fillValue = 0, seed = null } = options;
  const order = interpolationOrder(options.interpolation ?? 'bilinear', 'elasticTransform');
  const fillMode = checkFillMode(options.fillMode ?? 'reflect', 'elasticTransform');
  const format = standardizeDataFormat(options.dataFormat, 'elasticTransform');
  return tf.tidy(() => {
    const input = toTensor(images);
    checkImagesRank(input, 'elasticTransform');
    const { x, restore } = asBatchNhwc(input, format);
    const [n, h, w, c] = x.shape;
    const size = Math.trunc(6 * sigma) | 1;
    const field = (offset: number) => {
      const noise = tf.mul(tf.randomNormal([n, h, w, 1], 0, 1, 'float32', seed === null ? undefined : seed + offset), sigma);
      const smooth = gaussianBlur(noise, { kernelSize: [size, size], sigma: [sigma, sigma] });
      return tf.broadcastTo(tf.mul(smooth, alpha), [n, h, w, c]);
    };
    const [batch, rows, cols, channel] = grids(x.shape);
    const out = sample(
      x,
      [{ values: batch, exact: true }, { values: tf.add(rows, field(1)) }, { values: tf.add(cols, field(0)) }, { values: channel, exact: true }],
      order,
      fillMode,
      fillValue,
    );
    return restore(out);
  });
});
