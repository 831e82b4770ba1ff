import * as tf from '@tensorflow/tfjs-core';
import { type ConfusionVariables, NEG_INF, accumulateAtThresholds, isEvenlyDistributed, parseThresholds } from './confusion-matrix';
import { Metric, type MetricOptions } from './metric';

export interface PrecisionRecallOptions extends MetricOptions {
  /** A threshold or a list; predictions above it count as positive. Defaults to 0.5 (or NEG_INF with topK). */
  thresholds?: number | number[] | null;
  /** Only the k largest predictions of each sample count as positive. */
  topK?: number | null;
  /** Restricts the metric to one class (column) of multi-class data. */
  classId?: number | null;
}

/** Shared state and configuration of Precision and Recall. */
abstract class ThresholdMetric extends Metric {
  readonly thresholds: number[];
  readonly topK: number | null;
  readonly classId: number | null;
  private readonly initThresholds: number | number[] | null;
  private readonly evenlyDistributed: boolean;

  constructor(options: PrecisionRecallOptions, defaultName: string) {
    super(options, defaultName);
    this.initThresholds = options.thresholds ?? null;
    this.topK = options.topK ?? null;
    this.classId = options.classId ?? null;
    this.thresholds = parseThresholds(options.thresholds, this.topK === null ? 0.5 : NEG_INF);
    this.evenlyDistributed = isEvenlyDistributed(this.thresholds);
  }

  protected accumulate(variables: ConfusionVariables, yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    accumulateAtThresholds(variables, yTrue, yPred, this.thresholds, this.evenlyDistributed, { topK: this.topK, classId: this.classId, sampleWeight });
  }

  protected ratio(numerator: tf.Variable, other: tf.Variable): tf.Tensor {
    return tf.tidy(() => {
      const values = tf.divNoNan(numerator, tf.add(numerator, other));
      // One threshold gives a scalar, several give one value per threshold, as in Keras.
      return this.thresholds.length === 1 ? tf.squeeze(values, [0]) : values;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), thresholds: this.initThresholds, top_k: this.topK, class_id: this.classId };
  }
}

/** tp / (tp + fp) at each threshold. */
export class Precision extends ThresholdMetric {
  static override className = 'Precision';
  readonly truePositives: tf.Variable;
  readonly falsePositives: tf.Variable;

  constructor(options: PrecisionRecallOptions = {}) {
    super(options, 'precision');
    this.truePositives = this.addVariable([this.thresholds.length]);
    this.falsePositives = this.addVariable([this.thresholds.length]);
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.accumulate({ truePositives: this.truePositives, falsePositives: this.falsePositives }, yTrue, yPred, sampleWeight);
  }

  result(): tf.Tensor {
    return this.ratio(this.truePositives, this.falsePositives);
  }
}

/** tp / (tp + fn) at each threshold. */
export class Recall extends ThresholdMetric {
  static override className = 'Recall';
  readonly truePositives: tf.Variable;
  readonly falseNegatives: tf.Variable;

  constructor(options: PrecisionRecallOptions = {}) {
    super(options, 'recall');
    this.truePositives = this.addVariable([this.thresholds.length]);
    this.falseNegatives = this.addVariable([this.thresholds.length]);
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.accumulate({ truePositives: this.truePositives, falseNegatives: this.falseNegatives }, yTrue, yPred, sampleWeight);
  }

  result(): tf.Tensor {
    return this.ratio(this.truePositives, this.falseNegatives);
  }
}
