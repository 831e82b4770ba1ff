import * as tf from '@tensorflow/tfjs-core';
import { isEvenlyDistributed, updateConfusionMatrix, updateConfusionMatrixBuckets } from './confusion-matrix';
import { Metric, type MetricOptions } from './metric';

export type AUCCurve = 'ROC' | 'PR';
export type AUCSummationMethod = 'interpolation' | 'minoring' | 'majoring';

export interface AUCOptions extends MetricOptions {
  numThresholds?: number;
  curve?: AUCCurve | 'roc' | 'pr';
  summationMethod?: AUCSummationMethod;
  /** Inner thresholds; Keras adds -epsilon and 1 + epsilon around them. */
  thresholds?: number[] | null;
  multiLabel?: boolean;
  fromLogits?: boolean;
}

const EPSILON = 1e-7;

/**
 * Area under the ROC or precision-recall curve, from confusion counts at fixed
 * thresholds, summed exactly as Keras 3's `AUC` does (mid-point Riemann sum for
 * ROC, Davis & Goadrich interpolation for PR).
 */
export class AUC extends Metric {
  readonly className: string = 'AUC';
  readonly numThresholds: number;
  readonly curve: AUCCurve;
  readonly summationMethod: AUCSummationMethod;
  readonly fromLogits: boolean;
  /** All thresholds, including the two that Keras nudges outside [0, 1]. */
  readonly allThresholds: number[];
  readonly truePositives: tf.Variable;
  readonly falsePositives: tf.Variable;
  readonly trueNegatives: tf.Variable;
  readonly falseNegatives: tf.Variable;
  private readonly evenlyDistributed: boolean;

  constructor(options: AUCOptions = {}) {
    super(options, 'auc');
    if (options.multiLabel) {
      throw new Error('AUC: multiLabel is not supported yet; use one AUC per label (classId is not available on AUC either).');
    }
    const curve = (options.curve ?? 'ROC').toUpperCase();
    if (curve !== 'ROC' && curve !== 'PR') throw new Error(`AUC: curve must be 'ROC' or 'PR', received '${options.curve}'.`);
    this.curve = curve;
    this.summationMethod = options.summationMethod ?? 'interpolation';
    if (!['interpolation', 'minoring', 'majoring'].includes(this.summationMethod)) {
      throw new Error(`AUC: summationMethod must be interpolation, minoring or majoring, received '${this.summationMethod}'.`);
    }
    this.fromLogits = options.fromLogits ?? false;
    let inner: number[];
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
    this.truePositives = this.addVariable([this.numThresholds]);
    this.falsePositives = this.addVariable([this.numThresholds]);
    this.trueNegatives = this.addVariable([this.numThresholds]);
    this.falseNegatives = this.addVariable([this.numThresholds]);
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const predictions = this.fromLogits ? tf.sigmoid(yPred) : yPred;
      const variables = {
        truePositives: this.truePositives,
        falsePositives: this.falsePositives,
        trueNegatives: this.trueNegatives,
        falseNegatives: this.falseNegatives,
      };
      if (this.evenlyDistributed) {
        updateConfusionMatrixBuckets(variables, yTrue, predictions, this.numThresholds, { sampleWeight });
      } else {
        updateConfusionMatrix(variables, yTrue, predictions, this.allThresholds, { sampleWeight });
      }
    });
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
      return tf.sum(tf.mul(tf.sub(xHead, xTail), heights));
    });
  }

  /** x[:T-1] and x[1:]. */
  private headAndTail(x: tf.Tensor): [tf.Tensor, tf.Tensor] {
    const length = this.numThresholds - 1;
    return [tf.slice(x, [0], [length]), tf.slice(x, [1], [length])];
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
    return tf.sum(increments);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      num_thresholds: this.numThresholds,
      curve: this.curve,
      summation_method: this.summationMethod,
      multi_label: false,
      num_labels: null,
      label_weights: null,
      thresholds: this.allThresholds.slice(1, -1),
      from_logits: this.fromLogits,
    };
  }
}
