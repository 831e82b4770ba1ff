// Keras's smooth activations (keras.ops.nn). Their dtypes follow Keras on torch: relu and relu6 keep an integer
// input's dtype; the others compute in float32.
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { anyInput, floatInput } from './nn-utils';

/** `ops.relu(x)`: max(x, 0); an int32 input stays int32. */
export const relu = /* @__PURE__ */ defineOp({ name: 'relu', module: 'nn' }, function relu(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.relu(anyInput(x)));
});

/** `ops.relu6(x)`: min(max(x, 0), 6); an int32 input stays int32. */
export const relu6 = /* @__PURE__ */ defineOp({ name: 'relu6', module: 'nn' }, function relu6(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = anyInput(x);
    return tf.minimum(tf.relu(tensor), tf.scalar(6, tensor.dtype));
  });
});

/** `ops.sigmoid(x)`: 1 / (1 + exp(-x)). */
export const sigmoid = /* @__PURE__ */ defineOp({ name: 'sigmoid', module: 'nn' }, function sigmoid(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.sigmoid(floatInput(x)));
});

/** `ops.softplus(x)`: log(1 + exp(x)), computed stably. */
export const softplus = /* @__PURE__ */ defineOp({ name: 'softplus', module: 'nn' }, function softplus(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.softplus(floatInput(x)));
});

/** `ops.softsign(x)`: x / (1 + |x|). */
export const softsign = /* @__PURE__ */ defineOp({ name: 'softsign', module: 'nn' }, function softsign(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    return tf.div(tensor, tf.add(tf.abs(tensor), 1));
  });
});

/** `ops.silu(x)` (alias `swish`): x * sigmoid(x). */
export const silu = /* @__PURE__ */ defineOp({ name: 'silu', module: 'nn' }, function silu(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    return tf.mul(tensor, tf.sigmoid(tensor));
  });
});

/** `ops.swish(x)`: Keras's other name for `silu`. */
export const swish = silu;

export interface SquareplusOptions {
  /** The smoothness of the curve near 0. Default 4. */
  b?: number;
}

/** `ops.squareplus(x, {b})`: (x + sqrt(x² + b)) / 2. */
export const squareplus = /* @__PURE__ */ defineOp({ name: 'squareplus', module: 'nn' }, function squareplus(x: TensorLike, options: SquareplusOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    return tf.div(tf.add(tensor, tf.sqrt(tf.add(tf.square(tensor), options.b ?? 4))), 2);
  });
});

/** `ops.log_sigmoid(x)`: log(sigmoid(x)), computed stably as -softplus(-x). */
export const logSigmoid = /* @__PURE__ */ defineOp({ name: 'log_sigmoid', module: 'nn' }, function logSigmoid(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.neg(tf.softplus(tf.neg(floatInput(x)))));
});

export interface LeakyReluOptions {
  /** The slope for negative inputs. Default 0.2. */
  negativeSlope?: number;
}

/** `ops.leaky_relu(x, {negativeSlope})`: x for x >= 0, negativeSlope * x otherwise. */
export const leakyRelu = /* @__PURE__ */ defineOp({ name: 'leaky_relu', module: 'nn' }, function leakyRelu(x: TensorLike, options: LeakyReluOptions = {}): tf.Tensor {
  return tf.tidy(() => tf.leakyRelu(floatInput(x), options.negativeSlope ?? 0.2));
});

/** `ops.hard_sigmoid(x)`: relu6(x + 3) / 6, torch's hardsigmoid. */
export const hardSigmoid = /* @__PURE__ */ defineOp({ name: 'hard_sigmoid', module: 'nn' }, function hardSigmoid(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.div(tf.relu6(tf.add(floatInput(x), 3)), 6));
});

/** `ops.hard_silu(x)` (alias `hard_swish`): x * relu6(x + 3) / 6. */
export const hardSilu = /* @__PURE__ */ defineOp({ name: 'hard_silu', module: 'nn' }, function hardSilu(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    return tf.mul(tensor, tf.div(tf.relu6(tf.add(tensor, 3)), 6));
  });
});

/** `ops.hard_swish(x)`: Keras's other name for `hard_silu`. */
export const hardSwish = hardSilu;

export interface AlphaOptions {
  /** The scale of the negative part. Default 1. */
  alpha?: number;
}

function eluOf(tensor: tf.Tensor, alpha: number): tf.Tensor {
  return tf.where(tf.greater(tensor, 0), tensor, tf.mul(tf.expm1(tensor), alpha));
}

/** `ops.elu(x, {alpha})`: x for x > 0, alpha * (exp(x) - 1) otherwise. */
export const elu = /* @__PURE__ */ defineOp({ name: 'elu', module: 'nn' }, function elu(x: TensorLike, options: AlphaOptions = {}): tf.Tensor {
  return tf.tidy(() => eluOf(floatInput(x), options.alpha ?? 1));
});

// The constants of Klambauer et al. (2017), to the digits torch uses.
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** `ops.selu(x)`: scale * elu(x, alpha) with the self-normalizing constants. */
export const selu = /* @__PURE__ */ defineOp({ name: 'selu', module: 'nn' }, function selu(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.mul(eluOf(floatInput(x), SELU_ALPHA), SELU_SCALE));
});

export interface GeluOptions {
  /** Use the tanh approximation (Keras's default, true) instead of the exact erf form. */
  approximate?: boolean;
}

/** `ops.gelu(x, {approximate})`: x * Φ(x), with Φ the normal CDF or its tanh approximation. */
export const gelu = /* @__PURE__ */ defineOp({ name: 'gelu', module: 'nn' }, function gelu(x: TensorLike, options: GeluOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    if (options.approximate ?? true) {
      const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(tensor, tf.mul(0.044715, tf.pow(tensor, 3))));
      return tf.mul(tf.mul(0.5, tensor), tf.add(1, tf.tanh(inner)));
    }
    return tf.mul(tf.mul(0.5, tensor), tf.add(1, tf.erf(tf.div(tensor, Math.SQRT2))));
  });
});

/** `ops.celu(x, {alpha})`: max(0, x) + min(0, alpha * (exp(x / alpha) - 1)). */
export const celu = /* @__PURE__ */ defineOp({ name: 'celu', module: 'nn' }, function celu(x: TensorLike, options: AlphaOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const alpha = options.alpha ?? 1;
    const tensor = floatInput(x);
    return tf.where(tf.greater(tensor, 0), tensor, tf.mul(tf.expm1(tf.div(tensor, alpha)), alpha));
  });
});

export interface GluOptions {
  /** The axis split in two halves. Default -1. */
  axis?: number;
}

/** `ops.glu(x, {axis})`: a * sigmoid(b), where a and b are the two halves of `x` along `axis`. */
export const glu = /* @__PURE__ */ defineOp({ name: 'glu', module: 'nn' }, function glu(x: TensorLike, options: GluOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    const axis = normalizeAxis(options.axis ?? -1, tensor.rank);
    const size = tensor.shape[axis];
    if (size % 2 !== 0) {
      throw new RangeError(`glu halves axis ${options.axis ?? -1} of x, so its size must be even; received size ${size} (shape [${tensor.shape}]).`);
    }
    const [a, b] = tf.split(tensor, 2, axis);
    return tf.mul(a, tf.sigmoid(b));
  });
});
