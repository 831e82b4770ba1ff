// keras.ops.numpy's creation ops: arrays from shapes, values and other arrays (zeros, ones, full, eye, tri, arange...).
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { dtypeOr, isOptions, type ShapeLike, tensorOf, toShape } from './array-helpers';

export interface DtypeOptions {
  /** Keras's dtype name of the result (`"float32"`, `"int32"`, `"bool"`; `"int64"`/`"float64"` map to 32 bits). */
  dtype?: string | null;
}

/** `ops.zeros(shape, {dtype})`: float32 unless a dtype is given. */
export const zeros = /* @__PURE__ */ defineOp({ name: 'zeros', module: 'numpy' }, function zeros(shape: ShapeLike, options: DtypeOptions = {}): tf.Tensor {
  return tf.zeros(toShape(shape, 'zeros'), dtypeOr(options.dtype, 'float32'));
});

/** `ops.ones(shape, {dtype})`: float32 unless a dtype is given. */
export const ones = /* @__PURE__ */ defineOp({ name: 'ones', module: 'numpy' }, function ones(shape: ShapeLike, options: DtypeOptions = {}): tf.Tensor {
  return tf.ones(toShape(shape, 'ones'), dtypeOr(options.dtype, 'float32'));
});

/** `ops.empty(shape, {dtype})`: tfjs has no uninitialized memory, so this is `zeros`. */
export const empty = /* @__PURE__ */ defineOp({ name: 'empty', module: 'numpy' }, function empty(shape: ShapeLike, options: DtypeOptions = {}): tf.Tensor {
  return tf.zeros(toShape(shape, 'empty'), dtypeOr(options.dtype, 'float32'));
});

/**
 * `ops.full(shape, fillValue, {dtype})`: float32 unless a dtype is given, whatever the fill value's type (Keras's
 * torch backend casts it to floatx); an array fill value is broadcast to `shape`.
 */
export const full = /* @__PURE__ */ defineOp({ name: 'full', module: 'numpy' }, function full(shape: ShapeLike, fillValue: TensorLike, options: DtypeOptions = {}): tf.Tensor {
  const dims = toShape(shape, 'full');
  const dtype = dtypeOr(options.dtype, 'float32');
  return tf.tidy(() => tf.broadcastTo(toTensor(fillValue, dtype), dims).clone());
});

function likeOp(fill: (x: tf.Tensor, dtype: 'float32' | 'int32' | 'bool') => tf.Tensor) {
  return (x: TensorLike, options: DtypeOptions = {}): tf.Tensor =>
    tf.tidy(() => {
      const tensor = toTensor(x);
      return fill(tensor, dtypeOr(options.dtype, tensor.dtype as 'float32' | 'int32' | 'bool'));
    });
}

/** `ops.zeros_like(x, {dtype})`: x's shape, x's dtype unless one is given. */
export const zerosLike = /* @__PURE__ */ defineOp(
  { name: 'zeros_like', module: 'numpy' },
  likeOp((x, dtype) => tf.zeros(x.shape, dtype)),
);

/** `ops.ones_like(x, {dtype})`: x's shape, x's dtype unless one is given. */
export const onesLike = /* @__PURE__ */ defineOp(
  { name: 'ones_like', module: 'numpy' },
  likeOp((x, dtype) => tf.ones(x.shape, dtype)),
);

/** `ops.empty_like(x, {dtype})`: zeros of x's shape (tfjs has no uninitialized memory). */
export const emptyLike = /* @__PURE__ */ defineOp(
  { name: 'empty_like', module: 'numpy' },
  likeOp((x, dtype) => tf.zeros(x.shape, dtype)),
);

/** `ops.full_like(x, fillValue, {dtype})`: x's shape and dtype (unless one is given), filled with `fillValue`. */
export const fullLike = /* @__PURE__ */ defineOp({ name: 'full_like', module: 'numpy' }, function fullLike(x: TensorLike, fillValue: TensorLike, options: DtypeOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const dtype = dtypeOr(options.dtype, tensor.dtype as 'float32' | 'int32' | 'bool');
    return tf.broadcastTo(toTensor(fillValue, dtype), tensor.shape).clone();
  });
});

