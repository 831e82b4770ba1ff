import * as tf from '@tensorflow/tfjs-core';
import { accumulateAtThresholds } from './confusion-matrix';
import { Metric, type MetricOptions } from './metric';

export interface AtThresholdOptions extends MetricOptions {
  /** How many thresholds in [0, 1] the curve is sampled at. Default 200. */
  numThresholds?: number;
  /** Restricts the metric to one class (column) of multi-class data. */
  classId?: number | null;
}

type Counts = { tp: tf.Tensor; fp: tf.Tensor; tn: tf.Tensor; fn: tf.Tensor };

/**
 * Keras's `SensitivitySpecificityBase`: confusion counts at `numThresholds` evenly spaced thresholds, and the
 * largest value of one rate among the thresholds where another rate reaches the target (0 when none does).
 */
abstract class AtThresholdMetric extends Metric {
  readonly numThresholds: number;
  readonly classId: number | null;
  readonly thresholds: number[];
  readonly truePositives: tf.Variable;
  readonly falsePositives: tf.Variable;
  readonly trueNegatives: tf.Variable;
  readonly falseNegatives: tf.Variable;
  private readonly evenlyDistributed: boolean;

  protected constructor(
    readonly value: number,
    private readonly valueName: string,
    options: AtThresholdOptions,
    defaultName: string,
  ) {
    super(options, defaultName);
    if (!(value >= 0 && value <= 1)) throw new RangeError(`Argument \`${valueName}\` must be in the range [0, 1]. Received: ${valueName}=${value}`);
    this.numThresholds = options.numThresholds ?? 200;
    if (!(Number.isInteger(this.numThresholds) && this.numThresholds > 0)) {
      throw new RangeError(`Argument \`num_thresholds\` must be an integer > 0. Received: num_thresholds=${this.numThresholds}`);
    }
    this.classId = options.classId ?? null;
    if (this.numThresholds === 1) {
      this.thresholds = [0.5];
      this.evenlyDistributed = false;
    } else {
      const inner = Array.from({ length: this.numThresholds - 2 }, (_, i) => (i + 1) / (this.numThresholds - 1));
      this.thresholds = [0, ...inner, 1];
      this.evenlyDistributed = true;
    }
    const shape = [this.thresholds.length];
    this.truePositives = this.addVariable(shape);
    this.falsePositives = this.addVariable(shape);
    this.trueNegatives = this.addVariable(shape);
    this.falseNegatives = this.addVariable(shape);
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    const variables = {
      truePositives: this.truePositives,
      falsePositives: this.falsePositives,
      trueNegatives: this.trueNegatives,
      falseNegatives: this.falseNegatives,
    };
    accumulateAtThresholds(variables, yTrue, yPred, this.thresholds, this.evenlyDistributed, { classId: this.classId, sampleWeight });
  }

  /** The rate constrained to reach `value`, and the rate maximized among thresholds that satisfy it. */
  protected abstract rates(counts: Counts): [tf.Tensor, tf.Tensor];

  result(): tf.Tensor {
    return tf.tidy(() => {
      const [constrained, dependent] = this.rates({ tp: this.truePositives, fp: this.falsePositives, tn: this.trueNegatives, fn: this.falseNegatives });
      const feasible = tf.greaterEqual(constrained, this.value);
      return tf.maximum(tf.max(tf.where(feasible, dependent, tf.zerosLike(dependent))), 0);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), class_id: this.classId, num_thresholds: this.numThresholds, [this.valueName]: this.value };
  }
}

const recall = ({ tp, fn }: Counts) => tf.divNoNan(tp, tf.add(tp, fn));
const precision = ({ tp, fp }: Counts) => tf.divNoNan(tp, tf.add(tp, fp));
const specificity = ({ tn, fp }: Counts) => tf.divNoNan(tn, tf.add(tn, fp));

/** The best sensitivity (recall) among thresholds whose specificity is at least `specificity`. */
export class SensitivityAtSpecificity extends AtThresholdMetric {
  static override className = 'SensitivityAtSpecificity';
  constructor(specificityTarget: number, options: AtThresholdOptions = {}) {
    super(specificityTarget, 'specificity', options, 'sensitivity_at_specificity');
  }
  protected rates(counts: Counts): [tf.Tensor, tf.Tensor] {
    return [specificity(counts), recall(counts)];
  }
}

/** The best specificity among thresholds whose sensitivity is at least `sensitivity`. */
export class SpecificityAtSensitivity extends AtThresholdMetric {
  static override className = 'SpecificityAtSensitivity';
  constructor(sensitivityTarget: number, options: AtThresholdOptions = {}) {
    super(sensitivityTarget, 'sensitivity', options, 'specificity_at_sensitivity');
  }
  protected rates(counts: Counts): [tf.Tensor, tf.Tensor] {
    return [recall(counts), specificity(counts)];
  }
}

/** The best precision among thresholds whose recall is at least `recall`. */
export class PrecisionAtRecall extends AtThresholdMetric {
  static override className = 'PrecisionAtRecall';
  constructor(recallTarget: number, options: AtThresholdOptions = {}) {
    super(recallTarget, 'recall', options, 'precision_at_recall');
  }
  protected rates(counts: Counts): [tf.Tensor, tf.Tensor] {
    return [recall(counts), precision(counts)];
  }
}

/** The best recall among thresholds whose precision is at least `precision`. */
export class RecallAtPrecision extends AtThresholdMetric {
  static override className = 'RecallAtPrecision';
  constructor(precisionTarget: number, options: AtThresholdOptions = {}) {
    super(precisionTarget, 'precision', options, 'recall_at_precision');
  }
  protected rates(counts: Counts): [tf.Tensor, tf.Tensor] {
    return [precision(counts), recall(counts)];
  }
}
