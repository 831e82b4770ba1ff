import * as tf from '@tensorflow/tfjs-core';
import { type TensorLike, toTensor } from '../core/tensor-like';

/** The input of a math op that torch computes in floating point: int and bool become float32. */
export function floatInput(x: TensorLike): tf.Tensor {
  const tensor = toTensor(x);
  return tensor.dtype === 'float32' ? tensor : tf.cast(tensor, 'float32');
}

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * tf.topk along the last axis, safe for infinities and NaN: tfjs's CPU kernel compares by subtraction, which
 * inf - inf turns to NaN, so it sorts on finite keys (±inf clipped to ±max, NaN as the largest, as torch ranks
 * it) and gathers the values back.
 */
export function topkSafe(x: tf.Tensor, k: number): { values: tf.Tensor; indices: tf.Tensor } {
  if (x.dtype !== 'float32') return tf.topk(x, k, true);
  const keys = tf.where(tf.isNaN(x), tf.fill(x.shape, FLOAT32_MAX), tf.clipByValue(x, -FLOAT32_MAX, FLOAT32_MAX));
  const { indices } = tf.topk(keys, k, true);
  return { values: tf.gather(x, indices, x.rank - 1, x.rank - 1), indices };
}
