import * as tf from '@tensorflow/tfjs-core';
import { type Axis, normalizeAxes } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { broadcastShapes } from './elementwise';
import { type QuantileOptions, quantileOf } from './quantile-core';
import { sumAlong } from './reduce-safe';
import { type ReductionOptions, meanAlong } from './reductions';

export type { QuantileMethod, QuantileOptions } from './quantile-core';

/** The population variance (no Bessel correction, as NumPy) of a float32 tensor along `axes`. */
export function varianceAlong(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
  const centered = tf.sub(x, meanAlong(x, axes, true));
  return meanAlong(tf.square(centered), axes, keepdims);
}

/** `ops.var(x, {axis, keepdims})`: population variance in float32. */
export const varOp = /* @__PURE__ */ defineOp({ name: 'var', module: 'numpy' }, function variance(x: TensorLike, options: ReductionOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x, 'float32');
    return varianceAlong(tensor, normalizeAxes(options.axis, tensor.rank), options.keepdims ?? false);
  });
});

/** `ops.std(x, {axis, keepdims})`: population standard deviation in float32. */
export const std = /* @__PURE__ */ defineOp({ name: 'std', module: 'numpy' }, function std(x: TensorLike, options: ReductionOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x, 'float32');
    return tf.sqrt(varianceAlong(tensor, normalizeAxes(options.axis, tensor.rank), options.keepdims ?? false));
  });
});

export interface AverageOptions {
  /** Axis or axes to average over; null (the default) averages everything. */
  axis?: Axis;
  /** Weights that broadcast against `x`. Default: all equal. */
  weights?: TensorLike | null;
}

/**
 * `ops.average(x, {axis, weights})`: the weighted mean in float32. As Keras computes it on torch, the weights
 * multiply `x` by broadcasting and the weighted sum is divided by the weights summed over their last axis.
 */
export const average = /* @__PURE__ */ defineOp({ name: 'average', module: 'numpy' }, function average(x: TensorLike, options: AverageOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x, 'float32');
    const axes = normalizeAxes(options.axis, tensor.rank);
    if (options.weights === null || options.weights === undefined) return meanAlong(tensor, axes, false);
    const weights = toTensor(options.weights, 'float32');
    const shape = broadcastShapes(tensor.shape, weights.shape, 'average');
    if (shape.length !== tensor.rank || shape.some((d, i) => d !== tensor.shape[i])) {
      throw new RangeError(`average: weights of shape [${weights.shape.join(', ')}] do not broadcast to x's shape [${tensor.shape.join(', ')}].`);
    }
    return tf.div(sumAlong(tf.mul(tensor, weights), axes, false), weights.rank === 0 ? weights : sumAlong(weights, [weights.rank - 1], false));
  });
});

/** `ops.median(x, {axis, keepdims})`: the middle value (the mean of the two middle ones for an even count), in float32. */
export const median = /* @__PURE__ */ defineOp({ name: 'median', module: 'numpy' }, function median(x: TensorLike, options: ReductionOptions = {}): tf.Tensor {
  return quantileOf('median', x, 0.5, options, false);
});

/** `ops.quantile(x, q, {axis, method, keepdims})`: q in [0, 1], a number or a vector (its axis comes first in the result). */
export const quantile = /* @__PURE__ */ defineOp(
  { name: 'quantile', module: 'numpy' },
  function quantile(x: TensorLike, q: TensorLike, options: QuantileOptions = {}): tf.Tensor {
    return quantileOf('quantile', x, q, options, false);
  },
);

/** `ops.percentile(x, q, {axis, method, keepdims})`: `quantile` with q in [0, 100]. */
export const percentile = /* @__PURE__ */ defineOp(
  { name: 'percentile', module: 'numpy' },
  function percentile(x: TensorLike, q: TensorLike, options: QuantileOptions = {}): tf.Tensor {
    return quantileOf('percentile', x, q, options, false, 100);
  },
);

/** `ops.corrcoef(x)`: Pearson correlation of the rows of `x` (variables in rows), in float32; NaN for a constant row. */
export const corrcoef = /* @__PURE__ */ defineOp({ name: 'corrcoef', module: 'numpy' }, function corrcoef(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x, 'float32');
    if (tensor.rank > 2) throw new RangeError(`corrcoef takes a 1-D or 2-D tensor; received rank ${tensor.rank}.`);
    const rows = tensor.rank === 2 ? tensor : tf.reshape(tensor, [1, -1]);
    const centered = tf.sub(rows, meanAlong(rows, [1], true));
    const covariance = tf.matMul(centered, centered, false, true);
    const deviation = tf.sqrt(sumAlong(tf.square(centered), [1], false));
    const raw = tf.div(covariance, tf.outerProduct(deviation as tf.Tensor1D, deviation as tf.Tensor1D));
    // Clipped to [-1, 1] against rounding; NaN (a constant row) kept, which wasm's clip would turn into -1.
    const correlation = tf.where(tf.isNaN(raw), raw, tf.clipByValue(raw, -1, 1));
    return tensor.rank === 2 ? correlation : tf.reshape(correlation, []);
  });
});
