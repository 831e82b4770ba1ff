import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { type BinaryOp, type UnaryOp, binaryOp, broadcastShapes, promoteBinary, unaryOp } from './elementwise';
import { allAlong, anyAlong } from './reduce-safe';

function ordered(a: tf.Tensor): tf.Tensor {
  return a.dtype === 'bool' ? tf.cast(a, 'int32') : a;
}

function comparison(name: string, compare: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): BinaryOp {
  return binaryOp(name, (a, b) => compare(ordered(a), ordered(b)));
}

/** `ops.equal(x1, x2)`: bool result, operands promoted first (`int == 2.5` compares as floats). */
export const equal: BinaryOp = /* @__PURE__ */ comparison('equal', tf.equal);
/** `ops.not_equal(x1, x2)`. */
export const notEqual: BinaryOp = /* @__PURE__ */ comparison('not_equal', tf.notEqual);
/** `ops.greater(x1, x2)`. */
export const greater: BinaryOp = /* @__PURE__ */ comparison('greater', tf.greater);
/** `ops.greater_equal(x1, x2)`. */
export const greaterEqual: BinaryOp = /* @__PURE__ */ comparison('greater_equal', tf.greaterEqual);
/** `ops.less(x1, x2)`. */
export const less: BinaryOp = /* @__PURE__ */ comparison('less', tf.less);
/** `ops.less_equal(x1, x2)`. */
export const lessEqual: BinaryOp = /* @__PURE__ */ comparison('less_equal', tf.lessEqual);

export interface IscloseOptions {
  /** Relative tolerance. Default 1e-5. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-8. */
  atol?: number;
  /** Whether two NaNs count as close. Default false. */
  equalNan?: boolean;
}

/** `|a - b| <= atol + rtol * |b|` for floats (equal infinities close, NaN only with `equalNan`); equality otherwise. */
function closeness(x1: TensorLike, x2: TensorLike, options: IscloseOptions): tf.Tensor {
  const [a, b] = promoteBinary(x1, x2);
  broadcastShapes(a.shape, b.shape, 'isclose');
  // Keras compares ints and bools for equality, whatever the tolerances.
  if (a.dtype !== 'float32') return tf.equal(a, b);
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  const finite = tf.logicalAnd(tf.isFinite(a), tf.isFinite(b));
  const within = tf.lessEqual(tf.abs(tf.sub(a, b)), tf.add(atol, tf.mul(rtol, tf.abs(b))));
  const close = tf.logicalOr(tf.equal(a, b), tf.logicalAnd(finite, within));
  return equalNan ? tf.logicalOr(close, tf.logicalAnd(tf.isNaN(a), tf.isNaN(b))) : close;
}

/** `ops.isclose(x1, x2, {rtol, atol, equalNan})`: element-wise closeness, as a bool tensor. */
export const isclose = /* @__PURE__ */ defineOp(
  { name: 'isclose', module: 'numpy' },
  function isclose(x1: TensorLike, x2: TensorLike, options: IscloseOptions = {}): tf.Tensor {
    return tf.tidy(() => closeness(x1, x2, options));
  },
);

/** `ops.allclose(x1, x2, {rtol, atol, equalNan})`: whether every element is close, as a scalar bool tensor. */
export const allclose = /* @__PURE__ */ defineOp(
  { name: 'allclose', module: 'numpy' },
  function allclose(x1: TensorLike, x2: TensorLike, options: IscloseOptions = {}): tf.Tensor {
    return tf.tidy(() => {
      const close = closeness(x1, x2, options);
      return allAlong(close, close.shape.map((_, i) => i), false);
    });
  },
);

function floatPredicate(name: string, test: (x: tf.Tensor) => tf.Tensor, forIntegers: boolean): UnaryOp {
  return unaryOp(name, (x) => (x.dtype === 'float32' ? test(x) : tf.fill(x.shape, forIntegers ? 1 : 0, 'bool')));
}

/** `ops.isfinite(x)`: always true for int and bool inputs. */
export const isfinite: UnaryOp = /* @__PURE__ */ floatPredicate('isfinite', tf.isFinite, true);
/** `ops.isinf(x)`. */
export const isinf: UnaryOp = /* @__PURE__ */ floatPredicate('isinf', tf.isInf, false);
/** `ops.isnan(x)`. */
export const isnan: UnaryOp = /* @__PURE__ */ floatPredicate('isnan', tf.isNaN, false);
/** `ops.isneginf(x)`. */
export const isneginf: UnaryOp = /* @__PURE__ */ floatPredicate('isneginf', (x) => tf.equal(x, Number.NEGATIVE_INFINITY), false);
/** `ops.isposinf(x)`. */
export const isposinf: UnaryOp = /* @__PURE__ */ floatPredicate('isposinf', (x) => tf.equal(x, Number.POSITIVE_INFINITY), false);

export interface IsinOptions {
  /** Accepted for Keras compatibility; the result is the same either way. Default false. */
  assumeUnique?: boolean;
  /** Return true where an element is NOT in `x2`. Default false. */
  invert?: boolean;
}

/** `ops.isin(x1, x2, {assumeUnique, invert})`: for each element of `x1`, whether it occurs anywhere in `x2`. */
export const isin = /* @__PURE__ */ defineOp(
  { name: 'isin', module: 'numpy' },
  function isin(x1: TensorLike, x2: TensorLike, options: IsinOptions = {}): tf.Tensor {
    return tf.tidy(() => {
      const [a, b] = promoteBinary(x1, x2);
      const elements = ordered(a);
      const candidates = tf.reshape(ordered(b), [-1]);
      const matches = tf.equal(tf.expandDims(elements, -1), candidates);
      const found = anyAlong(matches, [matches.rank - 1], false);
      return options.invert ? tf.logicalNot(found) : found;
    });
  },
);

/** `x` as bool: non-zero (NaN included) is true, as NumPy's truth value. */
export function truthOf(x: TensorLike): tf.Tensor {
  const tensor = toTensor(x);
  return tensor.dtype === 'bool' ? tensor : tf.notEqual(tensor, 0);
}
