// Keras's top_k and in_top_k (keras.ops.math).
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { topkSafe } from './math-utils';

export interface TopKOptions {
  /** Return the k values in descending order. Default true; Strata always sorts, which false also allows. */
  sorted?: boolean;
}

/** `ops.top_k(x, k, {sorted})`: [values, indices] of the k largest entries along the last axis. */
export const topK = /* @__PURE__ */ defineOp({ name: 'top_k', module: 'math' }, function topK(x: TensorLike, k: number, options: TopKOptions = {}): [tf.Tensor, tf.Tensor] {
  // torch leaves the order of unsorted results unspecified, so sorted ones serve both settings.
  void options.sorted;
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const size = tensor.rank === 0 ? 0 : tensor.shape[tensor.rank - 1];
    if (!Number.isInteger(k) || k < 0 || k > size) {
      throw new RangeError(`top_k: k must be an integer between 0 and the last dimension (${size}); received k=${k} for shape [${tensor.shape}].`);
    }
    const input = tensor.dtype === 'bool' ? tf.cast(tensor, 'int32') : tensor;
    const { values, indices } = topkSafe(input, k);
    return [tensor.dtype === 'bool' ? tf.cast(values, 'bool') : values, indices];
  });
});

/** `ops.in_top_k(targets, predictions, k)`: whether each target class's prediction is at least the k-th largest. */
export const inTopK = /* @__PURE__ */ defineOp({ name: 'in_top_k', module: 'math' }, function inTopK(targets: TensorLike, predictions: TensorLike, k: number): tf.Tensor {
  return tf.tidy(() => {
    const labels = toTensor(targets, 'int32');
    const scores = toTensor(predictions);
    if (scores.rank !== 2 || labels.rank !== 1 || labels.shape[0] !== scores.shape[0]) {
      throw new RangeError(`in_top_k: targets must be (batch,) and predictions (batch, classes); received [${labels.shape}] and [${scores.shape}].`);
    }
    if (k <= 0) return tf.zeros([scores.shape[0]], 'bool');
    const input = scores.dtype === 'float32' ? scores : tf.cast(scores, 'float32');
    const kth = tf.slice(topkSafe(input, k).values, [0, k - 1], [scores.shape[0], 1]);
    const targetScores = tf.gather(input, tf.reshape(labels, [-1, 1]), 1, 1);
    return tf.reshape(tf.greaterEqual(targetScores, kth), [scores.shape[0]]);
  });
});
