import * as tf from '@tensorflow/tfjs-core';

/**
 * Keras 3.15's reductions. 'sum_over_batch_size' and 'mean' divide the sum by
 * the number of loss elements; 'mean_with_sample_weight' divides it by the sum
 * of the sample weights; 'none' keeps the per-sample values.
 */
export type Reduction = 'sum_over_batch_size' | 'sum' | 'none' | 'mean' | 'mean_with_sample_weight';

/**
 * Keras's `divide_no_nan` (0 where the divisor is 0). tfjs's `tf.divNoNan`
 * compares against a tensor derived from the numerator, so `tf.grads` through it
 * fails with "gradient function not found for Equal"; here the comparison only
 * involves the divisor, which is never differentiated.
 */
export function divideNoNan(numerator: tf.Tensor, divisor: tf.Tensor): tf.Tensor {
  const isZero = tf.equal(divisor, 0);
  const safeDivisor = tf.where(isZero, tf.onesLike(divisor), divisor);
  return tf.mul(tf.div(numerator, safeDivisor), tf.cast(tf.logicalNot(isZero), numerator.dtype));
}

const REDUCTIONS: ReadonlySet<string> = new Set(['sum_over_batch_size', 'sum', 'none', 'mean', 'mean_with_sample_weight']);

/** Keras accepts `None` for no reduction; we store it as 'none'. Legacy tf.keras 'auto' meant 'sum_over_batch_size'. */
export function standardizeReduction(reduction: string | null | undefined): Reduction {
  if (reduction === undefined || reduction === 'auto') return 'sum_over_batch_size';
  if (reduction === null) return 'none';
  if (!REDUCTIONS.has(reduction)) {
    throw new Error(
      `Invalid value for argument \`reduction\`: expected one of ${[...REDUCTIONS].join(', ')}, received '${reduction}'.`,
    );
  }
  return reduction as Reduction;
}

/**
 * Keras's `squeeze_or_expand_to_same_rank`: when the ranks differ by exactly one
 * and the longer tensor ends in a dimension of 1, squeeze it (or, when the
 * shorter one has rank 1 and `expandRankOne`, expand the shorter one).
 */
export function squeezeOrExpandToSameRank(
  first: tf.Tensor,
  second: tf.Tensor,
  expandRankOne = true,
): [tf.Tensor, tf.Tensor] {
  const firstRank = first.rank;
  const secondRank = second.rank;
  if (firstRank === secondRank) return [first, second];
  if (firstRank === secondRank + 1 && first.shape[firstRank - 1] === 1) {
    if (secondRank === 1 && expandRankOne) second = tf.expandDims(second, -1);
    else first = tf.squeeze(first, [firstRank - 1]);
  }
  if (secondRank === firstRank + 1 && second.shape[secondRank - 1] === 1) {
    if (firstRank === 1 && expandRankOne) first = tf.expandDims(first, -1);
    else second = tf.squeeze(second, [secondRank - 1]);
  }
  return [first, second];
}

/**
 * Keras's `apply_mask`: merges a mask (1 for valid entries) into the sample
 * weights. For the averaging reductions the mask is rescaled by total/valid so
 * that the later division by the element count becomes a division by the number
 * of valid entries.
 */
export function applyMask(
  sampleWeight: tf.Tensor | undefined,
  mask: tf.Tensor | undefined,
  reduction: Reduction,
): tf.Tensor | undefined {
  if (mask === undefined) return sampleWeight;
  let weights = tf.cast(mask, 'float32');
  if (reduction === 'mean' || reduction === 'sum_over_batch_size') {
    const valid = tf.sum(weights);
    weights = tf.mul(weights, divideNoNan(tf.scalar(weights.size), valid));
  }
  if (sampleWeight === undefined) return weights;
  const [maskSameRank, weightSameRank] = squeezeOrExpandToSameRank(weights, tf.cast(sampleWeight, 'float32'));
  return tf.mul(weightSameRank, maskSameRank);
}

/** Keras's `reduce_values`: sums, then divides as the reduction asks. */
export function reduceValues(values: tf.Tensor, reduction: Reduction, sampleWeight?: tf.Tensor): tf.Tensor {
  if (reduction === 'none' || values.rank === 0 || (values.rank === 1 && values.shape[0] === 0)) return values;
  const total = tf.sum(values);
  if (reduction === 'sum') return total;
  if (reduction === 'mean_with_sample_weight' && sampleWeight !== undefined) {
    return divideNoNan(total, tf.sum(tf.cast(sampleWeight, 'float32')));
  }
  // The element count is known statically, so Keras divides by a Python number.
  return values.size > 0 ? tf.div(total, values.size) : tf.zerosLike(total);
}

/**
 * Keras's `reduce_weighted_values`: folds the mask into the sample weights,
 * matches the weights' rank to the values', multiplies and reduces.
 */
export function reduceWeightedValues(
  values: tf.Tensor,
  reduction: Reduction,
  sampleWeight?: tf.Tensor,
  mask?: tf.Tensor,
): tf.Tensor {
  values = tf.cast(values, 'float32');
  let weights = applyMask(sampleWeight === undefined ? undefined : tf.cast(sampleWeight, 'float32'), mask, reduction);
  if (weights !== undefined) {
    [values, weights] = squeezeOrExpandToSameRank(values, weights);
    values = tf.mul(values, weights);
  }
  return reduceValues(values, reduction, weights);
}
