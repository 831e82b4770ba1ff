import * as tf from '@tensorflow/tfjs-core';
import { type UnaryOp, copyOf, floatUnaryOp, unaryOp } from './elementwise';

/** `ops.abs(x)`: keeps the dtype; abs of a bool is itself. */
export const abs: UnaryOp = /* @__PURE__ */ unaryOp('abs', (x) => (x.dtype === 'bool' ? copyOf(x) : tf.abs(x)));
/** `ops.absolute(x)`: the same as `abs`. */
export const absolute: UnaryOp = /* @__PURE__ */ unaryOp('absolute', (x) => (x.dtype === 'bool' ? copyOf(x) : tf.abs(x)));
/** `ops.fabs(x)`: absolute value in float32, whatever the input dtype. */
export const fabs: UnaryOp = /* @__PURE__ */ floatUnaryOp('fabs', tf.abs);

/** `ops.sign(x)`: -1, 0 or 1 in the input's dtype; 0 for NaN (as Keras gives on torch); a bool stays itself. */
export const sign: UnaryOp = /* @__PURE__ */ unaryOp('sign', (x) => {
  if (x.dtype === 'bool') return copyOf(x);
  const signs = tf.sign(x);
  return x.dtype === 'float32' ? tf.where(tf.isNaN(x), tf.zerosLike(x), signs) : signs;
});

/** `ops.square(x)`: keeps int32 and float32; bool squares to int32. */
export const square: UnaryOp = /* @__PURE__ */ unaryOp('square', (x) => tf.square(x.dtype === 'bool' ? tf.cast(x, 'int32') : x));

/** `ops.sqrt(x)`: float32 result; NaN below zero. */
export const sqrt: UnaryOp = /* @__PURE__ */ floatUnaryOp('sqrt', tf.sqrt);

/** `ops.cbrt(x)`: the real cube root, negative for negative inputs. */
export const cbrt: UnaryOp = /* @__PURE__ */ floatUnaryOp('cbrt', (x) => tf.mul(tf.sign(x), tf.pow(tf.abs(x), 1 / 3)));

/** `ops.exp(x)`. */
export const exp: UnaryOp = /* @__PURE__ */ floatUnaryOp('exp', tf.exp);
/** `ops.exp2(x)`: `2 ** x`. */
export const exp2: UnaryOp = /* @__PURE__ */ floatUnaryOp('exp2', (x) => tf.pow(tf.scalar(2), x));
/** `ops.expm1(x)`: `exp(x) - 1`, accurate near zero. */
export const expm1: UnaryOp = /* @__PURE__ */ floatUnaryOp('expm1', tf.expm1);
/** `ops.log(x)`: natural logarithm; -inf at 0, NaN below. */
export const log: UnaryOp = /* @__PURE__ */ floatUnaryOp('log', tf.log);
/** `ops.log1p(x)`: `log(1 + x)`, accurate near zero. */
export const log1p: UnaryOp = /* @__PURE__ */ floatUnaryOp('log1p', tf.log1p);
/** `ops.log2(x)`. */
export const log2: UnaryOp = /* @__PURE__ */ floatUnaryOp('log2', (x) => tf.div(tf.log(x), Math.LN2));
/** `ops.log10(x)`. */
export const log10: UnaryOp = /* @__PURE__ */ floatUnaryOp('log10', (x) => tf.div(tf.log(x), Math.LN10));

/** `ops.signbit(x)`: true where the sign bit is set, -0 and -inf included; always false for bool. */
export const signbit: UnaryOp = /* @__PURE__ */ unaryOp('signbit', (x) => {
  if (x.dtype === 'bool') return tf.zerosLike(x);
  const negative = tf.less(x, 0);
  if (x.dtype !== 'float32') return negative;
  // -0 compares equal to 0; its reciprocal, -inf, tells it apart.
  return tf.logicalOr(negative, tf.logicalAnd(tf.equal(x, 0), tf.less(tf.reciprocal(x), 0)));
});
