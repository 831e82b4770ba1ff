import * as tf from '@tensorflow/tfjs-core';
import { EPSILON, assertSameShape } from './errors';
import { Loss, type LossOptions } from './loss';
import { squeezeOrExpandToSameRank } from './reduction';

export interface BinaryCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities; a sigmoid is then applied inside the loss. Default `false`. */
  fromLogits?: boolean;
  /** Squeezes the labels towards 0.5: y * (1 - s) + 0.5 * s. */
  labelSmoothing?: number;
  /** The axis the loss is averaged over. Default `-1`. */
  axis?: number;
}

export interface BinaryFocalCrossentropyOptions extends BinaryCrossentropyOptions {
  /** Weights positive samples by `alpha` and negative ones by `1 - alpha`. Default `false`. */
  applyClassBalancing?: boolean;
  /** Weight of class 1 when `applyClassBalancing`; class 0 gets 1 - alpha. */
  alpha?: number;
  /** The focusing parameter: each term is multiplied by `(1 - p_t)^gamma`. Default `2`. */
  gamma?: number;
}

/**
 * Keras's backend `binary_crossentropy`, element-wise. From logits it is the
 * stable form of `sigmoid_cross_entropy_with_logits`:
 * max(x, 0) - x * z + log(1 + exp(-|x|)). From probabilities, Keras clips them
 * to [eps, 1 - eps] first, so a probability of exactly 0 or 1 gives a finite loss.
 */
function binaryCrossentropyOp(
  target: tf.Tensor,
  output: tf.Tensor,
  fromLogits: boolean,
  lossName: string,
): tf.Tensor {
  assertSameShape(lossName, target, output);
  if (fromLogits) {
    return tf.add(tf.sub(tf.relu(output), tf.mul(output, target)), tf.log1p(tf.exp(tf.neg(tf.abs(output)))));
  }
  const clipped = tf.clipByValue(output, EPSILON, 1 - EPSILON);
  const positive = tf.mul(target, tf.log(clipped));
  const negative = tf.mul(tf.sub(1, target), tf.log(tf.sub(1, clipped)));
  return tf.neg(tf.add(positive, negative));
}

function smoothBinaryLabels(yTrue: tf.Tensor, labelSmoothing: number): tf.Tensor {
  if (!labelSmoothing) return yTrue;
  return tf.add(tf.mul(yTrue, 1 - labelSmoothing), 0.5 * labelSmoothing);
}

function binaryCrossentropyNamed(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  { fromLogits = false, labelSmoothing = 0, axis = -1 }: BinaryCrossentropyOptions,
  lossName: string,
): tf.Tensor {
  return tf.tidy(() => {
    const target = smoothBinaryLabels(tf.cast(yTrue, 'float32'), labelSmoothing);
    return tf.mean(binaryCrossentropyOp(target, tf.cast(yPred, 'float32'), fromLogits, lossName), axis);
  });
}

/** Per-sample binary cross-entropy, averaged over `axis` (`keras.losses.binary_crossentropy`). */
export function binaryCrossentropy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: BinaryCrossentropyOptions = {},
): tf.Tensor {
  return binaryCrossentropyNamed(yTrue, yPred, options, 'binary_crossentropy');
}

function binaryFocalCrossentropyNamed(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: BinaryFocalCrossentropyOptions,
  lossName: string,
): tf.Tensor {
  const { applyClassBalancing = false, alpha = 0.25, gamma = 2, fromLogits = false } = options;
  const { labelSmoothing = 0, axis = -1 } = options;
  return tf.tidy(() => {
    const target = smoothBinaryLabels(tf.cast(yTrue, 'float32'), labelSmoothing);
    const probabilities = fromLogits ? tf.sigmoid(tf.cast(yPred, 'float32')) : tf.cast(yPred, 'float32');
    const crossentropy = binaryCrossentropyOp(target, probabilities, false, lossName);
    // p_t is the probability given to the true class; the focal factor (1 - p_t)^gamma down-weights easy samples.
    const trueClassProbability = tf.add(
      tf.mul(target, probabilities),
      tf.mul(tf.sub(1, target), tf.sub(1, probabilities)),
    );
    let focal = tf.mul(tf.pow(tf.sub(1, trueClassProbability), gamma), crossentropy);
    if (applyClassBalancing) {
      const weight = tf.add(tf.mul(target, alpha), tf.mul(tf.sub(1, target), 1 - alpha));
      focal = tf.mul(weight, focal);
    }
    return tf.mean(focal, axis);
  });
}

/** Per-sample binary focal cross-entropy (`keras.losses.binary_focal_crossentropy`). */
export function binaryFocalCrossentropy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: BinaryFocalCrossentropyOptions = {},
): tf.Tensor {
  return binaryFocalCrossentropyNamed(yTrue, yPred, options, 'binary_focal_crossentropy');
}

export class BinaryCrossentropy extends Loss {
  static override className = 'BinaryCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(options: BinaryCrossentropyOptions & LossOptions = {}) {
    super(options, 'binary_crossentropy');
    this.fromLogits = options.fromLogits ?? false;
    this.labelSmoothing = options.labelSmoothing ?? 0;
    this.axis = options.axis ?? -1;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    const options = { fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
    return tf.tidy(() => binaryCrossentropyNamed(...squeezeOrExpandToSameRank(yTrue, yPred), options, this.name));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis };
  }
}

export class BinaryFocalCrossentropy extends Loss {
  static override className = 'BinaryFocalCrossentropy';
  readonly applyClassBalancing: boolean;
  readonly alpha: number;
  readonly gamma: number;
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(options: BinaryFocalCrossentropyOptions & LossOptions = {}) {
    super(options, 'binary_focal_crossentropy');
    this.applyClassBalancing = options.applyClassBalancing ?? false;
    this.alpha = options.alpha ?? 0.25;
    this.gamma = options.gamma ?? 2;
    this.fromLogits = options.fromLogits ?? false;
    this.labelSmoothing = options.labelSmoothing ?? 0;
    this.axis = options.axis ?? -1;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.tidy(() => binaryFocalCrossentropyNamed(...squeezeOrExpandToSameRank(yTrue, yPred), this, this.name));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      from_logits: this.fromLogits,
      label_smoothing: this.labelSmoothing,
      axis: this.axis,
      apply_class_balancing: this.applyClassBalancing,
      alpha: this.alpha,
      gamma: this.gamma,
    };
  }
}
