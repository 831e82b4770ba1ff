import * as tf from '@tensorflow/tfjs-core';
import { categoricalCrossEntropy, type SparseLabelCheckAttrs, sparseProbabilitiesCrossEntropy, sparseSoftmaxCrossEntropy } from '@strata/backend';
import { EPSILON, assertSameShape, normalizeAxis, shapeError } from './errors';
import { Loss, type LossOptions, type MaskedLoss } from './loss';
import { squeezeOrExpandToSameRank } from './reduction';

export interface CategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits (unnormalised scores) rather than probabilities; a softmax is then applied inside the loss. Default `false`. */
  fromLogits?: boolean;
  /** Smooths one-hot labels towards 1/numClasses, as Keras does. */
  labelSmoothing?: number;
  /** The class axis the crossentropy sums over. Default `-1`. */
  axis?: number;
}

export interface SparseCategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits (unnormalised scores) rather than probabilities; a softmax is then applied inside the loss. Default `false`. */
  fromLogits?: boolean;
  /** A class id whose entries are left out of the loss and of the average (Keras's `ignore_class`). */
  ignoreClass?: number | null;
  /** The class axis of `yPred`. Default `-1`. */
  axis?: number;
}

/** Log-probabilities along `axis`, computed the way Keras's backends do. */
function logProbabilities(output: tf.Tensor, fromLogits: boolean, axis: number): tf.Tensor {
  if (fromLogits) {
    // tfjs's logSoftmax only supports the last axis.
    if (axis === output.rank - 1) return tf.logSoftmax(output, -1);
    return tf.sub(output, tf.logSumExp(output, axis, true));
  }
  // Keras renormalises the probabilities, then clips them to [eps, 1 - eps] before the log.
  const normalized = tf.div(output, tf.sum(output, axis, true));
  return tf.log(tf.clipByValue(normalized, EPSILON, 1 - EPSILON));
}

/** Keras's backend `categorical_crossentropy(target, output, from_logits, axis)`. */
function categoricalCrossentropyOp(
  target: tf.Tensor,
  output: tf.Tensor,
  fromLogits: boolean,
  axis: number,
  lossName: string,
): tf.Tensor {
  assertSameShape(
    lossName,
    target,
    output,
    ' (one-hot labels); for integer class ids use sparse_categorical_crossentropy',
  );
  const classAxis = normalizeAxis(axis, output.rank);
  return tf.neg(tf.sum(tf.mul(target, logProbabilities(output, fromLogits, classAxis)), classAxis));
}

function smoothLabels(yTrue: tf.Tensor, labelSmoothing: number): tf.Tensor {
  if (!labelSmoothing) return yTrue;
  const numClasses = yTrue.shape[yTrue.rank - 1];
  return tf.add(tf.mul(yTrue, 1 - labelSmoothing), labelSmoothing / numClasses);
}

/** Per-sample categorical cross-entropy (`keras.losses.categorical_crossentropy`). */
export function categoricalCrossentropy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  { fromLogits = false, labelSmoothing = 0, axis = -1 }: CategoricalCrossentropyOptions = {},
): tf.Tensor {
  return tf.tidy(() => {
    const target = smoothLabels(tf.cast(yTrue, 'float32'), labelSmoothing);
    return categoricalCrossentropyOp(target, tf.cast(yPred, 'float32'), fromLogits, axis, 'categorical_crossentropy');
  });
}

/** One-hot encodes integer labels along `classAxis` of a tensor of rank labels.rank + 1. */
function oneHotAlong(labels: tf.Tensor, numClasses: number, classAxis: number): tf.Tensor {
  const encoded = tf.oneHot(tf.cast(labels, 'int32'), numClasses);
  const lastAxis = encoded.rank - 1;
  if (classAxis === lastAxis) return tf.cast(encoded, 'float32');
  const permutation: number[] = [];
  for (let axis = 0; axis < lastAxis; axis++) {
    if (axis === classAxis) permutation.push(lastAxis);
    permutation.push(axis);
  }
  return tf.cast(tf.transpose(encoded, permutation), 'float32');
}

/** Sparse categorical cross-entropy and the mask of valid entries (all of them unless `ignoreClass`). */
export function sparseCategoricalCrossentropyWithMask(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  { fromLogits = false, ignoreClass = null, axis = -1 }: SparseCategoricalCrossentropyOptions = {},
  lossName = 'sparse_categorical_crossentropy',
): MaskedLoss {
  let target = tf.cast(yTrue, 'float32');
  let output = tf.cast(yPred, 'float32');
  if (target.rank === output.rank && target.shape[target.rank - 1] === 1) target = tf.squeeze(target, [target.rank - 1]);
  const classAxis = normalizeAxis(axis, output.rank);
  const expected = output.shape.filter((_, index) => index !== classAxis);
  const fits = target.rank === expected.length && target.shape.every((size, index) => size === expected[index]);
  if (!fits) {
    throw shapeError(
      lossName,
      yTrue,
      yPred,
      `yTrue must hold integer class ids of shape [${expected.join(', ')}] (yPred's shape without the class axis); ` +
        'for one-hot labels use categorical_crossentropy',
    );
  }
  let validMask: tf.Tensor | undefined;
  if (ignoreClass !== null && ignoreClass !== undefined) {
    validMask = tf.cast(tf.notEqual(target, ignoreClass), 'float32');
    // As Keras: ignored labels become class 0 and their predictions zeros, then their loss is zeroed.
    target = tf.mul(target, validMask);
    output = tf.mul(output, tf.expandDims(validMask, -1));
  }
  const oneHot = oneHotAlong(target, output.shape[classAxis], classAxis);
  let values = tf.neg(tf.sum(tf.mul(oneHot, logProbabilities(output, fromLogits, classAxis)), classAxis));
  if (validMask !== undefined) values = tf.where(tf.cast(validMask, 'bool'), values, tf.zerosLike(values));
  return { values, mask: validMask };
}

