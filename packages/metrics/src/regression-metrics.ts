import { meanAbsoluteError, meanSquaredError, squeezeOrExpandToSameRank } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { MeanMetricWrapper } from './mean-metric-wrapper';
import { Metric, type MetricOptions } from './metric';
import { accumulateMean } from './reduction-metrics';

export class MeanSquaredError extends MeanMetricWrapper {
  override readonly className: string = 'MeanSquaredError';
  constructor(options: MetricOptions = {}) {
    super(meanSquaredError, options, 'mean_squared_error');
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }
}

export class MeanAbsoluteError extends MeanMetricWrapper {
  override readonly className: string = 'MeanAbsoluteError';
  constructor(options: MetricOptions = {}) {
    super(meanAbsoluteError, options, 'mean_absolute_error');
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }
}

/** sqrt of the running mean of squared errors; Keras averages element-wise errors per sample first. */
export class RootMeanSquaredError extends Metric {
  readonly className: string = 'RootMeanSquaredError';
  readonly total: tf.Variable;
  readonly count: tf.Variable;

  constructor(options: MetricOptions = {}) {
    super(options, 'root_mean_squared_error');
    this.total = this.addVariable([]);
    this.count = this.addVariable([]);
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const [target, output] = squeezeOrExpandToSameRank(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32'));
      accumulateMean(this.total, this.count, tf.square(tf.sub(output, target)), sampleWeight);
    });
  }

  result(): tf.Tensor {
    return tf.tidy(() => tf.sqrt(tf.divNoNan(this.total, this.count)));
  }
}
