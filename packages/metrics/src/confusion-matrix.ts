import { squeezeOrExpandToSameRank } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';

/** Keras's NEG_INF: the threshold used with `topK`, and the value given to predictions outside the top k. */
export const NEG_INF = -1e10;

export interface ConfusionVariables {
  truePositives?: tf.Variable;
  falsePositives?: tf.Variable;
  trueNegatives?: tf.Variable;
  falseNegatives?: tf.Variable;
}

export interface ConfusionOptions {
  topK?: number | null;
  classId?: number | null;
  sampleWeight?: tf.Tensor;
  /** Keep the last axis apart: one column of counts per label (the variables then have shape [T, labels]). */
  multiLabel?: boolean;
  /** Per-label weights, folded into the entry weights (only without multiLabel, as in Keras). */
  labelWeights?: tf.Tensor;
}

/** Prepared labels (0/1), predictions and weights, of shape [N, columns]: one column unless multi-label. */
interface ColumnBatch {
  labels: tf.Tensor2D;
  predictions: tf.Tensor2D;
  weights: tf.Tensor2D;
}

/** Keras's `_filter_top_k`: keeps the k largest predictions of each row and sets the rest to NEG_INF. */
function filterTopK(predictions: tf.Tensor, k: number): tf.Tensor {
  const { indices } = tf.topk(predictions, k);
  const topKMask = tf.sum(tf.oneHot(indices, predictions.shape[predictions.rank - 1]), -2);
  const mask = tf.cast(topKMask, 'float32');
  return tf.add(tf.mul(predictions, mask), tf.mul(NEG_INF, tf.sub(1, mask)));
}

/** The shape handling of Keras's `update_confusion_matrix_variables`, up to the flattening. */
function prepareBatch(yTrue: tf.Tensor, yPred: tf.Tensor, options: ConfusionOptions): ColumnBatch {
  const { topK, classId, sampleWeight, multiLabel = false, labelWeights } = options;
  let [predictions, labels] = squeezeOrExpandToSameRank(tf.cast(yPred, 'float32'), tf.cast(yTrue, 'float32'));
  let weights: tf.Tensor | undefined;
  if (sampleWeight !== undefined) {
    weights = tf.expandDims(tf.cast(sampleWeight, 'float32'), -1);
    [, weights] = squeezeOrExpandToSameRank(labels, weights, false);
  }
  if (topK !== null && topK !== undefined) predictions = filterTopK(predictions, topK);
  if (classId !== null && classId !== undefined) {
    if (predictions.rank === 1) {
      throw new Error(
        `When classId is given, yPred must have shape [numSamples, numClasses]; received shape [${predictions.shape}].`,
      );
    }
    const sliceLast = (x: tf.Tensor) => {
      const begin = x.shape.map((_, axis) => (axis === x.rank - 1 ? classId : 0));
      const size = x.shape.map((length, axis) => (axis === x.rank - 1 ? 1 : length));
      return tf.slice(x, begin, size);
    };
    labels = sliceLast(labels);
    predictions = sliceLast(predictions);
  }
  let entryWeights =
    weights === undefined ? tf.onesLike(predictions) : tf.broadcastTo(weights, predictions.shape as number[]);
  if (labelWeights !== undefined && !multiLabel) entryWeights = tf.mul(entryWeights, labelWeights);
  const columns = multiLabel ? predictions.shape[predictions.rank - 1] : 1;
  return {
    labels: tf.reshape(tf.cast(tf.notEqual(labels, 0), 'float32'), [-1, columns]) as tf.Tensor2D,
    predictions: tf.reshape(predictions, [-1, columns]) as tf.Tensor2D,
    weights: tf.reshape(entryWeights, [-1, columns]) as tf.Tensor2D,
  };
}

/** Adds counts of shape [T, columns] to a variable of shape [T] or [T, labels]. */
function addTo(variable: tf.Variable | undefined, increment: () => tf.Tensor): void {
  if (variable !== undefined) variable.assign(tf.add(variable, tf.reshape(increment(), variable.shape)));
}

/**
 * Counts, for each threshold t, the weighted entries with prediction > t
 * (positive) or <= t (negative), split by label. Every threshold is compared
 * with every prediction, as Keras's general path does.
 */
export function updateConfusionMatrix(
  variables: ConfusionVariables,
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  thresholds: number[],
  options: ConfusionOptions = {},
): void {
  tf.tidy(() => {
    const { labels, predictions, weights } = prepareBatch(yTrue, yPred, options);
    // [T, N, columns]: whether each entry is predicted positive at each threshold.
    const thresholdColumn = tf.tensor3d(thresholds, [thresholds.length, 1, 1]);
    const predictedPositive = tf.cast(tf.greater(tf.expandDims(predictions, 0), thresholdColumn), 'float32');
    const predictedNegative = tf.sub(1, predictedPositive);
    const positiveWeights = tf.expandDims(tf.mul(labels, weights), 0);
    const negativeWeights = tf.expandDims(tf.mul(tf.sub(1, labels), weights), 0);
    addTo(variables.truePositives, () => tf.sum(tf.mul(predictedPositive, positiveWeights), 1));
    addTo(variables.falsePositives, () => tf.sum(tf.mul(predictedPositive, negativeWeights), 1));
    addTo(variables.trueNegatives, () => tf.sum(tf.mul(predictedNegative, negativeWeights), 1));
    addTo(variables.falseNegatives, () => tf.sum(tf.mul(predictedNegative, positiveWeights), 1));
  });
}

