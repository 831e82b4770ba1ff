// Keras's piecewise activations (keras.ops.nn): shrinkage, hard clipping, sparse variants and threshold.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { anyInput, floatInput } from './nn-utils';

/** `ops.sparse_sigmoid(x)`: 0 for x <= -1, 1 for x >= 1, (x + 1) / 2 between. */
export const sparseSigmoid = /* @__PURE__ */ defineOp({ name: 'sparse_sigmoid', module: 'nn' }, function sparseSigmoid(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    const middle = tf.mul(0.5, tf.add(tensor, 1));
    return tf.where(tf.lessEqual(tensor, -1), tf.zerosLike(tensor), tf.where(tf.greaterEqual(tensor, 1), tf.onesLike(tensor), middle));
  });
});

/** `ops.sparse_plus(x)`: 0 for x <= -1, (x + 1)² / 4 for -1 < x < 1, x for x >= 1. */
export const sparsePlus = /* @__PURE__ */ defineOp({ name: 'sparse_plus', module: 'nn' }, function sparsePlus(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    const middle = tf.mul(0.25, tf.square(tf.add(tensor, 1)));
    return tf.where(tf.lessEqual(tensor, -1), tf.zerosLike(tensor), tf.where(tf.less(tensor, 1), middle, tensor));
  });
});

export interface ShrinkOptions {
  /** The half-width of the band mapped to 0. Default 0.5. */
  threshold?: number;
}

/** `ops.soft_shrink(x, {threshold})`: x - t above t, x + t below -t, 0 between. */
export const softShrink = /* @__PURE__ */ defineOp({ name: 'soft_shrink', module: 'nn' }, function softShrink(x: TensorLike, options: ShrinkOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const t = options.threshold ?? 0.5;
    const tensor = floatInput(x);
    return tf.where(tf.greater(tensor, t), tf.sub(tensor, t), tf.where(tf.less(tensor, -t), tf.add(tensor, t), tf.mul(tensor, 0)));
  });
});

/** `ops.hard_shrink(x, {threshold})`: x where |x| > t, 0 elsewhere. */
export const hardShrink = /* @__PURE__ */ defineOp({ name: 'hard_shrink', module: 'nn' }, function hardShrink(x: TensorLike, options: ShrinkOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const t = options.threshold ?? 0.5;
    const tensor = floatInput(x);
    // A NaN compares false against both bounds and passes through, as torch's hardshrink lets it.
    return tf.where(tf.logicalAnd(tf.greaterEqual(tensor, -t), tf.lessEqual(tensor, t)), tf.zerosLike(tensor), tensor);
  });
});

/** `ops.tanh_shrink(x)`: x - tanh(x). */
export const tanhShrink = /* @__PURE__ */ defineOp({ name: 'tanh_shrink', module: 'nn' }, function tanhShrink(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    return tf.sub(tensor, tf.tanh(tensor));
  });
});

/** `ops.hard_tanh(x)`: x clipped to [-1, 1]; an int32 input stays int32. */
export const hardTanh = /* @__PURE__ */ defineOp({ name: 'hard_tanh', module: 'nn' }, function hardTanh(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = anyInput(x);
    return tf.minimum(tf.maximum(tensor, tf.scalar(-1, tensor.dtype)), tf.scalar(1, tensor.dtype));
  });
});

/** `ops.threshold(x, threshold, defaultValue)`: x where x > threshold, defaultValue elsewhere; keeps x's dtype. */
export const threshold = /* @__PURE__ */ defineOp({ name: 'threshold', module: 'nn' }, function threshold(x: TensorLike, thresholdValue: number, defaultValue: number): tf.Tensor {
  return tf.tidy(() => {
    const tensor = anyInput(x);
    const dtype = tensor.dtype === 'bool' ? 'float32' : tensor.dtype;
    const input = tf.cast(tensor, dtype);
    // NaN compares false and passes through, as in torch's threshold.
    return tf.where(tf.lessEqual(input, thresholdValue), tf.fill(input.shape, defaultValue, dtype), input);
  });
});
