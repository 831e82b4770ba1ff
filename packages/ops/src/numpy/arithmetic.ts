import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { type BinaryOp, asFloat, binaryOp, broadcastShapes, floatBinary, refuseBool } from './elementwise';

export { promoteBinary } from './elementwise';

/** `ops.add(x1, x2)`: element-wise sum with broadcasting; `int32 + 3` stays int32, `int32 + 0.5` is float32. */
export const add: BinaryOp = /* @__PURE__ */ binaryOp('add', (a, b) => (a.dtype === 'bool' ? tf.logicalOr(a, b) : tf.add(a, b)));

/** `ops.subtract(x1, x2)`: refuses two bool operands, as NumPy and Keras do. */
export const subtract: BinaryOp = /* @__PURE__ */ binaryOp('subtract', (a, b) => {
  refuseBool('subtract', a, b);
  return tf.sub(a, b);
});

/** `ops.multiply(x1, x2)`: bool times bool is a logical and. */
export const multiply: BinaryOp = /* @__PURE__ */ binaryOp('multiply', (a, b) => (a.dtype === 'bool' ? tf.logicalAnd(a, b) : tf.mul(a, b)));

function floatDivide(name: string): BinaryOp {
  return defineOp({ name, module: 'numpy' }, (x1: TensorLike, x2: TensorLike): tf.Tensor =>
    tf.tidy(() => {
      const [a, b] = floatBinary(x1, x2);
      broadcastShapes(a.shape, b.shape, name);
      return tf.div(a, b);
    }),
  );
}

/** `ops.divide(x1, x2)`: true division; int and bool operands give float32, as in Keras. */
export const divide: BinaryOp = /* @__PURE__ */ floatDivide('divide');

/** `ops.true_divide(x1, x2)`: the same as `divide`. */
export const trueDivide: BinaryOp = /* @__PURE__ */ floatDivide('true_divide');

/** `ops.divide_no_nan(x1, x2)`: `x1 / x2`, and 0 wherever `x2` is 0 (even for a NaN numerator); float32 result. */
export const divideNoNan: BinaryOp = /* @__PURE__ */ defineOp(
  { name: 'divide_no_nan', module: 'numpy' },
  function divideNoNan(x1: TensorLike, x2: TensorLike): tf.Tensor {
    return tf.tidy(() => {
      const [a, b] = floatBinary(x1, x2);
      broadcastShapes(a.shape, b.shape, 'divide_no_nan');
      const zero = tf.equal(b, 0);
      return tf.where(zero, tf.zerosLike(tf.add(a, b)), tf.div(a, tf.where(zero, tf.onesLike(b), b)));
    });
  },
);

/** Division rounded toward zero: C's `fmod` remainder is `a - truncDiv(a, b) * b`. */
function truncatedRemainder(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  if (a.dtype === 'int32') {
    // For integers, tfjs's floor modulo differs from the truncated one only where the signs differ.
    const floorMod = tf.mod(a, b);
    const signsDiffer = tf.logicalAnd(tf.notEqual(floorMod, 0), tf.notEqual(tf.less(a, 0), tf.less(b, 0)));
    return tf.where(signsDiffer, tf.sub(floorMod, b), floorMod);
  }
  const quotient = tf.div(a, b);
  const truncated = tf.mul(tf.sign(quotient), tf.floor(tf.abs(quotient)));
  const remainder = tf.sub(a, tf.mul(truncated, b));
  // fmod(x, ±inf) is x for a finite x; the formula above would give NaN.
  return tf.where(tf.logicalAnd(tf.isInf(b), tf.isFinite(a)), tf.add(a, tf.zerosLike(b)), remainder);
}

/** `ops.fmod(x1, x2)`: C's remainder, with the sign of `x1` (`fmod(-7, 3) = -1`). */
export const fmod: BinaryOp = /* @__PURE__ */ binaryOp('fmod', (a, b) => {
  refuseBool('fmod', a, b);
  return truncatedRemainder(a, b);
});

/** Python's remainder from the truncated one: moved by one divisor where it is non-zero and its sign is not the divisor's. */
function floorRemainder(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const remainder = truncatedRemainder(a, b);
  const adjust = tf.logicalAnd(tf.notEqual(remainder, 0), tf.notEqual(tf.less(remainder, 0), tf.less(b, 0)));
  return tf.where(adjust, tf.add(remainder, b), remainder);
}

