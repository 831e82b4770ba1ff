/**
 * Element-wise activations with Keras 3's definitions and defaults
 * (`keras/src/activations/activations.py`). Every function uses `tf.*` ops
 * only and stays differentiable: masks come from `tf.step` (whose gradient is
 * zero) rather than comparisons, which have no gradient in tfjs.
 */
import * as tf from '@tensorflow/tfjs-core';

/** A mask that is 1 where `x > 0` and 0 elsewhere, with a zero gradient. */
function positiveMask(x: tf.Tensor): tf.Tensor {
  return tf.step(x, 0);
}

export interface ReluOptions {
  /** Slope below the threshold (0 gives the plain rectifier). */
  negativeSlope?: number;
  /** Upper bound of the output; `null` or absent means none. */
  maxValue?: number | null;
  /** Values at or below this are treated as negative. */
  threshold?: number;
}

/**
 * Rectified linear unit, `max(x, 0)`, with Keras's options. Follows Keras 3's
 * `ReLU.static_call` term by term, so that `negativeSlope`, `maxValue` and
 * `threshold` combine exactly as they do in Keras.
 */
export function relu(x: tf.Tensor, options: ReluOptions = {}): tf.Tensor {
  const negativeSlope = options.negativeSlope ?? 0;
  const maxValue = options.maxValue ?? null;
  const threshold = options.threshold ?? 0;
  if (negativeSlope !== 0 && maxValue === null && threshold === 0) return tf.leakyRelu(x, negativeSlope);
  let negativePart: tf.Tensor | null = null;
  if (negativeSlope !== 0) {
    negativePart = threshold !== 0 ? tf.relu(tf.add(tf.neg(x), threshold)) : tf.relu(tf.neg(x));
  }
  let clipMax = maxValue !== null;
  let output: tf.Tensor;
  if (threshold !== 0) {
    output = tf.mul(x, positiveMask(tf.sub(x, threshold)));
  } else if (maxValue === 6) {
    output = tf.relu6(x);
    clipMax = false;
  } else {
    output = tf.relu(x);
  }
  if (clipMax) output = tf.clipByValue(output, 0, maxValue as number);
  if (negativePart !== null) output = tf.sub(output, tf.mul(negativePart, negativeSlope));
  return output;
}

/**
 * Leaky rectifier, `x` if `x >= 0` else `negativeSlope * x`. Keras 3's default
 * slope is 0.2; Keras 2's `LeakyReLU` layer used 0.3.
 */
export function leakyRelu(x: tf.Tensor, negativeSlope = 0.2): tf.Tensor {
  return tf.leakyRelu(x, negativeSlope);
}

/** `min(max(x, 0), 6)`. */
export function relu6(x: tf.Tensor): tf.Tensor {
  return tf.relu6(x);
}

/** Exponential linear unit: `x` if `x > 0` else `alpha * (exp(x) - 1)`. */
export function elu(x: tf.Tensor, alpha = 1): tf.Tensor {
  if (alpha === 1) return tf.elu(x);
  // relu(x) + alpha * (exp(min(x, 0)) - 1): each branch vanishes on the other side.
  return tf.add(tf.relu(x), tf.mul(tf.sub(tf.exp(tf.neg(tf.relu(tf.neg(x)))), 1), alpha));
}

/**
 * Scaled ELU with Keras's constants (alpha 1.67326324, scale 1.05070098);
 * tfjs's `selu` uses the same values to more digits.
 */
export function selu(x: tf.Tensor): tf.Tensor {
  return tf.selu(x);
}

/** Continuously differentiable ELU: `max(x, 0) + alpha * (exp(min(x, 0) / alpha) - 1)`. */
export function celu(x: tf.Tensor, alpha = 1): tf.Tensor {
  const negative = tf.neg(tf.relu(tf.neg(x)));
  return tf.add(tf.relu(x), tf.mul(tf.sub(tf.exp(tf.div(negative, alpha)), 1), alpha));
}

/**
 * Gaussian error linear unit. Keras 3 defaults to the exact form
 * `0.5 * x * (1 + erf(x / sqrt(2)))`; `approximate` selects the tanh form
 * `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.
 * (Keras 2 had no `gelu` in `keras.activations` before 2.4.)
 */
export function gelu(x: tf.Tensor, approximate = false): tf.Tensor {
  if (approximate) {
    const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
    return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
  }
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
}

