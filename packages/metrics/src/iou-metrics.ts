import { EPSILON } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { Metric, type MetricOptions } from './metric';

export interface IoUOptions extends MetricOptions {
  /** A label to leave out of the confusion matrix (Keras's `ignore_class`), or null. */
  ignoreClass?: number | null;
  /** Labels are class ids (true, the default) rather than one-hot or scores (argmax taken along `axis`). */
  sparseYTrue?: boolean;
  /** Predictions are class ids (true, the default) rather than scores (argmax taken along `axis`). */
  sparseYPred?: boolean;
  /** The class axis of non-sparse inputs. Default −1. */
  axis?: number;
  /**
   * Keras's default `'int'` accumulates an integer confusion matrix, so fractional sample weights are truncated
   * (Keras warns about it); `'float32'` keeps them.
   */
  dtype?: IoUDtype | null;
}

/** Keras's IoU metrics count in integers by default (`'int'`, saved as `'int32'`); `'float32'` keeps fractional weights. */
export type IoUDtype = 'int' | 'int32' | 'float32';

/**
 * Keras's `_IoUBase` and `IoU`: a confusion matrix of `numClasses` × `numClasses` accumulated over batches, and
 * the mean intersection-over-union of the target classes that occur (absent classes count for nothing).
 */
export class IoU extends Metric {
  static override className = 'IoU';
  readonly numClasses: number;
  readonly targetClassIds: number[];
  readonly ignoreClass: number | null;
  readonly sparseYTrue: boolean;
  readonly sparseYPred: boolean;
  readonly axis: number;
  readonly dtype: 'int32' | 'float32';
  readonly totalConfusionMatrix: tf.Variable;

  constructor(numClasses: number, targetClassIds: number[], options: IoUOptions = {}, defaultName = 'io_u') {
    super(options, defaultName);
    this.numClasses = numClasses;
    if (Math.max(...targetClassIds) >= numClasses) {
      throw new RangeError(`Target class id ${Math.max(...targetClassIds)} is out of range, which is [0, ${numClasses}).`);
    }
    this.targetClassIds = [...targetClassIds];
    this.ignoreClass = options.ignoreClass ?? null;
    this.sparseYTrue = options.sparseYTrue ?? true;
    this.sparseYPred = options.sparseYPred ?? true;
    this.axis = options.axis ?? -1;
    this.dtype = options.dtype === 'float32' ? 'float32' : 'int32';
    this.totalConfusionMatrix = this.addVariable([numClasses, numClasses]);
  }

  private get integerCounts(): boolean {
    return this.dtype !== 'float32';
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const countType = this.integerCounts ? 'int32' : 'float32';
      const labels = tf.reshape(tf.cast(this.sparseYTrue ? yTrue : tf.argMax(yTrue, this.axis), countType), [-1]);
      const predictions = tf.reshape(tf.cast(this.sparseYPred ? yPred : tf.argMax(yPred, this.axis), countType), [-1]);
      let weights = sampleWeight === undefined ? tf.ones(labels.shape) : tf.reshape(tf.cast(tf.cast(sampleWeight, countType), 'float32'), [-1]);
      weights = tf.broadcastTo(weights, labels.shape);
      const inRange = (x: tf.Tensor) => tf.logicalAnd(tf.greaterEqual(x, 0), tf.less(x, this.numClasses));
      let valid = tf.logicalAnd(inRange(labels), inRange(predictions));
      if (this.ignoreClass !== null) valid = tf.logicalAnd(valid, tf.notEqual(labels, this.ignoreClass));
      weights = tf.where(valid, weights, tf.zerosLike(weights));
      const trueOneHot = tf.oneHot(tf.cast(tf.where(valid, labels, tf.zerosLike(labels)), 'int32'), this.numClasses);
      const predOneHot = tf.oneHot(tf.cast(tf.where(valid, predictions, tf.zerosLike(predictions)), 'int32'), this.numClasses);
      const weightedTrue = tf.mul(tf.cast(trueOneHot, 'float32'), tf.expandDims(weights, 1));
      const batchMatrix = tf.matMul(weightedTrue, tf.cast(predOneHot, 'float32'), true, false);
      this.totalConfusionMatrix.assign(tf.add(this.totalConfusionMatrix, batchMatrix));
    });
  }

  result(): tf.Tensor {
    return tf.tidy(() => {
      const matrix = this.totalConfusionMatrix;
      const truePositives = tf.sum(tf.mul(matrix, tf.eye(this.numClasses)), 1);
      const denominator = tf.sub(tf.add(tf.sum(matrix, 0), tf.sum(matrix, 1)), truePositives);
      const targets = tf.tensor1d(this.targetClassIds, 'int32');
      const targetPositives = tf.gather(truePositives, targets);
      const targetDenominator = tf.gather(denominator, targets);
      const present = tf.greater(targetDenominator, 1e-9);
      const iou = tf.where(present, tf.div(targetPositives, tf.add(targetDenominator, EPSILON)), tf.zerosLike(targetPositives));
      return tf.div(tf.sum(iou), tf.add(tf.sum(tf.cast(present, 'float32')), EPSILON));
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      dtype: this.dtype,
      num_classes: this.numClasses,
      target_class_ids: this.targetClassIds,
      ignore_class: this.ignoreClass,
      sparse_y_true: this.sparseYTrue,
      sparse_y_pred: this.sparseYPred,
      axis: this.axis,
    };
  }
}

