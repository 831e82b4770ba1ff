import { Loss } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { Metric, type MetricOptions } from './metric';
import { accumulateMean } from './reduction-metrics';

/** A per-sample metric function `(yTrue, yPred) => values`. */
export type MetricFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/**
 * Keras's `MeanMetricWrapper`: the running (weighted) mean of a per-sample
 * function. Given a Loss instance it calls the loss as Keras does,
 * `loss(yTrue, yPred)`, which is already reduced to one value per batch.
 */
export class MeanMetricWrapper extends Metric {
  static override className = 'MeanMetricWrapper';
  readonly total: tf.Variable;
  readonly count: tf.Variable;
  protected readonly fn: MetricFunction;
  private readonly functionName: string;

  constructor(fn: MetricFunction | Loss, options: MetricOptions = {}, defaultName?: string) {
    const functionName = fn instanceof Loss ? fn.name : fn.name || 'mean_metric_wrapper';
    super(options, defaultName ?? functionName);
    this.functionName = functionName;
    this.fn = fn instanceof Loss ? (yTrue, yPred) => fn.compute(yTrue, yPred) : fn;
    this.total = this.addVariable([]);
    this.count = this.addVariable([]);
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => accumulateMean(this.total, this.count, this.fn(yTrue, yPred), sampleWeight));
  }

  result(): tf.Tensor {
    return tf.tidy(() => tf.divNoNan(this.total, this.count));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), fn: this.functionName };
  }
}
