import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, isTensorLike, toTensor } from '../core/tensor-like';
import { flatten, mapStructure, packSequenceAs, tensorsIn } from './tree';

export interface ScanOptions {
  /** Number of steps when `xs` is null; otherwise must equal the leading dimension of `xs`. */
  length?: number | null;
  /** Scan from the last element to the first (the stacked `ys` stay in the order of `xs`). Default false. */
  reverse?: boolean;
  /** Keras's unrolling hint: a positive integer or a boolean; eager execution has nothing to unroll. Default 1. */
  unroll?: number | boolean;
}

function disposeAllBut(tensors: Iterable<tf.Tensor>, keep: Set<tf.Tensor>): void {
  for (const tensor of new Set(tensors)) if (!keep.has(tensor) && !tensor.isDisposed) tensor.dispose();
}

/**
 * `ops.scan(f, init, xs, { length, reverse, unroll })`: `[carry, y] = f(carry, x)` for each slice `x` of `xs`
 * along its first axis, returning `[finalCarry, stackedYs]`. `init` and `xs` may be nested arrays or objects of
 * tensors; `f` receives them in the same shape. When `f` returns a null `y`, the `ys` are zeros shaped like
 * `init`, as in Keras's torch backend.
 */
export const scan = /* @__PURE__ */ defineOp({ name: 'scan', module: 'core' }, function scan(
  f: (carry: any, x: any) => [unknown, unknown],
  init: unknown,
  xs: unknown = null,
  options: ScanOptions = {},
): [any, any] {
  if (typeof f !== 'function') throw new TypeError(`ops.scan: f must be a function; received ${String(f)}.`);
  const { length = null, reverse = false, unroll = 1 } = options;
  if (typeof unroll !== 'boolean' && (!Number.isInteger(unroll) || unroll < 1)) {
    throw new RangeError(`ops.scan: unroll must be a positive integer or a boolean; received ${unroll}.`);
  }
  if ((xs === null || xs === undefined) && (length === null || length === undefined)) {
    throw new TypeError('ops.scan: got no xs to scan over and no length.');
  }
  const callerTensors = new Set([...tensorsIn(init), ...tensorsIn(xs)]);
  const owned: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(tensor: T): T => {
    if (!callerTensors.has(tensor)) owned.push(tensor);
    return tensor;
  };
  const hasXs = xs !== null && xs !== undefined;
  const xsFlat = hasXs ? flatten(xs).map((leaf) => own(toTensor(leaf as TensorLike))) : [];
  const steps = length ?? xsFlat[0].shape[0];
  for (const x of xsFlat) {
    if (x.rank === 0 || x.shape[0] !== steps) throw new RangeError(`ops.scan: every xs must have ${steps} rows along its first axis; received shape [${x.shape}].`);
  }
  const slices = xsFlat.map((x) => tf.unstack(x).map(own));
  let carry = mapStructure((leaf) => (isTensorLike(leaf) ? own(toTensor(leaf as TensorLike)) : leaf), init);
  const initLeaves = tensorsIn(carry);
  const ys: unknown[] = [];
  const order = Array.from({ length: steps }, (_, i) => (reverse ? steps - 1 - i : i));
  try {
    for (const i of order) {
      const x = hasXs ? packSequenceAs(xs, slices.map((rows) => rows[i])) : null;
      const previous = carry;
      const [next, y] = tf.tidy(() => f(previous, x) as any) as [unknown, unknown];
      for (const tensor of [...tensorsIn(next), ...tensorsIn(y)]) own(tensor);
      carry = next;
      ys.push(y ?? initLeaves.map((leaf) => own(tf.zerosLike(leaf))));
    }
    if (reverse) ys.reverse();
    if (ys.length === 0) throw new RangeError('ops.scan: cannot stack the ys of a scan with no steps.');
    const stacked = mapStructure((...rows: tf.Tensor[]) => tf.stack(rows), ...ys);
    disposeAllBut(owned, new Set([...tensorsIn(carry), ...tensorsIn(stacked)]));
    return [carry, stacked];
  } catch (error) {
    disposeAllBut(owned, new Set());
    throw error;
  }
});

/** `ops.map(f, xs)`: `f` applied to each slice of `xs` along its first axis, the results stacked (nested outputs allowed). */
export const map = /* @__PURE__ */ defineOp({ name: 'map', module: 'core' }, function map(f: (x: any) => unknown, xs: unknown): any {
  return scan((_carry: unknown, x: unknown) => [[], f(x)], [], xs)[1];
});

