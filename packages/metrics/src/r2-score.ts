import { squeezeOrExpandToSameRank } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { Metric, type MetricOptions } from './metric';

export type R2ClassAggregation = 'uniform_average' | 'variance_weighted_average' | null;

export interface R2ScoreOptions extends MetricOptions {
  /** How the per-output scores combine: their mean (default), weighted by each output's variance, or none. */
  classAggregation?: R2ClassAggregation;
  /** Number of independent regressors, for the adjusted R²; 0 (the default) gives the plain R². */
  numRegressors?: number;
}

const AGGREGATIONS: readonly R2ClassAggregation[] = [null, 'uniform_average', 'variance_weighted_average'];

/** Keras's `R2Score`, the coefficient of determination over 2D `(batch, outputs)` data, streamed. */
export class R2Score extends Metric {
  static override className = 'R2Score';
  readonly classAggregation: R2ClassAggregation;
  readonly numRegressors: number;
  readonly numSamples: tf.Variable;
  private state: { squaredSum: tf.Variable; sum: tf.Variable; residual: tf.Variable; count: tf.Variable } | null = null;

  constructor(options: R2ScoreOptions = {}) {
    super(options, 'r2_score');
    this.classAggregation = options.classAggregation === undefined ? 'uniform_average' : options.classAggregation;
    if (!AGGREGATIONS.includes(this.classAggregation)) {
      throw new RangeError(
        `Invalid value for argument \`class_aggregation\`. Expected one of ${JSON.stringify(AGGREGATIONS)}. Received: class_aggregation=${JSON.stringify(this.classAggregation)}`,
      );
    }
    this.numRegressors = options.numRegressors ?? 0;
    if (this.numRegressors < 0) {
      throw new RangeError(`Invalid value for argument \`num_regressors\`. Expected a value >= 0. Received: num_regressors=${this.numRegressors}`);
    }
    this.numSamples = this.addVariable([]);
  }

  private build(yTrue: tf.Tensor, yPred: tf.Tensor) {
    if (yTrue.rank !== 2 || yPred.rank !== 2) {
      throw new Error(
        `R2Score expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape=[${yPred.shape}] and y_true.shape=[${yTrue.shape}].`,
      );
    }
    const outputs: number[] = [yPred.shape[1] as number];
    this.state = { squaredSum: this.addVariable(outputs), sum: this.addVariable(outputs), residual: this.addVariable(outputs), count: this.addVariable(outputs) };
    return this.state;
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const [target, output] = squeezeOrExpandToSameRank(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32'));
      const state = this.state ?? this.build(target, output);
      let weights: tf.Tensor = sampleWeight === undefined ? tf.scalar(1) : tf.cast(sampleWeight, 'float32');
      if (weights.rank === 1) weights = tf.expandDims(weights, 1);
      weights = tf.broadcastTo(weights, target.shape);
      const weightedTarget = tf.mul(target, weights);
      state.sum.assign(tf.add(state.sum, tf.sum(weightedTarget, 0)));
      state.squaredSum.assign(tf.add(state.squaredSum, tf.sum(tf.mul(target, weightedTarget), 0)));
      state.residual.assign(tf.add(state.residual, tf.sum(tf.mul(tf.square(tf.sub(target, output)), weights), 0)));
      state.count.assign(tf.add(state.count, tf.sum(weights, 0)));
      this.numSamples.assign(tf.add(this.numSamples, target.size));
    });
  }

  result(): tf.Tensor {
    return tf.tidy(() => {
      if (this.state === null) return tf.scalar(Number.NaN);
      const { squaredSum, sum, residual, count } = this.state;
      const mean = tf.div(sum, count);
      const total = tf.sub(squaredSum, tf.mul(sum, mean));
      let raw = tf.sub(1, tf.div(residual, total));
      raw = tf.where(tf.isInf(raw), tf.zerosLike(raw), raw);
      let score: tf.Tensor;
      if (this.classAggregation === 'uniform_average') score = tf.mean(raw);
      else if (this.classAggregation === 'variance_weighted_average') score = tf.div(tf.sum(tf.mul(total, raw)), tf.sum(total));
      else score = raw;
      if (this.numRegressors === 0) return score;
      // Adjusted R² where n − p − 1 > 0; Keras falls back to the plain score (with a warning) otherwise.
      const n = this.numSamples;
      const adjusted = tf.sub(1, tf.div(tf.mul(tf.sub(1, score), tf.sub(n, 1)), tf.sub(tf.sub(n, this.numRegressors), 1)));
      return tf.where(tf.less(this.numRegressors, tf.sub(n, 1)), adjusted, score);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32', class_aggregation: this.classAggregation, num_regressors: this.numRegressors };
  }
}
