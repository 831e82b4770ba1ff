import * as tf from '@tensorflow/tfjs-core';
import type { DataFormat } from './image-utils';

/** The corners of one box per image, in pixels: [x0, x1) × [y0, y1), each a [batch] tensor. */
export interface BoxCorners {
  x0: tf.Tensor1D;
  x1: tf.Tensor1D;
  y0: tf.Tensor1D;
  y1: tf.Tensor1D;
}

/**
 * Keras's `_compute_crop_bounds` (RandomErasing, CutMix): a span of
 * `ratio × length` pixels starting at U(0, 1) × (length − span), per image.
 */
export function randomSpan(length: number, ratio: tf.Tensor1D, seed: number): [tf.Tensor1D, tf.Tensor1D] {
  return tf.tidy(() => {
    const span = tf.mul(ratio, length);
    const start = tf.mul(tf.randomUniform(ratio.shape, 0, 1, 'float32', seed), tf.sub(length, span)) as tf.Tensor1D;
    return [start, tf.add(start, span) as tf.Tensor1D];
  });
}

/**
 * Keras's `_generate_batch_mask`: true at the pixels (x, y) with x0 ≤ x < x1 and
 * y0 ≤ y < y1 of each image, on every channel; `shape` is the batch's shape in
 * `dataFormat`.
 */
export function boxMasks(shape: number[], dataFormat: DataFormat, corners: BoxCorners): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, a, b, c] = shape;
    const [height, width, channels] = dataFormat === 'channels_last' ? [a, b, c] : [b, c, a];
    const y = tf.reshape(tf.range(0, height, 1, 'float32'), [1, height, 1]);
    const x = tf.reshape(tf.range(0, width, 1, 'float32'), [1, 1, width]);
    const column = (t: tf.Tensor1D) => tf.reshape(t, [batch, 1, 1]);
    const inside = tf.logicalAnd(
      tf.logicalAnd(tf.greaterEqual(x, column(corners.x0)), tf.less(x, column(corners.x1))),
      tf.logicalAnd(tf.greaterEqual(y, column(corners.y0)), tf.less(y, column(corners.y1))),
    );
    const axis = dataFormat === 'channels_last' ? 3 : 1;
    const reps = dataFormat === 'channels_last' ? [1, 1, 1, channels] : [1, channels, 1, 1];
    return tf.cast(tf.tile(tf.cast(tf.expandDims(inside, axis), 'int32'), reps), 'bool') as tf.Tensor4D;
  });
}