/** `ops.mod(x1, x2)`: Python's remainder, with the sign of `x2` (`mod(-7, 3) = 2`, `mod(7, -3) = -2`). */
export const mod: BinaryOp = /* @__PURE__ */ binaryOp('mod', (a, b) => {
  refuseBool('mod', a, b);
  if (a.dtype === 'int32') return tf.mod(a, b);
  return floorRemainder(a, b);
});

/** `ops.floor_divide(x1, x2)`: Python's `//`; ints stay int32, and `inf // 2` is NaN as in Python. */
export const floorDivide: BinaryOp = /* @__PURE__ */ binaryOp('floor_divide', (a, b) => {
  refuseBool('floor_divide', a, b);
  if (a.dtype === 'int32') return tf.floorDiv(a, b);
  // Python's algorithm: (a - a mod b) / b is exact up to rounding, so round it; a zero divisor gives a / b.
  const quotient = tf.round(tf.div(tf.sub(a, floorRemainder(a, b)), b));
  return tf.where(tf.equal(b, 0), tf.div(a, b), quotient);
});

/** Integer powers as torch computes them: a negative exponent truncates `1 / x^n` toward zero. */
function integerPower(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const positive = tf.pow(a, tf.relu(b));
  const oddExponent = tf.equal(tf.mod(tf.abs(b), tf.scalar(2, 'int32')), tf.scalar(1, 'int32'));
  const minusOne = tf.where(oddExponent, tf.fill(positive.shape, -1, 'int32'), tf.onesLike(positive));
  const negative = tf.where(tf.equal(a, 1), tf.onesLike(positive), tf.where(tf.equal(a, -1), minusOne, tf.zerosLike(positive)));
  return tf.where(tf.less(b, 0), negative, positive);
}

/** `ops.power(x1, x2)`: int to an int power stays int32 (`2 ** -1` is 0, as torch gives). */
export const power: BinaryOp = /* @__PURE__ */ binaryOp('power', (a, b) => {
  refuseBool('power', a, b);
  return a.dtype === 'int32' ? integerPower(a, b) : tf.pow(a, b);
});

function extremum(name: string, largest: boolean, ignoreNan: boolean): BinaryOp {
  return binaryOp(name, (a, b) => {
    if (a.dtype === 'bool') return largest ? tf.logicalOr(a, b) : tf.logicalAnd(a, b);
    const picked = largest ? tf.maximum(a, b) : tf.minimum(a, b);
    if (a.dtype !== 'float32') return picked;
    // maximum/minimum propagate NaN from either side; fmax/fmin take the other operand where one is NaN.
    const aNan = tf.isNaN(a);
    const bNan = tf.isNaN(b);
    if (!ignoreNan) return tf.where(tf.logicalOr(aNan, bNan), tf.fill(picked.shape, Number.NaN), picked);
    return tf.where(aNan, tf.add(b, tf.zerosLike(a)), tf.where(bNan, tf.add(a, tf.zerosLike(b)), picked));
  });
}

/** `ops.maximum(x1, x2)`: element-wise larger value; NaN wins. */
export const maximum: BinaryOp = /* @__PURE__ */ extremum('maximum', true, false);
/** `ops.minimum(x1, x2)`: element-wise smaller value; NaN wins. */
export const minimum: BinaryOp = /* @__PURE__ */ extremum('minimum', false, false);
/** `ops.fmax(x1, x2)`: element-wise larger value, ignoring a NaN on one side. */
export const fmax: BinaryOp = /* @__PURE__ */ extremum('fmax', true, true);
/** `ops.fmin(x1, x2)`: element-wise smaller value, ignoring a NaN on one side. */
export const fmin: BinaryOp = /* @__PURE__ */ extremum('fmin', false, true);

/** `ops.negative(x)`: `-x`; refuses bool, as NumPy and Keras do. */
export const negative = /* @__PURE__ */ defineOp({ name: 'negative', module: 'numpy' }, function negative(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    refuseBool('negative', tensor);
    return tf.neg(tensor);
  });
});

/** `ops.reciprocal(x)`: `1 / x` in float32 (int inputs too; `1 / 0` is inf). */
export const reciprocal = /* @__PURE__ */ defineOp({ name: 'reciprocal', module: 'numpy' }, function reciprocal(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.reciprocal(asFloat(toTensor(x))));
});
