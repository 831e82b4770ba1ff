// keras.ops.numpy's differences, integrals and correlation: diff, trapezoid and correlate.
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { gatherAxis } from './array-helpers';

/** x's slices [from, from + length) along an axis. */
function along(x: tf.Tensor, axis: number, from: number, length: number): tf.Tensor {
  return tf.slice(x, x.shape.map((_, a) => (a === axis ? from : 0)), x.shape.map((n, a) => (a === axis ? length : n)));
}

export interface DiffOptions {
  /** How many times to take differences. Default 1. */
  n?: number;
  /** The axis. Default -1. */
  axis?: number;
}

/** `ops.diff(a, {n, axis})`: n-th differences `a[i+1] - a[i]` along an axis (for bool: whether they differ). */
export const diff = /* @__PURE__ */ defineOp({ name: 'diff', module: 'numpy' }, function diff(a: TensorLike, options: DiffOptions = {}): tf.Tensor {
  const n = options.n ?? 1;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`ops.diff expects a non-negative integer order n; received ${n}.`);
  return tf.tidy(() => {
    let x = toTensor(a);
    const axis = normalizeAxis(options.axis ?? -1, x.rank);
    for (let i = 0; i < n; i++) {
      const length = Math.max(x.shape[axis] - 1, 0);
      const [next, prev] = [along(x, axis, Math.min(1, x.shape[axis]), length), along(x, axis, 0, length)];
      x = x.dtype === 'bool' ? tf.notEqual(next, prev) : tf.sub(next, prev);
    }
    return n === 0 ? x.clone() : x;
  });
});

export interface TrapezoidOptions {
  /** Sample positions (1-D along the axis, or y's shape); when absent, samples are `dx` apart. */
  x?: TensorLike | null;
  /** Spacing between samples when x is absent. Default 1. */
  dx?: number;
  /** The axis to integrate along. Default -1. */
  axis?: number;
}

/** `ops.trapezoid(y, {x, dx, axis})`: the integral by the trapezoid rule, float32. */
export const trapezoid = /* @__PURE__ */ defineOp({ name: 'trapezoid', module: 'numpy' }, function trapezoid(y: TensorLike, options: TrapezoidOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const values = toTensor(y, 'float32');
    const axis = normalizeAxis(options.axis ?? -1, values.rank);
    const length = Math.max(values.shape[axis] - 1, 0);
    const mean = tf.div(tf.add(along(values, axis, Math.min(1, values.shape[axis]), length), along(values, axis, 0, length)), 2);
    if (options.x === undefined || options.x === null) return tf.mul(tf.sum(mean, axis), options.dx ?? 1);
    let positions = toTensor(options.x, 'float32');
    if (positions.rank === 1) positions = tf.reshape(positions, values.shape.map((_, a) => (a === axis ? positions.size : 1)));
    const xAxis = positions.rank === values.rank ? axis : normalizeAxis(-1, positions.rank);
    const xLength = Math.max(positions.shape[xAxis] - 1, 0);
    const spacing = tf.sub(along(positions, xAxis, Math.min(1, positions.shape[xAxis]), xLength), along(positions, xAxis, 0, xLength));
    return tf.sum(tf.mul(spacing, mean), axis);
  });
});

export interface CorrelateOptions {
  /** `"valid"` (the default: full overlaps only), `"same"` (x1's length) or `"full"`. */
  mode?: 'valid' | 'same' | 'full';
}

/** `ops.correlate(x1, x2, {mode})`: the cross-correlation `sum_j x1[t + j] * x2[j]` of two vectors, float32 (a scalar when of length 1). */
export const correlate = /* @__PURE__ */ defineOp({ name: 'correlate', module: 'numpy' }, function correlate(x1: TensorLike, x2: TensorLike, options: CorrelateOptions = {}): tf.Tensor {
  const mode = options.mode ?? 'valid';
  if (!['valid', 'same', 'full'].includes(mode)) throw new RangeError(`ops.correlate expects mode "valid", "same" or "full"; received "${mode}".`);
  return tf.tidy(() => {
    const a = toTensor(x1, 'float32');
    const v = toTensor(x2, 'float32');
    if (a.rank !== 1 || v.rank !== 1 || a.size === 0 || v.size === 0) {
      throw new RangeError(`ops.correlate expects two non-empty vectors; received shapes [${a.shape.join(', ')}] and [${v.shape.join(', ')}].`);
    }
    const [n, m] = [a.size, v.size];
    const padded = tf.pad(a, [[m - 1, m - 1]]);
    const fullLength = n + m - 1;
    const windows = Array.from({ length: fullLength * m }, (_, i) => Math.floor(i / m) + (i % m));
    const full = tf.reshape(tf.matMul(tf.reshape(gatherAxis(padded, tf.tensor1d(windows, 'int32'), 0), [fullLength, m]), tf.reshape(v, [m, 1])), [fullLength]);
    const length = mode === 'full' ? fullLength : mode === 'same' ? n : Math.max(n, m) - Math.min(n, m) + 1;
    const out = tf.slice(full, [Math.floor((fullLength - length) / 2)], [length]);
    // Keras's torch backend squeezes its result: a correlation of length 1 is a scalar.
    return length === 1 ? tf.reshape(out, []) : out;
  });
});
