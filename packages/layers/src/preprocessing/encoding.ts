import * as tf from '@tensorflow/tfjs-core';
import type { Shape } from '../engine/shape';

export type EncodingMode = 'one_hot' | 'multi_hot' | 'count';

/**
 * Keras's encode_categorical_inputs on int32 indices: "one_hot" encodes each
 * element (squeezing a last axis of size 1), "multi_hot" and "count" encode
 * the last axis as one sample (a rank-1 input is one sample). Indices outside
 * [0, depth) — Keras's dropped mask values — encode as nothing.
 */
export function encodeCategorical(indices: tf.Tensor, mode: EncodingMode, depth: number): tf.Tensor {
  return tf.tidy(() => {
    let x = tf.cast(indices, 'int32');
    if (x.rank === 0) x = tf.reshape(x, [1]);
    // int32 then a cast: tfjs's wasm OneHot writes int32 values into a float32 output
    // (3 reads back as 4.2e-45), which the layer harness caught on wasm.
    if (mode === 'one_hot') {
      if (x.rank > 1 && x.shape[x.rank - 1] === 1) x = tf.squeeze(x, [x.rank - 1]);
      return tf.cast(tf.oneHot(x, depth), 'float32');
    }
    // A float32 one-hot from a select, reduced over the sample's axis. Not oneHot's int32 output cast:
    // tfjs-backend-webgpu 4.22 casts int32 to float32 by relabeling the buffer, and its reduction over a
    // middle axis of such a buffer (or of any int32 one) fails to compile and leaves zeros.
    const categories = tf.range(0, depth, 1, 'int32');
    const oneHot = tf.where(tf.equal(tf.expandDims(x, -1), categories), tf.scalar(1), tf.scalar(0));
    return mode === 'multi_hot' ? tf.max(oneHot, x.rank - 1) : tf.sum(oneHot, x.rank - 1);
  });
}

/** The output shape of encodeCategorical for an input shape. */
export function encodedShape(inputShape: Shape, mode: EncodingMode | 'tf_idf', depth: number | null): Shape {
  if (inputShape.length === 0) return [depth];
  if (mode === 'one_hot') {
    if (inputShape.length > 1 && inputShape[inputShape.length - 1] === 1) return [...inputShape.slice(0, -1), depth];
    return [...inputShape, depth];
  }
  return [...inputShape.slice(0, -1), depth];
}
