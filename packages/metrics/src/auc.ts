import * as tf from '@tensorflow/tfjs-core';
import {
  type ConfusionVariables,
  isEvenlyDistributed,
  updateConfusionMatrix,
  updateConfusionMatrixBuckets,
} from './confusion-matrix';
import { Metric, type MetricOptions } from './metric';

export type AUCCurve = 'ROC' | 'PR';
export type AUCSummationMethod = 'interpolation' | 'minoring' | 'majoring';

export interface AUCOptions extends MetricOptions {
  /** The number of thresholds the curve is discretised at. Default `200`. */
  numThresholds?: number;
  /** `'ROC'` (true-positive against false-positive rate) or `'PR'` (precision against recall). Default `'ROC'`. */
  curve?: AUCCurve | 'roc' | 'pr';
  /** How the area under the discretised curve is summed: `'interpolation'` (trapezoids; Davis & Goadrich for PR), `'minoring'` (left sums) or `'majoring'` (right sums). Default `'interpolation'`. */
  summationMethod?: AUCSummationMethod;
  /** Inner thresholds; Keras adds -epsilon and 1 + epsilon around them. */
  thresholds?: number[] | null;
  /** One curve per label (last axis), averaged (or weighted by `labelWeights`) in `result()`. */
  multiLabel?: boolean;
  /** The number of labels, when multiLabel; otherwise taken from the first batch. */
  numLabels?: number | null;
  /** Non-negative per-label weights. */
  labelWeights?: number[] | null;
  /** Whether predictions are logits; a sigmoid is then applied first. Default `false`. */
  fromLogits?: boolean;
}

const EPSILON = 1e-7;

/**
 * Area under the ROC or precision-recall curve, from confusion counts at fixed
 * thresholds, summed exactly as Keras 3's `AUC` does (mid-point Riemann sum for
 * ROC, Davis & Goadrich interpolation for PR).
 */
export class AUC extends Metric {
  static override className = 'AUC';
  readonly numThresholds: number;
  readonly curve: AUCCurve;
  readonly summationMethod: AUCSummationMethod;
  readonly fromLogits: boolean;
  /** Whether the thresholds were given (Keras writes them in the config only then). */
  private readonly initFromThresholds: boolean;
  /** All thresholds, including the two that Keras nudges outside [0, 1]. */
  readonly allThresholds: number[];
  readonly multiLabel: boolean;
  readonly labelWeights: number[] | null;
  private labelCount: number | null;
  private confusion: Required<ConfusionVariables> | undefined;
  private readonly evenlyDistributed: boolean;

  constructor(options: AUCOptions = {}) {
    super(options, 'auc');
    this.multiLabel = options.multiLabel ?? false;
    this.labelWeights = options.labelWeights ?? null;
    this.labelCount = options.numLabels ?? null;
    const curve = (options.curve ?? 'ROC').toUpperCase();
    if (curve !== 'ROC' && curve !== 'PR') throw new Error(`AUC: curve must be 'ROC' or 'PR', received '${options.curve}'.`);
    this.curve = curve;
    this.summationMethod = options.summationMethod ?? 'interpolation';
    if (!['interpolation', 'minoring', 'majoring'].includes(this.summationMethod)) {
      throw new Error(`AUC: summationMethod must be interpolation, minoring or majoring, received '${this.summationMethod}'.`);
    }
    this.fromLogits = options.fromLogits ?? false;
    let inner: number[];
    this.initFromThresholds = Boolean(options.thresholds);
    if (options.thresholds) {
      inner = [...options.thresholds].sort((a, b) => a - b);
      if (inner.some((threshold) => !(threshold >= 0 && threshold <= 1))) {
        throw new Error(`AUC: thresholds must lie in [0, 1], received ${inner.join(', ')}.`);
      }
      this.numThresholds = inner.length + 2;
      this.evenlyDistributed = isEvenlyDistributed([0, ...inner, 1]);
    } else {
      this.numThresholds = options.numThresholds ?? 200;
      if (this.numThresholds <= 1) throw new Error(`AUC: numThresholds must be > 1, received ${this.numThresholds}.`);
      inner = Array.from({ length: this.numThresholds - 2 }, (_, index) => (index + 1) / (this.numThresholds - 1));
      this.evenlyDistributed = true;
    }
    this.allThresholds = [-EPSILON, ...inner, 1 + EPSILON];
    // A multi-label AUC needs the number of labels; without it the variables wait for the first batch, as in Keras.
    if (!this.multiLabel || this.labelCount !== null) this.build();
  }

  /** The number of labels of a multi-label AUC (null until the first batch when not given). */
  get numLabels(): number | null {
    return this.labelCount;
  }

  private build(): Required<ConfusionVariables> {
    if (this.confusion) return this.confusion;
    const shape = this.multiLabel ? [this.numThresholds, this.labelCount ?? 1] : [this.numThresholds];
    this.confusion = {
      truePositives: this.addVariable(shape),
      falsePositives: this.addVariable(shape),
      trueNegatives: this.addVariable(shape),
      falseNegatives: this.addVariable(shape),
    };
    return this.confusion;
  }

  private get variablesOrThrow(): Required<ConfusionVariables> {
    if (!this.confusion) throw new Error(`AUC ${this.name}: result() needs a first updateState() to learn the number of labels.`);
    return this.confusion;
  }

