import * as tf from '@tensorflow/tfjs-core';

/**
 * Keras's class_weight: each sample is weighted by the weight of its class
 * (the label itself, or the argmax of a one-hot label), times any sample weight.
 */
export function classWeightsToSampleWeights(
  classWeight: Record<number, number>,
  labels: tf.Tensor,
  sampleWeight: tf.Tensor | null,
): tf.Tensor {
  return tf.tidy(() => {
    const classes = Object.keys(classWeight).map(Number);
    const table = new Float32Array(Math.max(...classes) + 1).fill(1);
    for (const c of classes) table[c] = classWeight[c];
    const ids =
      labels.rank > 1 && labels.shape[labels.rank - 1] > 1
        ? tf.argMax(labels, -1)
        : tf.cast(tf.reshape(labels, [labels.shape[0]]), 'int32');
    const weights = tf.gather(tf.tensor1d(table), ids);
    return sampleWeight ? tf.mul(weights, sampleWeight) : weights;
  });
}
