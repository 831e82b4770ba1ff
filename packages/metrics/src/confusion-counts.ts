import * as tf from '@tensorflow/tfjs-core';
import { type ConfusionVariables, accumulateAtThresholds, isEvenlyDistributed, parseThresholds } from './confusion-matrix';
import { Metric, type MetricOptions } from './metric';

export interface ConfusionCountOptions extends MetricOptions {
  /** A threshold or a list in [0, 1]; predictions above it count as positive. Default 0.5. */
  thresholds?: number | number[] | null;
}

type Condition = keyof ConfusionVariables;

/** Keras's `_ConfusionMatrixConditionCount`: the weighted count of one confusion-matrix cell per threshold. */
abstract class ConfusionCount extends Metric {
  readonly thresholds: number[];
  readonly accumulator: tf.Variable;
  private readonly initThresholds: number | number[] | null;
  private readonly evenlyDistributed: boolean;

  protected constructor(
    private readonly condition: Condition,
    options: ConfusionCountOptions,
    defaultName: string,
  ) {
    super(options, defaultName);
    this.initThresholds = options.thresholds ?? null;
    this.thresholds = parseThresholds(options.thresholds, 0.5);
    this.evenlyDistributed = isEvenlyDistributed(this.thresholds);
    this.accumulator = this.addVariable([this.thresholds.length]);
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    accumulateAtThresholds({ [this.condition]: this.accumulator }, yTrue, yPred, this.thresholds, this.evenlyDistributed, { sampleWeight });
  }

  /** One threshold gives a scalar, several one count per threshold, as in Keras. */
  result(): tf.Tensor {
    return tf.tidy(() => (this.thresholds.length === 1 ? tf.squeeze(this.accumulator, [0]) : tf.clone(this.accumulator)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), thresholds: this.initThresholds };
  }
}

export class TruePositives extends ConfusionCount {
  static override className = 'TruePositives';
  constructor(options: ConfusionCountOptions = {}) {
    super('truePositives', options, 'true_positives');
  }
}

export class FalsePositives extends ConfusionCount {
  static override className = 'FalsePositives';
  constructor(options: ConfusionCountOptions = {}) {
    super('falsePositives', options, 'false_positives');
  }
}

export class TrueNegatives extends ConfusionCount {
  static override className = 'TrueNegatives';
  constructor(options: ConfusionCountOptions = {}) {
    super('trueNegatives', options, 'true_negatives');
  }
}

export class FalseNegatives extends ConfusionCount {
  static override className = 'FalseNegatives';
  constructor(options: ConfusionCountOptions = {}) {
    super('falseNegatives', options, 'false_negatives');
  }
}