/** Keras's `BinaryIoU`: predictions ≥ `threshold` are class 1, the rest class 0. */
export class BinaryIoU extends IoU {
  static override className = 'BinaryIoU';
  readonly threshold: number;

  constructor(options: MetricOptions & {
    /** The classes (0, 1 or both) whose IoU is averaged. Default `[0, 1]`. */
    targetClassIds?: number[];
    /** A prediction above this counts as class 1. Default `0.5`. */
    threshold?: number;
    /** The dtype of the confusion matrix the metric accumulates. Default `null` (`'float32'`). */
    dtype?: IoUDtype | null;
  } = {}) {
    super(2, options.targetClassIds ?? [0, 1], options, 'binary_io_u');
    this.threshold = options.threshold ?? 0.5;
  }

  override updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    const classes = tf.tidy(() => tf.cast(tf.greaterEqual(tf.cast(yPred, 'float32'), this.threshold), 'int32'));
    super.updateState(yTrue, classes, sampleWeight);
    classes.dispose();
  }

  override getConfig(): Record<string, unknown> {
    return { target_class_ids: this.targetClassIds, threshold: this.threshold, name: this.name, dtype: this.dtype };
  }
}

/** Keras's `MeanIoU`: the IoU averaged over every class. */
export class MeanIoU extends IoU {
  static override className = 'MeanIoU';

  constructor(numClasses: number, options: IoUOptions = {}) {
    super(numClasses, Array.from({ length: numClasses }, (_, i) => i), options, 'mean_io_u');
  }

  override getConfig(): Record<string, unknown> {
    const { target_class_ids: _ids, ...config } = super.getConfig();
    return config;
  }
}

/** Keras's `OneHotIoU`: one-hot labels (and, by default, score predictions). */
export class OneHotIoU extends IoU {
  static override className = 'OneHotIoU';

  constructor(numClasses: number, targetClassIds: number[], options: Omit<IoUOptions, 'sparseYTrue'> = {}) {
    super(numClasses, targetClassIds, { ...options, sparseYTrue: false, sparseYPred: options.sparseYPred ?? false }, 'one_hot_io_u');
  }

  override getConfig(): Record<string, unknown> {
    const { sparse_y_true: _sparse, ...config } = super.getConfig();
    return config;
  }
}

/** Keras's `OneHotMeanIoU`: `MeanIoU` for one-hot labels. */
export class OneHotMeanIoU extends IoU {
  static override className = 'OneHotMeanIoU';

  constructor(numClasses: number, options: Omit<IoUOptions, 'sparseYTrue'> = {}) {
    const all = Array.from({ length: numClasses }, (_, i) => i);
    super(numClasses, all, { ...options, sparseYTrue: false, sparseYPred: options.sparseYPred ?? false }, 'one_hot_mean_io_u');
  }

  override getConfig(): Record<string, unknown> {
    const { sparse_y_true: _sparse, target_class_ids: _ids, ...config } = super.getConfig();
    return config;
  }
}
