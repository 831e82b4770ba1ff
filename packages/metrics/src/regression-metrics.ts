import {
  logCosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogarithmicError,
  squeezeOrExpandToSameRank,
} from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { MeanMetricWrapper } from './mean-metric-wrapper';
import { Metric, type MetricOptions } from './metric';
import { PlainMetricWrapper } from './probabilistic-metrics';
import { accumulateMean } from './reduction-metrics';

export class MeanSquaredError extends MeanMetricWrapper {
  static override className = 'MeanSquaredError';
  constructor(options: MetricOptions = {}) {
    super(meanSquaredError, options, 'mean_squared_error');
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }
}

export class MeanAbsoluteError extends MeanMetricWrapper {
  static override className = 'MeanAbsoluteError';
  constructor(options: MetricOptions = {}) {
    super(meanAbsoluteError, options, 'mean_absolute_error');
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }
}

/** sqrt of the running mean of squared errors; Keras averages element-wise errors per sample first. */
export class RootMeanSquaredError extends Metric {
  static override className = 'RootMeanSquaredError';
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

export class MeanAbsolutePercentageError extends PlainMetricWrapper {
  static override className = 'MeanAbsolutePercentageError';
  constructor(options: MetricOptions = {}) {
    super(meanAbsolutePercentageError, options, 'mean_absolute_percentage_error');
  }
}

export class MeanSquaredLogarithmicError extends PlainMetricWrapper {
  static override className = 'MeanSquaredLogarithmicError';
  constructor(options: MetricOptions = {}) {
    super(meanSquaredLogarithmicError, options, 'mean_squared_logarithmic_error');
  }
}

export class LogCoshError extends PlainMetricWrapper {
  static override className = 'LogCoshError';
  constructor(options: MetricOptions = {}) {
    super(logCosh, options, 'logcosh');
  }
}

/** Keras's `cosine_similarity` metric function: Σ (ŷ/‖ŷ‖)·(y/‖y‖) along `axis` — positive, unlike the loss. */
export function cosineSimilarityMetric(yTrue: tf.Tensor, yPred: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = squeezeOrExpandToSameRank(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32'));
    // Keras's L2 normalize: x · min(rsqrt(Σx²), 1/ε) with ε = 1e-7.
    const normalize = (x: tf.Tensor) => tf.mul(x, tf.minimum(tf.rsqrt(tf.sum(tf.square(x), axis, true)), 1 / 1e-7));
    return tf.sum(tf.mul(normalize(target), normalize(output)), axis);
  });
}

export class CosineSimilarity extends MeanMetricWrapper {
  static override className = 'CosineSimilarity';
  readonly axis: number;
  constructor(options: MetricOptions & {
    /** The axis along which the cosine similarity is computed. Default `-1`. */
    axis?: number;
  } = {}) {
    const axis = options.axis ?? -1;
    super((yTrue: tf.Tensor, yPred: tf.Tensor) => cosineSimilarityMetric(yTrue, yPred, axis), options, 'cosine_similarity');
    this.axis = axis;
  }
  /** Keras 3.15's config of CosineSimilarity leaves `axis` out (so a saved axis other than −1 is lost there too). */
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }
}
