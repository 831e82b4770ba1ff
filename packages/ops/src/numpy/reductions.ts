import * as tf from '@tensorflow/tfjs-core';
import { type Axis, normalizeAxes, normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, standardizeDtype, toTensor } from '../core/tensor-like';
import { truthOf } from './comparison';
import { requireRealTensor } from './elementwise';
import { allAlong, anyAlong, prodAlong, sumAlong } from './reduce-safe';

export { allAlong } from './reduce-safe';

export interface ReductionOptions {
  /** Axis or axes to reduce; null (the default) reduces all of them. Negative axes count from the end. */
  axis?: Axis;
  /** Keep the reduced axes with size 1. Default false. */
  keepdims?: boolean;
}

export interface ProdOptions extends ReductionOptions {
  /** The dtype to multiply in; by default int and bool inputs give int32 and floats stay float32. */
  dtype?: string | null;
}

export interface MaxOptions extends ReductionOptions {
  /** A value that takes part in the reduction (the result of an empty reduction). Default none. */
  initial?: number | null;
}

export interface ArgOptions {
  /** The one axis to search along; null (the default) searches the flattened tensor. */
  axis?: number | null;
  /** Keep the searched axis with size 1. Default false. */
  keepdims?: boolean;
}

function reduction<O extends ReductionOptions>(name: string, body: (x: tf.Tensor, axes: number[], keepdims: boolean, options: O) => tf.Tensor) {
  return defineOp({ name, module: 'numpy' }, (x: TensorLike, options: O = {} as O): tf.Tensor =>
    tf.tidy(() => {
      const tensor = requireRealTensor(name, toTensor(x));
      return body(tensor, normalizeAxes(options.axis, tensor.rank), options.keepdims ?? false, options);
    }),
  );
}

/** Refuses to reduce over an axis of size 0 for ops without an identity (max, min, ptp), as NumPy does. */
export function requireNonEmptyAxes(op: string, x: tf.Tensor, axes: number[]): void {
  const empty = axes.find((axis) => x.shape[axis] === 0);
  if (empty !== undefined) {
    throw new RangeError(`${op}: cannot reduce over axis ${empty} of size 0 (input shape [${x.shape.join(', ')}]); it has no identity.`);
  }
}

function integerOrFloat(x: tf.Tensor): tf.Tensor {
  return x.dtype === 'bool' ? tf.cast(x, 'int32') : x;
}

/** `ops.sum(x, {axis, keepdims})`: Keras sums bool and int inputs as int32. */
export const sum = /* @__PURE__ */ reduction<ReductionOptions>('sum', (x, axes, keepdims) => sumAlong(integerOrFloat(x), axes, keepdims));

/** `ops.prod(x, {axis, keepdims, dtype})`: bool and int inputs multiply as int32; the product of nothing is 1. */
export const prod = /* @__PURE__ */ reduction<ProdOptions>('prod', (x, axes, keepdims, options) => {
  const input = options.dtype ? tf.cast(x, standardizeDtype(options.dtype)) : integerOrFloat(x);
  return prodAlong(input, axes, keepdims);
});

/** The largest or smallest element along `axes`, with NaN winning, as NumPy and torch do. */
export function extremeAlong(x: tf.Tensor, axes: number[], keepdims: boolean, largest: boolean): tf.Tensor {
  if (x.dtype === 'bool') return largest ? anyAlong(x, axes, keepdims) : allAlong(x, axes, keepdims);
  const picked = largest ? tf.max(x, axes, keepdims) : tf.min(x, axes, keepdims);
  if (x.dtype !== 'float32') return picked;
  return tf.where(anyAlong(tf.isNaN(x), axes, keepdims), tf.fill(picked.shape, Number.NaN), picked);
}

function maxOrMin(name: 'max' | 'min', largest: boolean) {
  return reduction<MaxOptions>(name, (x, axes, keepdims, options) => {
    const initial = options.initial ?? null;
    // Keras (torch) answers `initial` alone, as a scalar, for any input with a zero-size dimension.
    if (x.shape.includes(0)) {
      if (initial === null) throw new RangeError(`${name}: cannot compute the ${name} of an empty tensor (shape [${x.shape.join(', ')}]) without an initial value.`);
      // JavaScript has no int/float distinction for `initial`: the input's dtype decides (bool gives int32).
      const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
      return keepdims ? tf.fill(x.shape.map(() => 1), initial, dtype) : tf.scalar(initial, dtype);
    }
    // Keras on torch drops `keepdims` when `axis` is null here (`max(x, keepdims=True)` is a scalar); so does Strata.
    const keep = keepdims && options.axis !== null && options.axis !== undefined;
    const result = extremeAlong(x, axes, keep, largest);
    if (initial === null) return result;
    const bound = tf.scalar(initial, result.dtype === 'bool' ? 'int32' : result.dtype);
    const value = result.dtype === 'bool' ? tf.cast(result, 'int32') : result;
    const combined = largest ? tf.maximum(value, bound) : tf.minimum(value, bound);
    return result.dtype === 'bool' ? tf.cast(combined, 'bool') : combined;
  });
}