  get truePositives(): tf.Variable {
    return this.variablesOrThrow.truePositives;
  }
  get falsePositives(): tf.Variable {
    return this.variablesOrThrow.falsePositives;
  }
  get trueNegatives(): tf.Variable {
    return this.variablesOrThrow.trueNegatives;
  }
  get falseNegatives(): tf.Variable {
    return this.variablesOrThrow.falseNegatives;
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    if (this.multiLabel && this.confusion === undefined) {
      if (yPred.rank !== 2) {
        throw new Error(`AUC ${this.name}: multiLabel needs yPred of shape [batch, labels]; received [${yPred.shape.join(', ')}].`);
      }
      this.labelCount = yPred.shape[1] ?? null;
    }
    const variables = this.build();
    tf.tidy(() => {
      const predictions = this.fromLogits ? tf.sigmoid(yPred) : yPred;
      // Keras folds label weights into the counts only for a single curve; a multi-label AUC weights the areas.
      const labelWeights = this.labelWeights && !this.multiLabel ? tf.tensor1d(this.labelWeights) : undefined;
      const options = { sampleWeight, multiLabel: this.multiLabel, labelWeights };
      if (this.evenlyDistributed) {
        updateConfusionMatrixBuckets(variables, yTrue, predictions, this.numThresholds, options);
      } else {
        updateConfusionMatrix(variables, yTrue, predictions, this.allThresholds, options);
      }
    });
  }

  /** Sums the per-threshold terms; a multi-label AUC averages the per-label areas (weighted by labelWeights). */
  private total(terms: tf.Tensor): tf.Tensor {
    if (!this.multiLabel) return tf.sum(terms);
    const byLabel = tf.sum(terms, 0);
    if (this.labelWeights === null) return tf.mean(byLabel);
    const weights = tf.tensor1d(this.labelWeights);
    return tf.divNoNan(tf.sum(tf.mul(byLabel, weights)), tf.sum(weights));
  }

  result(): tf.Tensor {
    return tf.tidy(() => {
      if (this.curve === 'PR' && this.summationMethod === 'interpolation') return this.interpolatePrAuc();
      const recall = tf.divNoNan(this.truePositives, tf.add(this.truePositives, this.falseNegatives));
      let x: tf.Tensor;
      let y: tf.Tensor;
      if (this.curve === 'ROC') {
        x = tf.divNoNan(this.falsePositives, tf.add(this.falsePositives, this.trueNegatives));
        y = recall;
      } else {
        x = recall;
        y = tf.divNoNan(this.truePositives, tf.add(this.truePositives, this.falsePositives));
      }
      const [yHead, yTail] = this.headAndTail(y);
      const heights =
        this.summationMethod === 'interpolation'
          ? tf.div(tf.add(yHead, yTail), 2)
          : this.summationMethod === 'minoring'
            ? tf.minimum(yHead, yTail)
            : tf.maximum(yHead, yTail);
      const [xHead, xTail] = this.headAndTail(x);
      return this.total(tf.mul(tf.sub(xHead, xTail), heights));
    });
  }

  /** x[:T-1] and x[1:], along the thresholds axis. */
  private headAndTail(x: tf.Tensor): [tf.Tensor, tf.Tensor] {
    const size = x.shape.map((length, axis) => (axis === 0 ? this.numThresholds - 1 : length));
    const start = x.shape.map(() => 0);
    return [tf.slice(x, start, size), tf.slice(x, [1, ...start.slice(1)], size)];
  }

  /**
   * Keras's `interpolate_pr_auc`: between two thresholds, true positives and
   * predicted positives are interpolated linearly, and the precision integral
   * is taken in closed form.
   */
  private interpolatePrAuc(): tf.Tensor {
    const [truePositivesHead, truePositivesTail] = this.headAndTail(this.truePositives);
    const predictedPositives = tf.add(this.truePositives, this.falsePositives);
    const [positivesHead, positivesTail] = this.headAndTail(predictedPositives);
    const deltaTruePositives = tf.sub(truePositivesHead, truePositivesTail);
    const deltaPositives = tf.sub(positivesHead, positivesTail);
    const precisionSlope = tf.divNoNan(deltaTruePositives, tf.maximum(deltaPositives, 0));
    const intercept = tf.sub(truePositivesTail, tf.mul(precisionSlope, positivesTail));
    const bothPositive = tf.logicalAnd(tf.greater(positivesHead, 0), tf.greater(positivesTail, 0));
    const safeRatio = tf.where(bothPositive, tf.divNoNan(positivesHead, tf.maximum(positivesTail, 0)), tf.onesLike(positivesTail));
    const [, falseNegativesTail] = this.headAndTail(this.falseNegatives);
    const increments = tf.divNoNan(
      tf.mul(precisionSlope, tf.add(deltaTruePositives, tf.mul(intercept, tf.log(safeRatio)))),
      tf.maximum(tf.add(truePositivesTail, falseNegativesTail), 0),
    );
    return this.total(increments);
  }

  override dispose(): void {
    super.dispose();
    this.confusion = undefined;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      num_thresholds: this.numThresholds,
      curve: this.curve,
      summation_method: this.summationMethod,
      multi_label: this.multiLabel,
      num_labels: this.labelCount,
      label_weights: this.labelWeights,
      from_logits: this.fromLogits,
      // Keras writes the thresholds only when they were given (not the numThresholds it generates itself).
      ...(this.initFromThresholds ? { thresholds: this.allThresholds.slice(1, -1) } : {}),
    };
  }
}
