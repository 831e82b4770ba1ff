// keras.ops.numpy's joining ops: concatenate, stack and their h/v/d forms, append. Inputs are promoted to one
// dtype with Keras's rules first.
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type TensorLike, toTensor } from '../core/tensor-like';

function promoteAll(op: string, xs: TensorLike[]): tf.Tensor[] {
  if (!Array.isArray(xs) || xs.length === 0) throw new RangeError(`ops.${op} expects a non-empty list of tensors; received ${xs}.`);
  const dtype = resultType(...xs);
  return xs.map((x) => toTensor(x, dtype));
}

function join(op: string, xs: tf.Tensor[], axis: number): tf.Tensor {
  const rank = xs[0].rank;
  const resolved = normalizeAxis(axis, rank);
  for (const x of xs) {
    const fits = x.rank === rank && x.shape.every((dim, i) => i === resolved || dim === xs[0].shape[i]);
    if (!fits) {
      throw new RangeError(`ops.${op}: shapes ${xs.map((t) => `[${t.shape.join(', ')}]`).join(', ')} differ outside axis ${axis}.`);
    }
  }
  return xs.length === 1 ? xs[0].clone() : tf.concat(xs, resolved);
}

export interface AxisOptions {
  axis?: number;
}

/** `ops.concatenate(xs, {axis})`: joins along an existing axis (0 by default). */
export const concatenate = /* @__PURE__ */ defineOp({ name: 'concatenate', module: 'numpy' }, function concatenate(xs: TensorLike[], options: AxisOptions = {}): tf.Tensor {
  return tf.tidy(() => join('concatenate', promoteAll('concatenate', xs), options.axis ?? 0));
});

/** `ops.stack(x, {axis})`: joins tensors of one shape along a new axis (0 by default). */
export const stack = /* @__PURE__ */ defineOp({ name: 'stack', module: 'numpy' }, function stack(x: TensorLike[], options: AxisOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const xs = promoteAll('stack', x);
    const axis = normalizeAxis(options.axis ?? 0, xs[0].rank + 1);
    for (const t of xs) {
      if (t.shape.join() !== xs[0].shape.join()) throw new RangeError(`ops.stack expects tensors of one shape; received ${xs.map((s) => `[${s.shape.join(', ')}]`).join(', ')}.`);
    }
    return join('stack', xs.map((t) => tf.expandDims(t, axis)), axis);
  });
});

function atLeast(x: tf.Tensor, rank: 1 | 2 | 3): tf.Tensor {
  if (x.rank >= rank) return x;
  if (rank === 3) return x.rank === 2 ? tf.expandDims(x, 2) : tf.reshape(x, [1, x.size, 1]);
  return tf.reshape(x, [...new Array(rank - x.rank).fill(1), ...x.shape]);
}

/** `ops.hstack(xs)`: joins along axis 1, or axis 0 for vectors. */
export const hstack = /* @__PURE__ */ defineOp({ name: 'hstack', module: 'numpy' }, function hstack(xs: TensorLike[]): tf.Tensor {
  return tf.tidy(() => {
    const tensors = promoteAll('hstack', xs).map((x) => atLeast(x, 1));
    return join('hstack', tensors, tensors[0].rank === 1 ? 0 : 1);
  });
});

/** `ops.vstack(xs)`: joins along axis 0, vectors becoming rows. */
export const vstack = /* @__PURE__ */ defineOp({ name: 'vstack', module: 'numpy' }, function vstack(xs: TensorLike[]): tf.Tensor {
  return tf.tidy(() => join('vstack', promoteAll('vstack', xs).map((x) => atLeast(x, 2)), 0));
});

/** `ops.dstack(xs)`: joins along axis 2, vectors of n becoming [1, n, 1] and matrices [m, n, 1]. */
export const dstack = /* @__PURE__ */ defineOp({ name: 'dstack', module: 'numpy' }, function dstack(xs: TensorLike[]): tf.Tensor {
  return tf.tidy(() => join('dstack', promoteAll('dstack', xs).map((x) => atLeast(x, 3)), 2));
});

export interface AppendOptions {
  /** Axis to join along; null (the default) flattens both inputs first. */
  axis?: number | null;
}

/** `ops.append(x1, x2, {axis})`: x2 joined after x1, both flattened when axis is null. */
export const append = /* @__PURE__ */ defineOp({ name: 'append', module: 'numpy' }, function append(x1: TensorLike, x2: TensorLike, options: AppendOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const [a, b] = promoteAll('append', [x1, x2]);
    if (options.axis === undefined || options.axis === null) return tf.concat([tf.reshape(a, [-1]), tf.reshape(b, [-1])], 0);
    return join('append', [a, b], options.axis);
  });
});
