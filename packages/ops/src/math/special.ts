// Keras's special functions (keras.ops.math): rsqrt, erf, erfc and erfinv, in float32 as torch computes them.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { floatInput } from './math-utils';

/** `ops.rsqrt(x)`: 1 / sqrt(x); integers compute in float32. */
export const rsqrt = /* @__PURE__ */ defineOp({ name: 'rsqrt', module: 'math' }, function rsqrt(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.rsqrt(floatInput(x)));
});

/** `ops.erf(x)`: the error function, 2/√π ∫₀ˣ exp(-t²) dt. */
export const erf = /* @__PURE__ */ defineOp({ name: 'erf', module: 'math' }, function erf(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.erf(floatInput(x)));
});

/**
 * erfc(x) for x >= 2 from its continued fraction (Abramowitz & Stegun 7.1.14), which keeps the relative accuracy
 * that 1 - erf(x) loses to cancellation: erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))).
 */
function erfcTail(x: tf.Tensor): tf.Tensor {
  let fraction: tf.Tensor = x;
  for (let n = 40; n >= 1; n--) fraction = tf.add(x, tf.div(n / 2, fraction));
  return tf.div(tf.exp(tf.neg(tf.square(x))), tf.mul(Math.sqrt(Math.PI), fraction));
}

/** `ops.erfc(x)`: 1 - erf(x), accurate in the tails where erf(x) rounds to ±1. */
export const erfc = /* @__PURE__ */ defineOp({ name: 'erfc', module: 'math' }, function erfc(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    const tail = tf.greaterEqual(tensor, 2);
    // The continued fraction only runs where it is used, on at least 2, so it never divides by a small number.
    const safe = tf.where(tail, tensor, tf.fill(tensor.shape, 2));
    return tf.where(tail, erfcTail(safe), tf.sub(1, tf.erf(tensor)));
  });
});

/**
 * `ops.erfinv(x)`: the inverse error function on (-1, 1), ±inf at ±1 and NaN outside. Giles's single-precision
 * approximation (2010), refined by one Newton step on erf.
 */
export const erfinv = /* @__PURE__ */ defineOp({ name: 'erfinv', module: 'math' }, function erfinv(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    const w = tf.neg(tf.log(tf.mul(tf.sub(1, tensor), tf.add(1, tensor))));
    const central = tf.sub(w, 2.5);
    const centralCoefficients = [2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 2.1858087e-4, -1.25372503e-3, -4.17768164e-3, 0.246640727, 1.50140941];
    const tail = tf.sub(tf.sqrt(w), 3);
    const tailCoefficients = [-2.00214257e-4, 1.00950558e-4, 1.34934322e-3, -3.67342844e-3, 5.73950773e-3, -7.6224613e-3, 9.43887047e-3, 1.00167406, 2.83297682];
    const horner = (t: tf.Tensor, coefficients: number[]) => coefficients.slice(1).reduce<tf.Tensor>((p, c) => tf.add(tf.mul(p, t), c), tf.fill(t.shape, coefficients[0]));
    const p = tf.where(tf.less(w, 5), horner(central, centralCoefficients), horner(tail, tailCoefficients));
    const estimate = tf.mul(p, tensor);
    // One Newton step: y -= (erf(y) - x) / (2/√π exp(-y²)).
    const derivative = tf.mul(2 / Math.sqrt(Math.PI), tf.exp(tf.neg(tf.square(estimate))));
    const refined = tf.sub(estimate, tf.div(tf.sub(tf.erf(estimate), tensor), derivative));
    const finite = tf.where(tf.less(tf.abs(tensor), 0.9), refined, estimate);
    const edge = tf.mul(tf.sign(tensor), Number.POSITIVE_INFINITY);
    return tf.where(tf.equal(tf.abs(tensor), 1), edge, tf.where(tf.greater(tf.abs(tensor), 1), tf.fill(tensor.shape, Number.NaN), finite));
  });
});