/** `ops.max(x, {axis, keepdims, initial})`: NaN propagates; an empty input needs `initial`. */
export const max = /* @__PURE__ */ maxOrMin('max', true);
/** `ops.min(x, {axis, keepdims, initial})`. */
export const min = /* @__PURE__ */ maxOrMin('min', false);

/** `ops.amax(x, {axis, keepdims})`: like `max`, refusing only to reduce an axis of size 0. */
export const amax = /* @__PURE__ */ reduction<ReductionOptions>('amax', (x, axes, keepdims) => {
  requireNonEmptyAxes('amax', x, axes);
  return extremeAlong(x, axes, keepdims, true);
});
/** `ops.amin(x, {axis, keepdims})`. */
export const amin = /* @__PURE__ */ reduction<ReductionOptions>('amin', (x, axes, keepdims) => {
  requireNonEmptyAxes('amin', x, axes);
  return extremeAlong(x, axes, keepdims, false);
});

/** `ops.ptp(x, {axis, keepdims})`: max minus min ("peak to peak"); keeps int32; refuses bool, as Keras does on torch. */
export const ptp = /* @__PURE__ */ reduction<ReductionOptions>('ptp', (x, axes, keepdims) => {
  if (x.dtype === 'bool') throw new TypeError('ptp does not support bool inputs: the difference of two bools is undefined.');
  requireNonEmptyAxes('ptp', x, axes);
  return tf.sub(extremeAlong(x, axes, keepdims, true), extremeAlong(x, axes, keepdims, false));
});

/** `ops.mean(x, {axis, keepdims})`: float32 for int and bool inputs; NaN for an empty slice. */
export const mean = /* @__PURE__ */ reduction<ReductionOptions>('mean', (x, axes, keepdims) => meanAlong(tf.cast(x, 'float32'), axes, keepdims));

/** The mean of a float32 tensor along `axes` as sum over count, so that an empty slice gives NaN (tfjs gives 0). */
export function meanAlong(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
  const count = axes.reduce((n, axis) => n * x.shape[axis], 1);
  return tf.div(sumAlong(x, axes, keepdims), count);
}

/** `ops.all(x, {axis, keepdims})`: whether every element is non-zero; true for an empty slice. */
export const all = /* @__PURE__ */ reduction<ReductionOptions>('all', (x, axes, keepdims) => allAlong(truthOf(x), axes, keepdims));

/** `ops.any(x, {axis, keepdims})`: whether some element is non-zero; false for an empty slice. */
export const any = /* @__PURE__ */ reduction<ReductionOptions>('any', (x, axes, keepdims) => anyAlong(truthOf(x), axes, keepdims));

/** `ops.count_nonzero(x, {axis})`: int32 counts. */
export const countNonzero = /* @__PURE__ */ defineOp(
  { name: 'count_nonzero', module: 'numpy' },
  function countNonzero(x: TensorLike, options: { axis?: Axis } = {}): tf.Tensor {
    return tf.tidy(() => {
      const tensor = toTensor(x);
      return sumAlong(tf.cast(truthOf(tensor), 'int32'), normalizeAxes(options.axis, tensor.rank), false);
    });
  },
);

/** The index of the first largest (or smallest) element along one axis, a NaN counting as the extreme (as torch). */
export function argExtreme(op: string, x: tf.Tensor, options: ArgOptions, largest: boolean): tf.Tensor {
  const flat = options.axis === null || options.axis === undefined;
  const input = flat ? tf.reshape(x, [-1]) : x;
  const axis = flat ? 0 : normalizeAxis(options.axis as number, x.rank);
  if (input.shape[axis] === 0) throw new RangeError(`${op}: cannot search an empty axis ${axis} (input shape [${x.shape.join(', ')}]).`);
  const values = input.dtype === 'bool' ? tf.cast(input, 'int32') : input;
  let index = largest ? tf.argMax(values, axis) : tf.argMin(values, axis);
  if (values.dtype === 'float32') {
    const nan = tf.isNaN(values);
    index = tf.where(tf.any(nan, axis), tf.argMax(tf.cast(nan, 'int32'), axis), index);
  }
  if (!options.keepdims) return index;
  return flat ? tf.reshape(index, x.shape.map(() => 1)) : tf.expandDims(index, axis);
}

/** `ops.argmax(x, {axis, keepdims})`: int32 index of the first maximum; over the flattened tensor when `axis` is null. */
export const argmax = /* @__PURE__ */ defineOp({ name: 'argmax', module: 'numpy' }, function argmax(x: TensorLike, options: ArgOptions = {}): tf.Tensor {
  return tf.tidy(() => argExtreme('argmax', toTensor(x), options, true));
});

/** `ops.argmin(x, {axis, keepdims})`: int32 index of the first minimum. */
export const argmin = /* @__PURE__ */ defineOp({ name: 'argmin', module: 'numpy' }, function argmin(x: TensorLike, options: ArgOptions = {}): tf.Tensor {
  return tf.tidy(() => argExtreme('argmin', toTensor(x), options, false));
});
