import { EPSILON, squeezeOrExpandToSameRank } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { MeanMetricWrapper } from './mean-metric-wrapper';
import type { MetricOptions } from './metric';

function aligned(yTrue: tf.Tensor, yPred: tf.Tensor): [tf.Tensor, tf.Tensor] {
  return squeezeOrExpandToSameRank(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32'));
}

/** Population standard deviation along `axis` (NumPy's ddof 0, as `ops.std`). */
function std(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.sqrt(tf.moments(x, axis, true).variance);
}

/** `keras.metrics.pearson_correlation`: the correlation of labels and predictions along `axis`, per sample. */
export function pearsonCorrelation(yTrue: tf.Tensor, yPred: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = aligned(yTrue, yPred);
    let trueCentered = tf.sub(target, tf.mean(target, axis, true));
    let predCentered = tf.sub(output, tf.mean(output, axis, true));
    trueCentered = tf.div(trueCentered, std(trueCentered, axis));
    predCentered = tf.div(predCentered, std(predCentered, axis));
    return tf.mean(tf.mul(trueCentered, predCentered), axis);
  });
}

/**
 * `keras.metrics.concordance_correlation` (Lin's concordance), per sample along `axis`. The covariance term is
 * Keras's own, `(y_true − mean(y_pred)) · (y_pred − mean(y_pred))`, reproduced as written there.
 */
export function concordanceCorrelation(yTrue: tf.Tensor, yPred: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const [target, output] = aligned(yTrue, yPred);
    const trueMean = tf.mean(target, axis, true);
    const predMean = tf.mean(output, axis, true);
    const trueVariance = tf.moments(tf.sub(target, trueMean), axis, true).variance;
    const predVariance = tf.moments(tf.sub(output, predMean), axis, true).variance;
    const covariance = tf.mul(tf.sub(target, predMean), tf.sub(output, predMean));
    const norm = tf.add(tf.add(trueVariance, predVariance), tf.square(tf.sub(trueMean, predMean)));
    return tf.mean(tf.div(tf.mul(2, covariance), tf.add(norm, EPSILON)), axis);
  });
}

export class PearsonCorrelation extends MeanMetricWrapper {
  static override className = 'PearsonCorrelation';
  readonly axis: number;
  constructor(options: MetricOptions & {
    /** The axis along which the correlation is computed. Default `-1`. */
    axis?: number;
  } = {}) {
    const axis = options.axis ?? -1;
    super((yTrue: tf.Tensor, yPred: tf.Tensor) => pearsonCorrelation(yTrue, yPred, axis), options, 'pearson_correlation');
    this.axis = axis;
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32', axis: this.axis };
  }
}

export class ConcordanceCorrelation extends MeanMetricWrapper {
  static override className = 'ConcordanceCorrelation';
  readonly axis: number;
  constructor(options: MetricOptions & {
    /** The axis along which the correlation is computed. Default `-1`. */
    axis?: number;
  } = {}) {
    const axis = options.axis ?? -1;
    super((yTrue: tf.Tensor, yPred: tf.Tensor) => concordanceCorrelation(yTrue, yPred, axis), options, 'concordance_correlation');
    this.axis = axis;
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32', axis: this.axis };
  }
}
