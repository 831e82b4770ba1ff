import { EPSILON } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { Metric, type MetricOptions } from './metric';

export type FScoreAverage = 'micro' | 'macro' | 'weighted' | null;

export interface FBetaScoreOptions extends MetricOptions {
  /** null (the default) gives one score per class; 'micro', 'macro' or 'weighted' average them as scikit-learn does. */
  average?: FScoreAverage;
  /** Weight of recall against precision. Default 1. */
  beta?: number;
  /** Predictions above it count as positive; null (the default) takes each row's largest prediction. */
  threshold?: number | null;
}

/** Keras's `FBetaScore` over 2D `(batch, classes)` data, for multi-class and multi-label problems. */
export class FBetaScore extends Metric {
  static override className = 'FBetaScore';
  readonly average: FScoreAverage;
  readonly beta: number;
  readonly threshold: number | null;
  private counts: { truePositives: tf.Variable; falsePositives: tf.Variable; falseNegatives: tf.Variable; support: tf.Variable } | null = null;

  constructor(options: FBetaScoreOptions = {}, defaultName = 'fbeta_score') {
    super(options, defaultName);
    this.average = options.average ?? null;
    if (![null, 'micro', 'macro', 'weighted'].includes(this.average)) {
      throw new RangeError(`Invalid \`average\` argument value. Expected one of: {None, 'micro', 'macro', 'weighted'}. Received: average=${this.average}`);
    }
    this.beta = options.beta ?? 1;
    if (!(this.beta > 0)) throw new RangeError(`Invalid \`beta\` argument value. It should be > 0. Received: beta=${this.beta}`);
    this.threshold = options.threshold ?? null;
    if (this.threshold !== null && !(this.threshold > 0 && this.threshold <= 1)) {
      throw new RangeError(`Invalid \`threshold\` argument value. It should verify 0 < threshold <= 1. Received: threshold=${this.threshold}`);
    }
  }

  private build(yTrue: tf.Tensor, yPred: tf.Tensor) {
    if (yTrue.rank !== 2 || yPred.rank !== 2) {
      throw new Error(
        `${this.className} expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape=[${yPred.shape}] and y_true.shape=[${yTrue.shape}].`,
      );
    }
    const shape: number[] = this.average === 'micro' ? [] : [yPred.shape[1] as number];
    this.counts = {
      truePositives: this.addVariable(shape),
      falsePositives: this.addVariable(shape),
      falseNegatives: this.addVariable(shape),
      support: this.addVariable(shape),
    };
    return this.counts;
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const output = tf.cast(yPred, 'float32');
      const target = tf.cast(yTrue, 'float32');
      const counts = this.counts ?? this.build(target, output);
      const predicted =
        this.threshold === null
          ? tf.logicalAnd(tf.greaterEqual(output, tf.max(output, -1, true)), tf.greater(tf.abs(output), 1e-9))
          : tf.greater(output, this.threshold);
      const positive = tf.cast(predicted, 'float32');
      const axis = this.average === 'micro' ? undefined : 0;
      const weighted = (value: tf.Tensor) => tf.sum(sampleWeight === undefined ? value : tf.mul(value, tf.expandDims(tf.cast(sampleWeight, 'float32'), 1)), axis);
      counts.truePositives.assign(tf.add(counts.truePositives, weighted(tf.mul(positive, target))));
      counts.falsePositives.assign(tf.add(counts.falsePositives, weighted(tf.mul(positive, tf.sub(1, target)))));
      counts.falseNegatives.assign(tf.add(counts.falseNegatives, weighted(tf.mul(tf.sub(1, positive), target))));
      counts.support.assign(tf.add(counts.support, weighted(target)));
    });
  }

  result(): tf.Tensor {
    return tf.tidy(() => {
      if (this.counts === null) return tf.scalar(0);
      const { truePositives, falsePositives, falseNegatives, support } = this.counts;
      const precision = tf.div(truePositives, tf.add(tf.add(truePositives, falsePositives), EPSILON));
      const recall = tf.div(truePositives, tf.add(tf.add(truePositives, falseNegatives), EPSILON));
      const betaSquared = this.beta ** 2;
      const harmonic = tf.div(tf.mul(precision, recall), tf.add(tf.add(tf.mul(betaSquared, precision), recall), EPSILON));
      const score = tf.mul(harmonic, 1 + betaSquared);
      if (this.average === 'weighted') return tf.sum(tf.mul(score, tf.div(support, tf.add(tf.sum(support), EPSILON))));
      if (this.average !== null) return tf.mean(score);
      return score;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32', average: this.average, beta: this.beta, threshold: this.threshold };
  }
}

/** Keras's `F1Score`: `FBetaScore` with β = 1. */
export class F1Score extends FBetaScore {
  static override className = 'F1Score';

  constructor(options: Omit<FBetaScoreOptions, 'beta'> = {}) {
    super({ ...options, beta: 1 }, 'f1_score');
  }

  override getConfig(): Record<string, unknown> {
    const { beta: _beta, ...config } = super.getConfig();
    return config;
  }
}