/**
 * Keras's `_update_confusion_matrix_variables_optimized`, for evenly spaced
 * thresholds i / (T - 1): each prediction falls in bucket ceil(p * (T - 1)) - 1,
 * the buckets are summed, and a reversed cumulative sum gives the counts above
 * each threshold. When the first and last thresholds are nudged by epsilon (as
 * AUC's are), bucket -1 joins bucket 0; otherwise it is dropped, as
 * segment_sum drops negative ids (a one-hot row of -1 is all zeros). It
 * reproduces Keras's numbers exactly, including predictions on a threshold.
 */
export function updateConfusionMatrixBuckets(
  variables: ConfusionVariables,
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  numThresholds: number,
  options: ConfusionOptions & { thresholdsWithEpsilon?: boolean } = {},
): void {
  tf.tidy(() => {
    const { labels, predictions, weights } = prepareBatch(yTrue, yPred, options);
    const clipped = tf.clipByValue(predictions, 0, 1);
    const rawBuckets = tf.sub(tf.ceil(tf.mul(clipped, numThresholds - 1)), 1);
    const thresholdsWithEpsilon = options.thresholdsWithEpsilon ?? true;
    const buckets = tf.cast(thresholdsWithEpsilon ? tf.relu(rawBuckets) : rawBuckets, 'int32');
    // [N, columns, T]: the bucket of each entry, one-hot, so that a sum over N gives per-bucket weights
    // without UnsortedSegmentSum (which tfjs's wasm backend lacks).
    const bucketMatrix = tf.cast(tf.oneHot(buckets, numThresholds), 'float32');
    const positiveWeights = tf.mul(labels, weights);
    const negativeWeights = tf.mul(tf.sub(1, labels), weights);
    const aboveEachThreshold = (entryWeights: tf.Tensor) => {
      const perBucket = tf.sum(tf.mul(tf.expandDims(entryWeights, -1), bucketMatrix), 0);
      return tf.transpose(tf.cumsum(perBucket, 1, false, true));
    };
    const truePositives = aboveEachThreshold(positiveWeights);
    const falsePositives = aboveEachThreshold(negativeWeights);
    addTo(variables.truePositives, () => truePositives);
    addTo(variables.falsePositives, () => falsePositives);
    addTo(variables.trueNegatives, () => tf.sub(tf.sum(negativeWeights, 0), falsePositives));
    addTo(variables.falseNegatives, () => tf.sub(tf.sum(positiveWeights, 0), truePositives));
  });
}

/** Keras's `is_evenly_distributed_thresholds`: at least 3 thresholds equal to i / (T - 1) within epsilon. */
export function isEvenlyDistributed(thresholds: number[]): boolean {
  const count = thresholds.length;
  if (count < 3) return false;
  // numpy.allclose with atol = epsilon and its default rtol of 1e-5.
  return thresholds.every((threshold, index) => {
    const even = Math.fround(index / (count - 1));
    return Math.abs(threshold - even) <= 1e-7 + 1e-5 * Math.abs(even);
  });
}

/** Keras's `parse_init_thresholds`: one threshold or several, all in [0, 1]. */
export function parseThresholds(thresholds: number | number[] | null | undefined, defaultThreshold: number): number[] {
  if (thresholds === null || thresholds === undefined) return [defaultThreshold];
  const list = Array.isArray(thresholds) ? thresholds : [thresholds];
  const invalid = list.filter((threshold) => !(threshold >= 0 && threshold <= 1));
  if (invalid.length > 0) throw new Error(`Threshold values must be in [0, 1]; received ${invalid.join(', ')}.`);
  return list;
}

/**
 * Keras's `update_confusion_matrix_variables` as its metrics call it: the bucket path for evenly spaced
 * thresholds (nudged by epsilon when they reach outside [0, 1]), the comparison of every threshold otherwise.
 */
export function accumulateAtThresholds(
  variables: ConfusionVariables,
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  thresholds: number[],
  evenlyDistributed: boolean,
  options: ConfusionOptions = {},
): void {
  if (evenlyDistributed) {
    const thresholdsWithEpsilon = thresholds[0] < 0 || thresholds[thresholds.length - 1] > 1;
    updateConfusionMatrixBuckets(variables, yTrue, yPred, thresholds.length, { ...options, thresholdsWithEpsilon });
  } else {
    updateConfusionMatrix(variables, yTrue, yPred, thresholds, options);
  }
}
