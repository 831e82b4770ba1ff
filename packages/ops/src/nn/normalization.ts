// Keras's statistics and normalizations (keras.ops.nn): moments, batch, layer and RMS normalization.
import * as tf from '@tensorflow/tfjs-core';
import { type Axis, normalizeAxes, normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { EPSILON, floatInput } from './nn-utils';

export interface MomentsOptions {
  /** Keep the reduced axes with size 1. Default false. */
  keepdims?: boolean;
  /** Keras's cross-replica statistics; Strata runs on one device, so only false is accepted. */
  synchronized?: boolean;
}

/**
 * `ops.moments(x, axes, {keepdims})`: [mean, variance] over `axes`. The variance is E[x²] - E[x]², the faster
 * but less stable form Keras uses, so results match Keras to the last bit of rounding.
 */
export const moments = /* @__PURE__ */ defineOp({ name: 'moments', module: 'nn' }, function moments(x: TensorLike, axes: number | number[], options: MomentsOptions = {}): [tf.Tensor, tf.Tensor] {
  if (options.synchronized) throw new TypeError('moments: synchronized=true is not supported; Strata computes on one device.');
  return tf.tidy(() => {
    const tensor = floatInput(x);
    const reduced = normalizeAxes(axes, tensor.rank);
    const keepdims = options.keepdims ?? false;
    const mean = tf.mean(tensor, reduced, true);
    const variance = tf.sub(tf.mean(tf.square(tensor), reduced, true), tf.square(mean));
    if (keepdims) return [mean, variance];
    return [tf.squeeze(mean, reduced), tf.squeeze(variance, reduced)];
  });
});

export interface BatchNormalizationOptions {
  /** β, added after scaling. */
  offset?: TensorLike | null;
  /** γ, multiplied after normalizing. */
  scale?: TensorLike | null;
  /** Added to the variance. Default 1e-3. */
  epsilon?: number;
}

/** `ops.batch_normalization(x, mean, variance, axis, {offset, scale, epsilon})`: (x - mean) * scale / sqrt(variance + ε) + offset along `axis`. */
export const batchNormalization = /* @__PURE__ */ defineOp({ name: 'batch_normalization', module: 'nn' }, function batchNormalization(
  x: TensorLike,
  mean: TensorLike,
  variance: TensorLike,
  axis: number,
  options: BatchNormalizationOptions = {},
): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    const channelAxis = normalizeAxis(axis, tensor.rank);
    const shape = tensor.shape.map((_, i) => (i === channelAxis ? -1 : 1));
    const along = (value: TensorLike) => tf.reshape(floatInput(value), shape);
    let multiplier = tf.rsqrt(tf.add(along(variance), options.epsilon ?? 1e-3));
    if (options.scale !== undefined && options.scale !== null) multiplier = tf.mul(multiplier, along(options.scale));
    const normalized = tf.mul(tf.sub(tensor, along(mean)), multiplier);
    return options.offset !== undefined && options.offset !== null ? tf.add(normalized, along(options.offset)) : normalized;
  });
});

/** Reshapes a per-feature parameter so it broadcasts against `x` when the normalized axes are not just the last. */
function broadcastParameter(value: TensorLike, dtype: 'float32', shape: number[], axes: number[], rank: number): tf.Tensor {
  const tensor = toTensor(value, dtype);
  if (tensor.rank === rank || (axes.length === 1 && axes[0] === rank - 1)) return tensor;
  return tf.reshape(tensor, shape.map((size, i) => (axes.includes(i) ? size : 1)));
}

export interface LayerNormalizationOptions {
  /** γ, the scale. */
  gamma?: TensorLike | null;
  /** β, the offset. */
  beta?: TensorLike | null;
  /** The axis or axes normalized. Default -1. */
  axis?: Axis;
  /** Added to the variance. Default Keras's epsilon, 1e-7. */
  epsilon?: number | null;
}

/**
 * `ops.layer_normalization(x, {gamma, beta, axis, epsilon})`: (x - mean) / sqrt(var + ε) * γ + β over `axis`.
 * Strata reduces over exactly the axes given, as Keras's JAX, TensorFlow and NumPy backends do; Keras on torch hands
 * contiguous axes to torch's layer_norm, which always normalizes the trailing ones, so the two differ (or torch
 * raises) when a single axis other than the last is given.
 */
export const layerNormalization = /* @__PURE__ */ defineOp({ name: 'layer_normalization', module: 'nn' }, function layerNormalization(x: TensorLike, options: LayerNormalizationOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const original = toTensor(x);
    const tensor = tf.cast(original, 'float32');
    const axes = normalizeAxes(options.axis === undefined ? -1 : options.axis, tensor.rank);
    const epsilon = options.epsilon ?? EPSILON;
    const mean = tf.mean(tensor, axes, true);
    const variance = tf.mean(tf.square(tf.sub(tensor, mean)), axes, true);
    let outputs = tf.mul(tf.sub(tensor, mean), tf.rsqrt(tf.add(variance, epsilon)));
    if (options.gamma !== undefined && options.gamma !== null) {
      outputs = tf.mul(outputs, broadcastParameter(options.gamma, 'float32', tensor.shape, axes, tensor.rank));
    }
    if (options.beta !== undefined && options.beta !== null) {
      outputs = tf.add(outputs, broadcastParameter(options.beta, 'float32', tensor.shape, axes, tensor.rank));
    }
    // Keras computes in float32 and casts back to the input's dtype.
    return tf.cast(outputs, original.dtype);
  });
});

export interface RmsNormalizationOptions {
  /** The scale multiplied after normalizing. */
  scale?: TensorLike | null;
  /** The axis or axes normalized. Default -1. */
  axis?: Axis;
  /** Added to the mean square. Default Keras's epsilon, 1e-7. */
  epsilon?: number | null;
}

/**
 * `ops.rms_normalization(x, {scale, axis, epsilon})`: x / sqrt(mean(x²) + ε) * scale over `axis` (exactly the axes
 * given, as for `layerNormalization`; Keras on torch normalizes the trailing axes instead).
 */
export const rmsNormalization = /* @__PURE__ */ defineOp({ name: 'rms_normalization', module: 'nn' }, function rmsNormalization(x: TensorLike, options: RmsNormalizationOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const original = toTensor(x);
    let tensor = tf.cast(original, 'float32');
    if (tensor.rank === 0) tensor = tf.reshape(tensor, [1]);
    const axes = normalizeAxes(options.axis === undefined ? -1 : options.axis, tensor.rank);
    const inverse = tf.rsqrt(tf.add(tf.mean(tf.square(tensor), axes, true), options.epsilon ?? EPSILON));
    let outputs = tf.mul(tensor, inverse);
    if (options.scale !== undefined && options.scale !== null) outputs = tf.mul(outputs, toTensor(options.scale, 'float32'));
    return tf.cast(outputs, original.dtype);
  });
});
