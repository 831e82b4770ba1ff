import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss';
import { squeezeOrExpandToSameRank } from './reduction';

/**
 * `keras.losses.categorical_generalized_cross_entropy`: (1 − p^q) / q, where p is the predicted probability of
 * the true class (integer labels). q → 0 behaves like cross-entropy, q → 1 like mean absolute error.
 */
export function categoricalGeneralizedCrossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor, q: number): tf.Tensor {
  return tf.tidy(() => {
    const prediction = tf.cast(yPred, 'float32');
    const classes = prediction.shape[prediction.rank - 1];
    // Keras casts the labels to int (truncation) before one_hot; out-of-range labels give an all-zero row.
    const labels = tf.cast(yTrue, 'int32');
    const oneHot = tf.cast(tf.oneHot(labels, classes), 'float32');
    const probability = tf.sum(tf.mul(prediction, oneHot), -1);
    return tf.div(tf.sub(1, tf.pow(probability, q)), q);
  });
}

export interface CategoricalGeneralizedCrossEntropyOptions {
  /** The noise parameter, in (0, 1). Default 0.5. */
  q?: number;
}

/** Keras's `CategoricalGeneralizedCrossEntropy` loss class (noise-robust cross-entropy on integer labels). */
export class CategoricalGeneralizedCrossEntropy extends Loss {
  static override className = 'CategoricalGeneralizedCrossEntropy';
  readonly q: number;

  constructor(options: CategoricalGeneralizedCrossEntropyOptions & LossOptions = {}) {
    super(options, 'categorical_generalized_cross_entropy');
    this.q = options.q ?? 0.5;
    if (!(this.q > 0 && this.q < 1)) {
      throw new RangeError(`CategoricalGeneralizedCrossEntropy: q must be in the interval (0, 1); received ${this.q}.`);
    }
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.tidy(() => categoricalGeneralizedCrossEntropy(...squeezeOrExpandToSameRank(yTrue, yPred), this.q));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), q: this.q };
  }
}