/**
 * `ops.vectorizedMap(fn, elements)`: `fn` over the first axis of `elements`, results stacked. Keras's torch
 * backend vectorizes with `torch.vmap`; Strata calls `fn` once per slice, which gives the same values.
 */
export const vectorizedMap = /* @__PURE__ */ defineOp({ name: 'vectorized_map', module: 'core' }, function vectorizedMap(
  fn: (x: any) => unknown,
  elements: unknown,
): any {
  return map(fn, elements);
});

export interface AssociativeScanOptions {
  /** Scan from the end. Default false. */
  reverse?: boolean;
  /** The axis to scan along. Default 0. */
  axis?: number;
}

function everyOther(tensor: tf.Tensor, start: number, end: number, stride: number, axis: number): tf.Tensor {
  const indices: number[] = [];
  for (let i = start; i < end; i += stride) indices.push(i);
  return tf.gather(tensor, tf.tensor1d(indices, 'int32'), axis);
}

/** Interleaves `a` (n or n+1 long) and `b` (n long) along `axis`: a0 b0 a1 b1 ... */
function interleave(a: tf.Tensor, b: tf.Tensor, axis: number): tf.Tensor {
  const extra = a.shape[axis] - b.shape[axis];
  const paddedB = extra === 1 ? tf.concat([b, tf.zerosLike(everyOther(a, 0, 1, 1, axis))], axis) : b;
  const shape = [...a.shape];
  shape[axis] = a.shape[axis] * 2;
  const woven = tf.reshape(tf.stack([a, paddedB], axis + 1), shape);
  return extra === 1 ? everyOther(woven, 0, shape[axis] - 1, 1, axis) : woven;
}

/**
 * `ops.associativeScan(f, elems, { reverse, axis })`: the inclusive prefix "sum" of `elems` under an associative
 * `f`, computed with the same recursive odd/even scheme as Keras (so `f` sees the same groupings and float results
 * agree). `f(a, b)` receives slices with the scanned axis kept and must act elementwise along it.
 */
export const associativeScan = /* @__PURE__ */ defineOp({ name: 'associative_scan', module: 'core' }, function associativeScan(
  f: (a: any, b: any) => unknown,
  elems: unknown,
  options: AssociativeScanOptions = {},
): any {
  if (typeof f !== 'function') throw new TypeError(`ops.associativeScan: f must be a function; received ${String(f)}.`);
  return tf.tidy(() => {
    let flat = flatten(elems).map((leaf) => toTensor(leaf as TensorLike));
    const axis = normalizeAxis(options.axis ?? 0, flat[0].rank);
    const count = flat[0].shape[axis];
    if (flat.some((t) => t.shape[axis] !== count)) {
      throw new RangeError(`ops.associativeScan: every element must have ${count} entries along axis ${axis}; received shapes ${flat.map((t) => `[${t.shape}]`).join(', ')}.`);
    }
    if (options.reverse) flat = flat.map((t) => tf.reverse(t, axis));
    const combine = (a: tf.Tensor[], b: tf.Tensor[]): tf.Tensor[] =>
      flatten(f(packSequenceAs(elems, a), packSequenceAs(elems, b))).map((leaf) => toTensor(leaf as TensorLike));
    const run = (items: tf.Tensor[]): tf.Tensor[] => {
      const n = items[0].shape[axis];
      if (n < 2) return items;
      const reduced = combine(
        items.map((t) => everyOther(t, 0, n - 1, 2, axis)),
        items.map((t) => everyOther(t, 1, n, 2, axis)),
      );
      const odd = run(reduced);
      const evenTail =
        n % 2 === 0
          ? combine(
              odd.map((t) => everyOther(t, 0, t.shape[axis] - 1, 1, axis)),
              items.map((t) => everyOther(t, 2, n, 2, axis)),
            )
          : combine(
              odd,
              items.map((t) => everyOther(t, 2, n, 2, axis)),
            );
      const even = items.map((t, i) => tf.concat([everyOther(t, 0, 1, 1, axis), evenTail[i]], axis));
      return even.map((t, i) => interleave(t, odd[i], axis));
    };
    let scanned = run(flat);
    if (options.reverse) scanned = scanned.map((t) => tf.reverse(t, axis));
    return packSequenceAs(elems, scanned);
  });
});