/** `ops.array(x, {dtype})`: Keras's `convert_to_tensor`, as a new tensor. */
export const array = /* @__PURE__ */ defineOp({ name: 'array', module: 'numpy' }, function array(x: TensorLike, options: DtypeOptions = {}): tf.Tensor {
  return tf.tidy(() => toTensor(x, options.dtype ?? undefined).clone());
});

/** `ops.copy(x)`: a new tensor with x's values. */
export const copy = /* @__PURE__ */ defineOp({ name: 'copy', module: 'numpy' }, function copy(x: TensorLike): tf.Tensor {
  return tf.tidy(() => toTensor(x).clone());
});

export interface DiagonalMatrixOptions extends DtypeOptions {
  /** Number of columns; null (the default) means N. */
  M?: number | null;
  /** Diagonal offset: positive above the main diagonal, negative below. Default 0. */
  k?: number;
}

function matrix(op: string, N: number, options: DiagonalMatrixOptions, on: (row: number, col: number, k: number) => boolean): tf.Tensor {
  const rows = toShape(N, op)[0];
  const cols = options.M === undefined || options.M === null ? rows : toShape(options.M, op)[0];
  const k = options.k ?? 0;
  const values = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) values[r * cols + c] = on(r, c, k) ? 1 : 0;
  return tensorOf(values, [rows, cols], dtypeOr(options.dtype, 'float32'));
}

/** `ops.eye(N, {M, k, dtype})`: ones on the k-th diagonal of an N×M matrix; float32 by default. */
export const eye = /* @__PURE__ */ defineOp({ name: 'eye', module: 'numpy' }, function eye(N: number, options: DiagonalMatrixOptions = {}): tf.Tensor {
  return matrix('eye', N, options, (r, c, k) => c - r === k);
});

/** `ops.identity(n, {dtype})`: the n×n identity; float32 by default. */
export const identity = /* @__PURE__ */ defineOp({ name: 'identity', module: 'numpy' }, function identity(n: number, options: DtypeOptions = {}): tf.Tensor {
  return matrix('identity', n, { dtype: options.dtype }, (r, c) => r === c);
});

/** `ops.tri(N, {M, k, dtype})`: ones at and below the k-th diagonal; float32 by default. */
export const tri = /* @__PURE__ */ defineOp({ name: 'tri', module: 'numpy' }, function tri(N: number, options: DiagonalMatrixOptions = {}): tf.Tensor {
  return matrix('tri', N, options, (r, c, k) => c - r <= k);
});

export interface ArangeOptions extends DtypeOptions {
  /** End of the interval (exclusive); when absent, `start` is the end and the interval starts at 0. */
  stop?: number | null;
  /** Spacing between values. Default 1. */
  step?: number | null;
}

/**
 * `ops.arange(start, {stop, step, dtype})`, also callable NumPy's way as `arange(start, stop, step, {dtype})`.
 * The dtype follows Keras: int32 when every bound is an integer, float32 otherwise. Values are computed as
 * `start + i * step` in double precision, so long float ranges do not drift.
 */
export const arange = /* @__PURE__ */ defineOp({ name: 'arange', module: 'numpy' }, function arange(start: number, ...rest: Array<number | null | ArangeOptions | undefined>): tf.Tensor {
  const last = rest[rest.length - 1];
  const options: ArangeOptions = isOptions(last) ? (rest.pop() as ArangeOptions) : {};
  const stop = (rest[0] as number | null | undefined) ?? options.stop ?? null;
  const step = (rest[1] as number | null | undefined) ?? options.step ?? null;
  const bounds = [start, stop, step].filter((value): value is number => value !== null && value !== undefined);
  for (const bound of bounds) {
    if (typeof bound !== 'number' || !Number.isFinite(bound)) throw new TypeError(`ops.arange expects finite numbers; received ${bound}.`);
  }
  const dtype = dtypeOr(options.dtype, resultType(...bounds));
  const [from, to] = stop === null ? [0, start] : [start, stop];
  const by = step ?? 1;
  if (by === 0) throw new RangeError('ops.arange: step must not be zero.');
  const count = Math.max(0, Math.ceil((to - from) / by));
  const values = Array.from({ length: count }, (_, i) => from + i * by);
  return tensorOf(values, [count], dtype);
});

