import * as tf from '@tensorflow/tfjs-core';
import { type BinaryOp, type UnaryOp, floatBinary, broadcastShapes, floatUnaryOp } from './elementwise';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';

// Keras computes every function here in float32 for int and bool inputs.

/** `ops.sin(x)`. */
export const sin: UnaryOp = /* @__PURE__ */ floatUnaryOp('sin', tf.sin);
/** `ops.cos(x)`. */
export const cos: UnaryOp = /* @__PURE__ */ floatUnaryOp('cos', tf.cos);
/** `ops.tan(x)`. */
export const tan: UnaryOp = /* @__PURE__ */ floatUnaryOp('tan', tf.tan);
/** `ops.arcsin(x)`: NaN outside [-1, 1]. */
export const arcsin: UnaryOp = /* @__PURE__ */ floatUnaryOp('arcsin', tf.asin);
/** `ops.arccos(x)`: NaN outside [-1, 1]. */
export const arccos: UnaryOp = /* @__PURE__ */ floatUnaryOp('arccos', tf.acos);
/** `ops.arctan(x)`. */
export const arctan: UnaryOp = /* @__PURE__ */ floatUnaryOp('arctan', tf.atan);
/** `ops.sinh(x)`. */
export const sinh: UnaryOp = /* @__PURE__ */ floatUnaryOp('sinh', tf.sinh);
/** `ops.cosh(x)`. */
export const cosh: UnaryOp = /* @__PURE__ */ floatUnaryOp('cosh', tf.cosh);
/** `ops.tanh(x)`. */
export const tanh: UnaryOp = /* @__PURE__ */ floatUnaryOp('tanh', tf.tanh);
/** `ops.arcsinh(x)`. */
export const arcsinh: UnaryOp = /* @__PURE__ */ floatUnaryOp('arcsinh', tf.asinh);
/** `ops.arccosh(x)`: NaN below 1. */
export const arccosh: UnaryOp = /* @__PURE__ */ floatUnaryOp('arccosh', tf.acosh);
/** `ops.arctanh(x)`: ±inf at ±1, NaN outside. */
export const arctanh: UnaryOp = /* @__PURE__ */ floatUnaryOp('arctanh', tf.atanh);
/** `ops.deg2rad(x)`. */
export const deg2rad: UnaryOp = /* @__PURE__ */ floatUnaryOp('deg2rad', (x) => tf.mul(x, Math.PI / 180));
/** `ops.rad2deg(x)`. */
export const rad2deg: UnaryOp = /* @__PURE__ */ floatUnaryOp('rad2deg', (x) => tf.mul(x, 180 / Math.PI));

/** `ops.sinc(x)`: the normalized sinc, `sin(pi x) / (pi x)`, and 1 at 0. */
export const sinc: UnaryOp = /* @__PURE__ */ floatUnaryOp('sinc', (x) => {
  const zero = tf.equal(x, 0);
  const scaled = tf.mul(tf.where(zero, tf.onesLike(x), x), Math.PI);
  return tf.where(zero, tf.onesLike(x), tf.div(tf.sin(scaled), scaled));
});

// Abramowitz & Stegun 9.8.1 and 9.8.2: |error| < 1.6e-7 below 3.75 and relative error < 1.9e-7 above,
// inside float32's own rounding.
const I0_SMALL = [1, 3.5156229, 3.0899424, 1.2067492, 0.2659732, 0.0360768, 0.0045813];
const I0_LARGE = [0.39894228, 0.01328592, 0.00225319, -0.00157565, 0.00916281, -0.02057706, 0.02635537, -0.01647633, 0.00392377];

function polynomial(t: tf.Tensor, coefficients: number[]): tf.Tensor {
  let sum = tf.fill(t.shape, coefficients[coefficients.length - 1]);
  for (let i = coefficients.length - 2; i >= 0; i--) sum = tf.add(tf.mul(sum, t), coefficients[i]);
  return sum;
}

/** `ops.i0(x)`: the modified Bessel function of the first kind, order 0. */
export const i0: UnaryOp = /* @__PURE__ */ floatUnaryOp('i0', (x) => {
  const magnitude = tf.abs(x);
  const small = polynomial(tf.square(tf.div(magnitude, 3.75)), I0_SMALL);
  const safe = tf.maximum(magnitude, 3.75);
  const large = tf.mul(tf.div(tf.exp(safe), tf.sqrt(safe)), polynomial(tf.div(3.75, safe), I0_LARGE));
  return tf.where(tf.lessEqual(magnitude, 3.75), small, tf.where(tf.isNaN(x), x, large));
});

function floatBinaryOp(name: string, body: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): BinaryOp {
  return defineOp({ name, module: 'numpy' }, (x1: TensorLike, x2: TensorLike): tf.Tensor =>
    tf.tidy(() => {
      const [a, b] = floatBinary(x1, x2);
      broadcastShapes(a.shape, b.shape, name);
      return body(a, b);
    }),
  );
}

/** `ops.arctan2(x1, x2)`: the angle of the point (x2, x1), in float32. */
export const arctan2: BinaryOp = /* @__PURE__ */ floatBinaryOp('arctan2', tf.atan2);
