import * as tf from '@tensorflow/tfjs-core';
import { EPSILON, assertSameShape, normalizeAxis } from './errors';
import { Loss, type LossOptions } from './loss';
import { squeezeOrExpandToSameRank } from './reduction';

export interface CategoricalFocalCrossentropyOptions {
  /** A weight for all classes, or one weight per class. */
  alpha?: number | number[];
  /** The focusing parameter: the loss of each sample is multiplied by `(1 - p)^gamma`, so easy examples count less. Default `2`. */
  gamma?: number;
  /** Whether `yPred` holds logits rather than probabilities. Default `false`. */
  fromLogits?: boolean;
  /** In [0, 1]: one-hot targets become `y * (1 - labelSmoothing) + labelSmoothing / numClasses`. Default `0`. */
  labelSmoothing?: number;
  /** The class axis. Default `-1`. */
  axis?: number;
}

function categoricalFocalNamed(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: CategoricalFocalCrossentropyOptions,
  lossName: string,
): tf.Tensor {
  const { alpha = 0.25, gamma = 2, fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
  return tf.tidy(() => {
    let target = tf.cast(yTrue, 'float32');
    let output = tf.cast(yPred, 'float32');
    assertSameShape(lossName, target, output, ' (one-hot labels)');
    const classAxis = normalizeAxis(axis, output.rank);
    if (labelSmoothing) {
      const numClasses = target.shape[target.rank - 1];
      target = tf.add(tf.mul(target, 1 - labelSmoothing), labelSmoothing / numClasses);
    }
    if (fromLogits) output = tf.softmax(output, classAxis === output.rank - 1 ? -1 : classAxis);
    // Keras renormalises, then clips to [eps, 1 - eps] like the plain cross-entropy.
    const probabilities = tf.clipByValue(tf.div(output, tf.sum(output, classAxis, true)), EPSILON, 1 - EPSILON);
    const crossentropy = tf.mul(tf.neg(target), tf.log(probabilities));
    const modulatingFactor = tf.pow(tf.sub(1, probabilities), gamma);
    const weightingFactor = tf.mul(modulatingFactor, Array.isArray(alpha) ? tf.tensor1d(alpha) : alpha);
    return tf.sum(tf.mul(weightingFactor, crossentropy), classAxis);
  });
}

/** Per-sample categorical focal cross-entropy (`keras.losses.categorical_focal_crossentropy`). */
export function categoricalFocalCrossentropy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: CategoricalFocalCrossentropyOptions = {},
): tf.Tensor {
  return categoricalFocalNamed(yTrue, yPred, options, 'categorical_focal_crossentropy');
}

export class CategoricalFocalCrossentropy extends Loss {
  static override className = 'CategoricalFocalCrossentropy';
  readonly alpha: number | number[];
  readonly gamma: number;
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(options: CategoricalFocalCrossentropyOptions & LossOptions = {}) {
    super(options, 'categorical_focal_crossentropy');
    this.alpha = options.alpha ?? 0.25;
    this.gamma = options.gamma ?? 2;
    this.fromLogits = options.fromLogits ?? false;
    this.labelSmoothing = options.labelSmoothing ?? 0;
    this.axis = options.axis ?? -1;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.tidy(() => categoricalFocalNamed(...squeezeOrExpandToSameRank(yTrue, yPred), this, this.name));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      from_logits: this.fromLogits,
      label_smoothing: this.labelSmoothing,
      axis: this.axis,
      alpha: this.alpha,
      gamma: this.gamma,
    };
  }
}
