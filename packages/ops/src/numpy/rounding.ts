import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { type UnaryOp, broadcastShapes, copyOf, floatUnaryOp, unaryOp } from './elementwise';

/** `ops.ceil(x)`: float32 result, int and bool inputs included (as Keras gives). */
export const ceil: UnaryOp = /* @__PURE__ */ floatUnaryOp('ceil', tf.ceil);
/** `ops.floor(x)`: float32 result, int and bool inputs included. */
export const floor: UnaryOp = /* @__PURE__ */ floatUnaryOp('floor', tf.floor);

/** `ops.trunc(x)`: rounds toward zero; int and bool inputs are returned as they are. */
export const trunc: UnaryOp = /* @__PURE__ */ unaryOp('trunc', (x) => (x.dtype === 'float32' ? tf.mul(tf.sign(x), tf.floor(tf.abs(x))) : copyOf(x)));

export interface RoundOptions {
  /** Decimal places to keep; negative values round to tens, hundreds... Default 0. */
  decimals?: number;
}

/** `ops.round(x, {decimals})`: rounds half to even, as NumPy and torch do; keeps the dtype; refuses bool. */
export const round = /* @__PURE__ */ defineOp({ name: 'round', module: 'numpy' }, function round(x: TensorLike, options: RoundOptions = {}): tf.Tensor {
  const decimals = options.decimals ?? 0;
  if (!Number.isInteger(decimals)) throw new TypeError(`round: decimals must be an integer; received ${decimals}.`);
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (tensor.dtype === 'bool') throw new TypeError('round does not support bool inputs.');
    if (tensor.dtype === 'int32') {
      if (decimals >= 0) return copyOf(tensor);
      const scale = 10 ** -decimals;
      return tf.cast(tf.mul(tf.round(tf.div(tf.cast(tensor, 'float32'), scale)), scale), 'int32');
    }
    if (decimals === 0) return tf.round(tensor);
    // Scaling by 10^d and back in float32, as torch does: round(2.675, 2) is 2.68 there, unlike Python's 2.67.
    const scale = 10 ** Math.abs(decimals);
    return decimals > 0 ? tf.div(tf.round(tf.mul(tensor, scale)), scale) : tf.mul(tf.round(tf.div(tensor, scale)), scale);
  });
});

/**
 * `ops.clip(x, xMin, xMax)`: `min(max(x, xMin), xMax)` with broadcasting, so `xMin > xMax` gives `xMax`.
 * The dtype is the promotion of all three (`clip(int, -1.5, 2.5)` is float32; a bool input clips as int32).
 */
export const clip = /* @__PURE__ */ defineOp({ name: 'clip', module: 'numpy' }, function clip(x: TensorLike, xMin: TensorLike, xMax: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    let dtype = resultType(x, xMin, xMax);
    if (dtype === 'bool') dtype = 'int32';
    const [value, low, high] = [toTensor(x, dtype), toTensor(xMin, dtype), toTensor(xMax, dtype)];
    broadcastShapes(broadcastShapes(value.shape, low.shape, 'clip'), high.shape, 'clip');
    const raised = tf.maximum(value, low);
    const clipped = tf.minimum(raised, high);
    // tfjs's maximum and minimum may drop a NaN; NumPy keeps it.
    return dtype === 'float32' ? tf.where(tf.isNaN(value), tf.add(value, tf.zerosLike(clipped)), clipped) : clipped;
  });
});

export interface NanToNumOptions {
  /** The value for NaN. Default 0. */
  nan?: number;
  /** The value for +inf. Default float32's largest finite value. */
  posinf?: number | null;
  /** The value for -inf. Default float32's most negative finite value. */
  neginf?: number | null;
}

const FLOAT32_MAX = 3.4028234663852886e38;

/** `ops.nan_to_num(x, {nan, posinf, neginf})`: replaces NaN and infinities; int and bool inputs are returned as they are. */
export const nanToNum = /* @__PURE__ */ defineOp({ name: 'nan_to_num', module: 'numpy' }, function nanToNum(x: TensorLike, options: NanToNumOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (tensor.dtype !== 'float32') return copyOf(tensor);
    const { nan = 0, posinf = null, neginf = null } = options;
    const fill = (value: number) => tf.fill(tensor.shape, value);
    let result = tf.where(tf.isNaN(tensor), fill(nan), tensor);
    result = tf.where(tf.equal(tensor, Number.POSITIVE_INFINITY), fill(posinf ?? FLOAT32_MAX), result);
    return tf.where(tf.equal(tensor, Number.NEGATIVE_INFINITY), fill(neginf ?? -FLOAT32_MAX), result);
  });
});