/** Sigmoid linear unit, also called swish: `x * sigmoid(x)`. */
export function silu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.sigmoid(x));
}

/** `log(exp(x) + 1)`, computed stably by tfjs. */
export function softplus(x: tf.Tensor): tf.Tensor {
  return tf.softplus(x);
}

/** `x / (abs(x) + 1)`. */
export function softsign(x: tf.Tensor): tf.Tensor {
  return tf.div(x, tf.add(tf.abs(x), 1));
}

/** `1 / (1 + exp(-x))`. */
export function sigmoid(x: tf.Tensor): tf.Tensor {
  return tf.sigmoid(x);
}

/**
 * Piecewise-linear sigmoid, `relu6(x + 3) / 6`: 0 below -3, 1 above 3.
 * Keras 3 changed this from Keras 2's `clip(0.2 * x + 0.5, 0, 1)`, which
 * saturates at ±2.5; models trained with Keras 2 give different outputs.
 */
export function hardSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.div(tf.relu6(tf.add(x, 3)), 6);
}

/** Hard SiLU, also called hard swish: `x * relu6(x + 3) / 6`. New in Keras 3. */
export function hardSilu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, hardSigmoid(x));
}

/** Hyperbolic tangent. */
export function tanh(x: tf.Tensor): tf.Tensor {
  return tf.tanh(x);
}

/** `x - tanh(x)`. */
export function tanhShrink(x: tf.Tensor): tf.Tensor {
  return tf.sub(x, tf.tanh(x));
}

/** `clip(x, -1, 1)`. */
export function hardTanh(x: tf.Tensor): tf.Tensor {
  return tf.clipByValue(x, -1, 1);
}

/** `x - threshold` above `threshold`, `x + threshold` below `-threshold`, else 0. */
export function softShrink(x: tf.Tensor, threshold = 0.5): tf.Tensor {
  return tf.sub(tf.relu(tf.sub(x, threshold)), tf.relu(tf.sub(tf.neg(x), threshold)));
}

/** `x` where `abs(x) > threshold`, else 0. */
export function hardShrink(x: tf.Tensor, threshold = 0.5): tf.Tensor {
  return tf.mul(x, positiveMask(tf.sub(tf.abs(x), threshold)));
}

/**
 * `x` where `x > threshold`, else `defaultValue`. Keras's `threshold` has no
 * defaults for either argument, so calling it as a plain activation is an error.
 */
export function threshold(x: tf.Tensor, threshold?: number, defaultValue?: number): tf.Tensor {
  if (threshold === undefined || defaultValue === undefined) {
    throw new Error(
      `Activation "threshold" needs both \`threshold\` and \`defaultValue\`; received threshold=${threshold}, defaultValue=${defaultValue}.`,
    );
  }
  const keep = positiveMask(tf.sub(x, threshold));
  return tf.add(tf.mul(x, keep), tf.mul(tf.sub(1, keep), defaultValue));
}

/** `exp(x)`. */
export function exponential(x: tf.Tensor): tf.Tensor {
  return tf.exp(x);
}

/** The identity: returns `x` unchanged. */
export function linear(x: tf.Tensor): tf.Tensor {
  return x;
}

/** `x * tanh(softplus(x))`. */
export function mish(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.tanh(tf.softplus(x)));
}

/** `log(sigmoid(x))`, computed as `-softplus(-x)` to stay finite for large negative `x`. */
export function logSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.neg(tf.softplus(tf.neg(x)));
}

/** 0 below -1, `(x + 1)^2 / 4` on [-1, 1], `x` above 1. */
export function sparsePlus(x: tf.Tensor): tf.Tensor {
  const clipped = tf.clipByValue(x, -1, 1);
  return tf.add(tf.div(tf.square(tf.add(clipped, 1)), 4), tf.relu(tf.sub(x, 1)));
}

/** 0 below -1, `(x + 1) / 2` on [-1, 1], 1 above 1. */
export function sparseSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.div(tf.add(tf.clipByValue(x, -1, 1), 1), 2);
}

/** `(x + sqrt(x^2 + b)) / 2`, a smooth rectifier. */
export function squareplus(x: tf.Tensor, b = 4): tf.Tensor {
  return tf.div(tf.add(x, tf.sqrt(tf.add(tf.square(x), b))), 2);
}
