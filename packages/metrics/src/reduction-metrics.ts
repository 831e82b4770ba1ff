import { meanUpdate } from '@strata/backend';
import { divideNoNan, squeezeOrExpandToSameRank } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { Metric, type MetricOptions } from './metric';

type ReduceFunction = (x: tf.Tensor, axis: number[]) => tf.Tensor;
const reduceMean: ReduceFunction = (x, axis) => tf.mean(x, axis);
const reduceSum: ReduceFunction = (x, axis) => tf.sum(x, axis);

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, index) => start + index);
}

/**
 * Keras's `reduce_to_samplewise_values`: brings the values down to one per
 * sample (reducing the extra axes with `reduce`), weighting them first when
 * there are sample weights, and returns the per-sample weights too.
 */
export function reduceToSamplewiseValues(
  values: tf.Tensor,
  sampleWeight: tf.Tensor | undefined,
  reduce: ReduceFunction,
): [tf.Tensor, tf.Tensor | undefined] {
  values = tf.cast(values, 'float32');
  let weights = sampleWeight === undefined ? undefined : tf.cast(sampleWeight, 'float32');
  if (weights !== undefined) {
    let sameRankWeights: tf.Tensor;
    [values, sameRankWeights] = squeezeOrExpandToSameRank(values, weights);
    const weightRank = sameRankWeights.rank;
    if (values.rank > weightRank) values = reduce(values, range(weightRank, values.rank));
    // Broadcasting does not change the product, but it changes the weight total below.
    sameRankWeights = tf.broadcastTo(sameRankWeights, values.shape);
    values = tf.mul(values, sameRankWeights);
    weights = weightRank > 1 ? reduce(sameRankWeights, range(1, weightRank)) : sameRankWeights;
  }
  if (values.rank > 1) values = reduce(values, range(1, values.rank));
  return [values, weights];
}

/** Adds a batch to a (total, count) pair, as Keras's `Mean.update_state`. */
export function accumulateMean(
  total: tf.Variable,
  count: tf.Variable,
  values: tf.Tensor,
  sampleWeight?: tf.Tensor | number,
): void {
  tf.tidy(() => {
    // One value per sample and no weights (accuracy in fit): one kernel where the backend has it.
    const fused = sampleWeight === undefined && values.rank === 1 ? meanUpdate(total, count, values, 1, values.shape[0]) : null;
    if (fused !== null) {
      total.assign(fused[0]);
      count.assign(fused[1]);
      return;
    }
    // A numeric weight is a scalar weight tensor for Keras: a scalar loss weighted by the batch size counts
    // that many samples (and, as in Keras, a whole batch weighted by a number counts as that weight).
    const weightTensor = typeof sampleWeight === 'number' ? tf.scalar(sampleWeight) : sampleWeight;
    const [samplewise, weights] = reduceToSamplewiseValues(values, weightTensor, reduceMean);
    total.assign(tf.add(total, tf.sum(samplewise)));
    const numSamples = weights !== undefined ? tf.sum(weights) : samplewise.rank >= 1 ? samplewise.shape[0] : 1;
    count.assign(tf.add(count, numSamples));
  });
}

/**
 * The (weighted) mean of the values it is given. `updateState(values, sampleWeight)`
 * takes values, not labels and predictions: it is what a training loop uses to
 * track the loss.
 */
export class Mean extends Metric {
  static override className = 'Mean';
  readonly total: tf.Variable;
  readonly count: tf.Variable;

  constructor(options: MetricOptions = {}) {
    super(options, 'mean');
    this.total = this.addVariable([]);
    this.count = this.addVariable([]);
  }

  override updateState(values: tf.Tensor, sampleWeight?: tf.Tensor | number): void {
    accumulateMean(this.total, this.count, values, sampleWeight);
  }

  result(): tf.Tensor {
    return tf.tidy(() => divideNoNan(this.total, this.count));
  }
}

/** The (weighted) sum of the values it is given. */
export class Sum extends Metric {
  static override className = 'Sum';
  readonly total: tf.Variable;

  constructor(options: MetricOptions = {}) {
    super(options, 'sum');
    this.total = this.addVariable([]);
  }

  override updateState(values: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const [samplewise] = reduceToSamplewiseValues(values, sampleWeight, reduceSum);
      this.total.assign(tf.add(this.total, tf.sum(samplewise)));
    });
  }

  result(): tf.Tensor {
    return tf.clone(this.total);
  }
}