/** Per-sample sparse categorical cross-entropy (`keras.losses.sparse_categorical_crossentropy`). */
export function sparseCategoricalCrossentropy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: SparseCategoricalCrossentropyOptions = {},
): tf.Tensor {
  return tf.tidy(() => sparseCategoricalCrossentropyWithMask(yTrue, yPred, options).values);
}

export class CategoricalCrossentropy extends Loss {
  static override className = 'CategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(options: CategoricalCrossentropyOptions & LossOptions = {}) {
    super(options, 'categorical_crossentropy');
    this.fromLogits = options.fromLogits ?? false;
    this.labelSmoothing = options.labelSmoothing ?? 0;
    this.axis = options.axis ?? -1;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const [target, output] = squeezeOrExpandToSameRank(yTrue, yPred);
      const smoothed = smoothLabels(tf.cast(target, 'float32'), this.labelSmoothing);
      return categoricalCrossentropyOp(smoothed, tf.cast(output, 'float32'), this.fromLogits, this.axis, this.name);
    });
  }

  /**
   * Without sample weights or label smoothing, with the default reduction and
   * the class axis last: @strata/backend's `categoricalCrossEntropy`, one
   * kernel for the loss and one for its gradient on cpu and wasm, in place of
   * the ~35 of the op chain. A subclass (which may override `call`) keeps the op chain.
   */
  override computeFused(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor | null): tf.Scalar | null {
    if (this.constructor !== CategoricalCrossentropy || (sampleWeight !== undefined && sampleWeight !== null)) return null;
    if (this.labelSmoothing !== 0 || this.reduction !== 'sum_over_batch_size') return null;
    if (this.axis !== -1 && this.axis !== 1) return null;
    // One-hot targets often come as int32 (tf.oneHot's dtype): cast as the op chain does.
    const targets = yTrue.dtype === 'float32' ? yTrue : tf.cast(yTrue, 'float32');
    return categoricalCrossEntropy(targets, yPred, { fromLogits: this.fromLogits, epsilon: EPSILON });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis };
  }
}

export class SparseCategoricalCrossentropy extends Loss {
  static override className = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly ignoreClass: number | null;
  readonly axis: number;

  constructor(options: SparseCategoricalCrossentropyOptions & LossOptions = {}) {
    super(options, 'sparse_categorical_crossentropy');
    this.fromLogits = options.fromLogits ?? false;
    this.ignoreClass = options.ignoreClass ?? null;
    this.axis = options.axis ?? -1;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    const { values, mask } = this.callWithMask(yTrue, yPred);
    mask?.dispose();
    return values;
  }

  override callWithMask(yTrue: tf.Tensor, yPred: tf.Tensor): MaskedLoss {
    const options = { fromLogits: this.fromLogits, ignoreClass: this.ignoreClass, axis: this.axis };
    return tf.tidy(() => {
      const [target, output] = squeezeOrExpandToSameRank(yTrue, yPred);
      const { values, mask } = sparseCategoricalCrossentropyWithMask(target, output, options, this.name);
      return mask === undefined ? { values } : { values, mask };
    }) as MaskedLoss;
  }

  /**
   * Without sample weights or an ignored class, with the default reduction:
   * @strata/backend's `sparseSoftmaxCrossEntropy` from logits, or
   * `sparseProbabilitiesCrossEntropy` on probabilities, one kernel for the
   * loss and one for its gradient on cpu and wasm, in place of the ~25–35 of
   * the op chain. A subclass (which may override `call`) keeps the op chain.
   */
  override get takesClassIds(): boolean {
    return true;
  }

  /** Class ids along `axis` of the predictions, with the ignored class allowed. */
  override classLabelCheck(yPred: tf.Tensor): SparseLabelCheckAttrs {
    const axis = this.axis < 0 ? yPred.rank + this.axis : this.axis;
    return { classes: yPred.shape[axis], ignoreClass: this.ignoreClass ?? 0, hasIgnoreClass: this.ignoreClass !== null };
  }

  override computeFused(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor | null): tf.Scalar | null {
    if (this.constructor !== SparseCategoricalCrossentropy || (sampleWeight !== undefined && sampleWeight !== null)) return null;
    if (this.ignoreClass !== null || this.reduction !== 'sum_over_batch_size') return null;
    if (this.axis !== -1 && this.axis !== 1) return null;
    return this.fromLogits ? sparseSoftmaxCrossEntropy(yTrue, yPred) : sparseProbabilitiesCrossEntropy(yTrue, yPred, EPSILON);
  }

  override getConfig(): Record<string, unknown> {
    // Keras's config has no `axis` for this class (only the function takes one).
    return { ...super.getConfig(), from_logits: this.fromLogits, ignore_class: this.ignoreClass };
  }
}
