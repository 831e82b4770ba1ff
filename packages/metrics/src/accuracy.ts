import { argMaxMatches } from '@strata/backend';
import { squeezeOrExpandToSameRank } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { MeanMetricWrapper } from './mean-metric-wrapper';
import type { MetricOptions } from './metric';

const asFloat = (x: tf.Tensor) => tf.cast(x, 'float32');

/** How often yPred equals yTrue exactly, per sample (`keras.metrics.accuracy`). */
export function accuracy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = squeezeOrExpandToSameRank(asFloat(yTrue), asFloat(yPred));
    return tf.mean(asFloat(tf.equal(target, output)), -1);
  });
}

/** How often yPred > threshold matches binary labels (`keras.metrics.binary_accuracy`). */
export function binaryAccuracy(yTrue: tf.Tensor, yPred: tf.Tensor, threshold = 0.5): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = squeezeOrExpandToSameRank(asFloat(yTrue), asFloat(yPred));
    return tf.mean(asFloat(tf.equal(target, asFloat(tf.greater(output, threshold)))), -1);
  });
}

/** argmax(yTrue) == argmax(yPred) (`keras.metrics.categorical_accuracy`). */
export function categoricalAccuracy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  // [batch, classes] one-hot rows against [batch, classes] scores: one kernel where the backend has it.
  const fused = argMaxMatches(yTrue, yPred, false);
  if (fused !== null) return fused;
  return tf.tidy(() => {
    let target = tf.argMax(yTrue, -1);
    const originalShape = target.shape;
    // Keras squeezes labels that still have the predictions' rank after the argmax.
    const reshapeMatches = target.rank === yPred.rank;
    if (reshapeMatches) target = tf.squeeze(target, [target.rank - 1]);
    const matches = asFloat(tf.equal(target, tf.argMax(yPred, -1)));
    return reshapeMatches ? tf.reshape(matches, originalShape) : matches;
  });
}

/** Integer labels == argmax(yPred) (`keras.metrics.sparse_categorical_accuracy`). */
export function sparseCategoricalAccuracy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  // [batch] or [batch, 1] class ids against [batch, classes] scores: one kernel where the backend has it.
  const fused = argMaxMatches(yTrue, yPred, true);
  if (fused !== null) return fused;
  return tf.tidy(() => {
    let target = asFloat(yTrue);
    const originalShape = target.shape;
    const reshapeMatches = target.rank === yPred.rank && target.shape[target.rank - 1] === 1;
    if (reshapeMatches) target = tf.squeeze(target, [target.rank - 1]);
    let matches = asFloat(tf.equal(target, asFloat(tf.argMax(yPred, -1))));
    if (reshapeMatches) matches = tf.reshape(matches, originalShape);
    if (matches.rank > 1 && matches.shape[matches.rank - 1] === 1) matches = tf.squeeze(matches, [matches.rank - 1]);
    return matches;
  });
}

/**
 * Whether each target class is among the k largest predictions. Like TF's
 * `in_top_k`, a class tied with the k-th prediction counts as in the top k.
 */
function inTopK(targets: tf.Tensor, predictions: tf.Tensor2D, k: number): tf.Tensor {
  const numClasses = predictions.shape[1];
  const targetScore = tf.sum(tf.mul(asFloat(tf.oneHot(tf.cast(targets, 'int32'), numClasses)), predictions), -1, true);
  const largerCount = tf.sum(asFloat(tf.greater(predictions, targetScore)), -1);
  return asFloat(tf.less(largerCount, k));
}

function topKMatches(target: tf.Tensor, yPred: tf.Tensor, k: number): tf.Tensor {
  const originalShape = target.shape;
  const predictions = tf.reshape(asFloat(yPred), [-1, yPred.shape[yPred.rank - 1]]) as tf.Tensor2D;
  const matches = inTopK(tf.reshape(target, [-1]), predictions, k);
  return target.rank > 1 ? tf.reshape(matches, originalShape) : matches;
}

/** One-hot labels among the top k predictions (`keras.metrics.top_k_categorical_accuracy`). */
export function topKCategoricalAccuracy(yTrue: tf.Tensor, yPred: tf.Tensor, k = 5): tf.Tensor {
  return tf.tidy(() => topKMatches(tf.argMax(yTrue, -1), yPred, k));
}

/** Integer labels among the top k predictions (`keras.metrics.sparse_top_k_categorical_accuracy`). */
export function sparseTopKCategoricalAccuracy(yTrue: tf.Tensor, yPred: tf.Tensor, k = 5): tf.Tensor {
  return tf.tidy(() => topKMatches(asFloat(yTrue), yPred, k));
}

export class Accuracy extends MeanMetricWrapper {
  static override className = 'Accuracy';
  constructor(options: MetricOptions = {}) {
    super(accuracy, options, 'accuracy');
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }
}

export class BinaryAccuracy extends MeanMetricWrapper {
  static override className = 'BinaryAccuracy';
  readonly threshold: number;
  constructor(options: MetricOptions & {
    /** A prediction above this counts as 1. Default `0.5`. */
    threshold?: number;
  } = {}) {
    const threshold = options.threshold ?? 0.5;
    if (threshold <= 0 || threshold >= 1) {
      throw new Error(`BinaryAccuracy: threshold must lie strictly between 0 and 1, received ${threshold}.`);
    }
    super((yTrue, yPred) => binaryAccuracy(yTrue, yPred, threshold), options, 'binary_accuracy');
    this.threshold = threshold;
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32', threshold: this.threshold };
  }
}

export class CategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'CategoricalAccuracy';
  constructor(options: MetricOptions = {}) {
    super(categoricalAccuracy, options, 'categorical_accuracy');
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }
}

export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'SparseCategoricalAccuracy';
  constructor(options: MetricOptions = {}) {
    super(sparseCategoricalAccuracy, options, 'sparse_categorical_accuracy');
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }
}

export class TopKCategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'TopKCategoricalAccuracy';
  readonly k: number;
  constructor(options: MetricOptions & {
    /** How many of the highest-scoring classes may hold the target. Default `5`. */
    k?: number;
  } = {}) {
    const k = options.k ?? 5;
    super((yTrue, yPred) => topKCategoricalAccuracy(yTrue, yPred, k), options, 'top_k_categorical_accuracy');
    this.k = k;
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32', k: this.k };
  }
}

export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'SparseTopKCategoricalAccuracy';
  readonly k: number;
  constructor(options: MetricOptions & {
    /** How many of the highest-scoring classes may hold the target. Default `5`. */
    k?: number;
  } = {}) {
    const k = options.k ?? 5;
    super((yTrue, yPred) => sparseTopKCategoricalAccuracy(yTrue, yPred, k), options, 'sparse_top_k_categorical_accuracy');
    this.k = k;
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32', k: this.k };
  }
}
