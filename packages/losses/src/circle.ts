import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions, type MaskedLoss } from './loss';
import { squeezeOrExpandToSameRank } from './reduction';

export interface CircleOptions {
  /** Scale of the similarity scores. Default 80. */
  gamma?: number;
  /** Relaxation margin. Default 0.4. */
  margin?: number;
  /** Leave each sample's similarity with itself out of its positives. Default true. */
  removeDiagonal?: boolean;
}

export interface CircleFunctionOptions extends CircleOptions {
  /** Labels of the reference embeddings; default: the batch's own labels. */
  refLabels?: tf.Tensor;
  /** Reference embeddings; default: the batch's own embeddings. */
  refEmbeddings?: tf.Tensor;
}

/** log Σ exp(x) along axis 1, giving −∞ (not NaN) for a row that is −∞ everywhere, as Keras's logsumexp does. */
function rowLogSumExp(x: tf.Tensor): tf.Tensor {
  const rowMax = tf.max(x, 1, true);
  const shift = tf.where(tf.isFinite(rowMax), rowMax, tf.zerosLike(rowMax));
  return tf.squeeze(tf.add(tf.log(tf.sum(tf.exp(tf.sub(x, shift)), 1, true)), shift), [1]);
}

/**
 * `keras.losses.circle` for integer labels and L2-normalised embeddings (Sun et al., 2020), with the mask Keras
 * attaches: a sample whose loss is 0 (no positive or no negative pair) is left out of the average.
 */
export function circleWithMask(yTrue: tf.Tensor, yPred: tf.Tensor, options: CircleFunctionOptions = {}): MaskedLoss {
  const { gamma = 80, margin = 0.4, removeDiagonal = true } = options;
  return tf.tidy(() => {
    const embeddings = tf.cast(yPred, 'float32');
    const labels = tf.reshape(tf.cast(yTrue, 'int32'), [-1, 1]);
    const references = options.refEmbeddings === undefined ? embeddings : tf.cast(options.refEmbeddings, 'float32');
    const referenceLabels = options.refLabels === undefined ? labels : tf.reshape(tf.cast(options.refLabels, 'int32'), [-1, 1]);
    const distances = tf.maximum(tf.sub(1, tf.matMul(embeddings, references, false, true)), 0);
    let positive = tf.equal(labels, tf.transpose(referenceLabels));
    const negative = tf.logicalNot(positive);
    if (removeDiagonal) positive = tf.logicalAnd(positive, tf.logicalNot(tf.cast(tf.eye(labels.shape[0], referenceLabels.shape[0]), 'bool')));
    const positiveWeights = tf.maximum(tf.mul(tf.add(margin, distances), tf.cast(positive, 'float32')), 0);
    const negativeWeights = tf.maximum(tf.mul(tf.sub(1 + margin, distances), tf.cast(negative, 'float32')), 0);
    const positiveTerms = tf.mul(tf.mul(-gamma, positiveWeights), tf.sub(margin, distances));
    const negativeTerms = tf.mul(tf.mul(gamma, negativeWeights), tf.sub(1 - margin, distances));
    const minusInfinity = tf.fill(distances.shape, Number.NEGATIVE_INFINITY);
    const positiveLoss = rowLogSumExp(tf.where(positive, positiveTerms, minusInfinity));
    const negativeLoss = rowLogSumExp(tf.where(negative, negativeTerms, minusInfinity));
    const values = tf.softplus(tf.add(positiveLoss, negativeLoss));
    return { values, mask: tf.greater(values, 0) };
  });
}

/** `keras.losses.circle`: the per-sample values (without the mask the class uses to average). */
export function circle(yTrue: tf.Tensor, yPred: tf.Tensor, options: CircleFunctionOptions = {}): tf.Tensor {
  const { values, mask } = circleWithMask(yTrue, yPred, options);
  mask?.dispose();
  return values;
}

/** Keras's `Circle` loss class, for metric learning on integer labels and unit-norm embeddings. */
export class Circle extends Loss {
  static override className = 'Circle';
  readonly gamma: number;
  readonly margin: number;
  readonly removeDiagonal: boolean;

  constructor(options: CircleOptions & LossOptions = {}) {
    super(options, 'circle');
    this.gamma = options.gamma ?? 80;
    this.margin = options.margin ?? 0.4;
    this.removeDiagonal = options.removeDiagonal ?? true;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return circle(...squeezeOrExpandToSameRank(yTrue, yPred), this);
  }

  override callWithMask(yTrue: tf.Tensor, yPred: tf.Tensor): MaskedLoss {
    return circleWithMask(...squeezeOrExpandToSameRank(yTrue, yPred), this);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), gamma: this.gamma, margin: this.margin, remove_diagonal: this.removeDiagonal };
  }
}
