import * as tf from '@tensorflow/tfjs-core';
import { type BinaryOp, type UnaryOp, binaryOp, broadcastTo, unaryOp } from './elementwise';

// tfjs has a bitwise and for int32 only; or, xor, not and the shifts follow from it and from int32 arithmetic,
// which wraps modulo 2^32 as C's does: a | b = a + b - (a & b), a ^ b = a + b - 2 (a & b), ~a = -a - 1.

function requireIntegers(op: string, ...tensors: tf.Tensor[]): void {
  for (const t of tensors) {
    if (t.dtype === 'float32') throw new TypeError(`${op} takes integer or bool inputs; received a tensor of dtype float32.`);
  }
}

function bitwise(name: string, onBools: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, onInts: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): BinaryOp {
  return binaryOp(name, (a, b) => {
    requireIntegers(name, a, b);
    return a.dtype === 'bool' ? onBools(a, b) : onInts(a, b);
  });
}

function and(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const shape = tf.add(a, b).shape;
  return tf.bitwiseAnd(broadcastTo(a, shape), broadcastTo(b, shape));
}

/** `ops.bitwise_and(x, y)`: int32 or bool. */
export const bitwiseAnd: BinaryOp = /* @__PURE__ */ bitwise('bitwise_and', tf.logicalAnd, and);
/** `ops.bitwise_or(x, y)`. */
export const bitwiseOr: BinaryOp = /* @__PURE__ */ bitwise('bitwise_or', tf.logicalOr, (a, b) => tf.sub(tf.add(a, b), and(a, b)));
/** `ops.bitwise_xor(x, y)`. */
export const bitwiseXor: BinaryOp = /* @__PURE__ */ bitwise('bitwise_xor', tf.logicalXor, (a, b) => tf.sub(tf.add(a, b), tf.mul(and(a, b), tf.scalar(2, 'int32'))));

function invert(name: string): UnaryOp {
  return unaryOp(name, (x) => {
    requireIntegers(name, x);
    return x.dtype === 'bool' ? tf.logicalNot(x) : tf.sub(tf.neg(x), tf.scalar(1, 'int32'));
  });
}

/** `ops.bitwise_not(x)`: `~x` (logical not for bool). */
export const bitwiseNot: UnaryOp = /* @__PURE__ */ invert('bitwise_not');
/** `ops.bitwise_invert(x)`: the same as `bitwise_not`. */
export const bitwiseInvert: UnaryOp = /* @__PURE__ */ invert('bitwise_invert');

function asShiftOperands(name: string, a: tf.Tensor, b: tf.Tensor): [tf.Tensor, tf.Tensor, tf.Tensor] {
  requireIntegers(name, a, b);
  const value = a.dtype === 'bool' ? tf.cast(a, 'int32') : a;
  const count = b.dtype === 'bool' ? tf.cast(b, 'int32') : b;
  // 2 ** 31 wraps to -2 ** 31 in int32, which still multiplies correctly modulo 2 ** 32.
  return [value, count, tf.pow(tf.fill(count.shape, 2, 'int32'), count)];
}

function makeLeftShift(name: string): BinaryOp {
  return binaryOp(name, (a, b) => {
    const [value, , factor] = asShiftOperands(name, a, b);
    return tf.mul(value, factor);
  });
}

function makeRightShift(name: string): BinaryOp {
  return binaryOp(name, (a, b) => {
    const [value, count, factor] = asShiftOperands(name, a, b);
    // An arithmetic shift is a floor division by 2 ** count; a count of 31 leaves only the sign.
    const signOnly = tf.where(tf.less(value, 0), tf.fill(value.shape, -1, 'int32'), tf.zerosLike(value));
    const safeFactor = tf.where(tf.greaterEqual(count, 31), tf.onesLike(factor), factor);
    return tf.where(tf.greaterEqual(count, 31), broadcastTo(signOnly, tf.add(value, count).shape), tf.floorDiv(value, safeFactor));
  });
}

/** `ops.bitwise_left_shift(x, y)`: `x << y`, wrapping as int32 does. */
export const bitwiseLeftShift: BinaryOp = /* @__PURE__ */ makeLeftShift('bitwise_left_shift');
/** `ops.left_shift(x, y)`: the same as `bitwise_left_shift`. */
export const leftShift: BinaryOp = /* @__PURE__ */ makeLeftShift('left_shift');
/** `ops.bitwise_right_shift(x, y)`: `x >> y`, an arithmetic shift (the sign is kept). */
export const bitwiseRightShift: BinaryOp = /* @__PURE__ */ makeRightShift('bitwise_right_shift');
/** `ops.right_shift(x, y)`: the same as `bitwise_right_shift`. */
export const rightShift: BinaryOp = /* @__PURE__ */ makeRightShift('right_shift');
