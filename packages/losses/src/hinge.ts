import * as tf from '@tensorflow/tfjs-core';
import { assertBroadcastable } from './errors';
import { LossFunctionWrapper, type LossOptions } from './loss';

/**
 * Keras converts labels to -1/1 when every label is 0 or 1 (`convert_binary_labels_to_hinge`).
 * It decides with `ops.cond`; we blend on the device with a 0/1 scalar so that nothing is read back.
 */
function convertBinaryLabelsToHinge(yTrue: tf.Tensor): tf.Tensor {
  const isZeroOrOne = tf.logicalOr(tf.equal(yTrue, 0), tf.equal(yTrue, 1));
  const allBinary = tf.cast(tf.all(isZeroOrOne), 'float32');
  // allBinary = 1 gives y + (y - 1) = 2y - 1; allBinary = 0 leaves y unchanged.
  return tf.add(yTrue, tf.mul(allBinary, tf.sub(yTrue, 1)));
}

function prepare(lossName: string, yTrue: tf.Tensor, yPred: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const output = tf.cast(yPred, 'float32');
  const target = tf.cast(yTrue, 'float32');
  assertBroadcastable(lossName, target, output);
  return [target, output];
}

/** mean(max(1 - yTrue * yPred, 0), -1), with 0/1 labels mapped to -1/1. */
export function hinge(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = prepare('hinge', yTrue, yPred);
    return tf.mean(tf.relu(tf.sub(1, tf.mul(convertBinaryLabelsToHinge(target), output))), -1);
  });
}

/** mean(square(max(1 - yTrue * yPred, 0)), -1), with 0/1 labels mapped to -1/1. */
export function squaredHinge(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = prepare('squared_hinge', yTrue, yPred);
    return tf.mean(tf.square(tf.relu(tf.sub(1, tf.mul(convertBinaryLabelsToHinge(target), output)))), -1);
  });
}

/** max(neg - pos + 1, 0) with pos = sum(yTrue * yPred) and neg = max((1 - yTrue) * yPred) over the last axis. */
export function categoricalHinge(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = prepare('categorical_hinge', yTrue, yPred);
    const positive = tf.sum(tf.mul(target, output), -1);
    const negative = tf.max(tf.mul(tf.sub(1, target), output), -1);
    return tf.relu(tf.add(tf.sub(negative, positive), 1));
  });
}

export class Hinge extends LossFunctionWrapper {
  static override className = 'Hinge';
  constructor(options: LossOptions = {}) {
    super(hinge, { ...options, name: options.name ?? 'hinge' });
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

export class SquaredHinge extends LossFunctionWrapper {
  static override className = 'SquaredHinge';
  constructor(options: LossOptions = {}) {
    super(squaredHinge, { ...options, name: options.name ?? 'squared_hinge' });
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

export class CategoricalHinge extends LossFunctionWrapper {
  static override className = 'CategoricalHinge';
  constructor(options: LossOptions = {}) {
    super(categoricalHinge, { ...options, name: options.name ?? 'categorical_hinge' });
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}
