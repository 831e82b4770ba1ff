import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { type BinaryOp, binaryOp, broadcastShapes, broadcastTo, floatBinary } from './elementwise';

function floatBinaryOp(name: string, body: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, refuseBools = false): BinaryOp {
  return defineOp({ name, module: 'numpy' }, (x1: TensorLike, x2: TensorLike): tf.Tensor =>
    tf.tidy(() => {
      if (refuseBools && resultType(x1, x2) === 'bool') {
        throw new TypeError(`${name} does not support two bool inputs; cast them to int32 or float32 first.`);
      }
      const [a, b] = floatBinary(x1, x2);
      broadcastShapes(a.shape, b.shape, name);
      return body(a, b);
    }),
  );
}

/** `ops.hypot(x1, x2)`: `sqrt(x1² + x2²)` without overflow for large operands; float32 result. */
export const hypot: BinaryOp = /* @__PURE__ */ floatBinaryOp(
  'hypot',
  (a, b) => {
    const absA = tf.abs(a);
    const absB = tf.abs(b);
    const largest = tf.maximum(absA, absB);
    const safe = tf.where(tf.logicalOr(tf.equal(largest, 0), tf.isInf(largest)), tf.onesLike(largest), largest);
    const scaled = tf.mul(largest, tf.sqrt(tf.add(tf.square(tf.div(absA, safe)), tf.square(tf.div(absB, safe)))));
    return tf.where(tf.isInf(largest), largest, scaled);
  },
  true,
);

/** `log(exp(a) + exp(b))` computed as `max + log1p(exp(-|a - b|))`, exact where both are ±inf. */
function logAddExpWith(a: tf.Tensor, b: tf.Tensor, base2: boolean): tf.Tensor {
  const largest = tf.maximum(a, b);
  const gap = tf.neg(tf.abs(tf.sub(a, b)));
  const tail = base2 ? tf.div(tf.log1p(tf.pow(tf.scalar(2), gap)), Math.LN2) : tf.log1p(tf.exp(gap));
  const same = tf.add(largest, base2 ? 1 : Math.LN2);
  return tf.where(tf.equal(a, b), same, tf.add(largest, tail));
}

/** `ops.logaddexp(x1, x2)`: `log(exp(x1) + exp(x2))`, stable for large operands. */
export const logaddexp: BinaryOp = /* @__PURE__ */ floatBinaryOp('logaddexp', (a, b) => logAddExpWith(a, b, false));
/** `ops.logaddexp2(x1, x2)`: `log2(2 ** x1 + 2 ** x2)`. */
export const logaddexp2: BinaryOp = /* @__PURE__ */ floatBinaryOp('logaddexp2', (a, b) => logAddExpWith(a, b, true));

/**
 * `ops.nextafter(x1, x2)`. Keras computes the step in float64 on every backend and casts back to float32,
 * where a one-ulp float64 step rounds away: the result is `x1` (or `x2` where they are equal, NaN where either is).
 */
export const nextafter: BinaryOp = /* @__PURE__ */ floatBinaryOp('nextafter', (a, b) => {
  const picked = tf.where(tf.equal(a, b), tf.add(b, tf.zerosLike(a)), tf.add(a, tf.zerosLike(b)));
  return tf.where(tf.logicalOr(tf.isNaN(a), tf.isNaN(b)), tf.fill(picked.shape, Number.NaN), picked);
});

/** `ops.heaviside(x1, x2)`: 0 below zero, `x2` at zero, 1 above (NaN counts as below, as on torch); float32 for ints. */
export const heaviside: BinaryOp = /* @__PURE__ */ defineOp({ name: 'heaviside', module: 'numpy' }, function heaviside(x1: TensorLike, x2: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const dtype = resultType(x1, x2) === 'bool' ? 'bool' : 'float32';
    const a = toTensor(x1, dtype);
    const b = toTensor(x2, dtype);
    broadcastShapes(a.shape, b.shape, 'heaviside');
    if (dtype === 'bool') return tf.logicalOr(a, b);
    const step = tf.add(tf.cast(tf.greater(a, 0), 'float32'), tf.zerosLike(b));
    return tf.where(tf.equal(a, 0), tf.add(b, tf.zerosLike(a)), step);
  });
});

function requireIntegers(op: string, ...tensors: tf.Tensor[]): void {
  for (const t of tensors) {
    if (t.dtype !== 'int32') throw new TypeError(`${op} takes integer inputs; received a tensor of dtype ${t.dtype}.`);
  }
}

// Euclid's algorithm on whole tensors: 46 steps reduce any pair of int32 magnitudes (Fibonacci bound), so the loop
// runs a fixed number of times and never reads values back from the device.
const EUCLID_STEPS = 46;

function greatestCommonDivisor(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const shape = broadcastShapes(a.shape, b.shape, 'gcd');
  let x = broadcastTo(tf.abs(a), shape);
  let y = broadcastTo(tf.abs(b), shape);
  for (let step = 0; step < EUCLID_STEPS; step++) {
    const done = tf.equal(y, 0);
    const remainder = tf.mod(x, tf.where(done, tf.onesLike(y), y));
    x = tf.where(done, x, y);
    y = tf.where(done, y, remainder);
  }
  return x;
}

/** `ops.gcd(x1, x2)`: greatest common divisor of integers (non-negative; `gcd(0, 0)` is 0). */
export const gcd: BinaryOp = /* @__PURE__ */ binaryOp('gcd', (a, b) => {
  requireIntegers('gcd', a, b);
  return greatestCommonDivisor(a, b);
});

/** `ops.lcm(x1, x2)`: least common multiple of integers (non-negative; 0 where either is 0). */
export const lcm: BinaryOp = /* @__PURE__ */ binaryOp('lcm', (a, b) => {
  requireIntegers('lcm', a, b);
  const divisor = greatestCommonDivisor(a, b);
  const safe = tf.where(tf.equal(divisor, 0), tf.onesLike(divisor), divisor);
  return tf.abs(tf.mul(tf.floorDiv(broadcastTo(a, divisor.shape), safe), b));
});

/** `ops.ldexp(x1, x2)`: `x1 * 2 ** x2` in float32; the exponent must be an integer. */
export const ldexp: BinaryOp = /* @__PURE__ */ defineOp({ name: 'ldexp', module: 'numpy' }, function ldexp(x1: TensorLike, x2: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const exponent = toTensor(x2);
    if (exponent.dtype !== 'int32') throw new TypeError(`ldexp: the exponent x2 must be an integer tensor; received dtype ${exponent.dtype}.`);
    const mantissa = toTensor(x1, 'float32');
    broadcastShapes(mantissa.shape, exponent.shape, 'ldexp');
    return tf.mul(mantissa, tf.pow(tf.scalar(2), tf.cast(exponent, 'float32')));
  });
});
