import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';

/** Start indices as JavaScript numbers: they decide the output's shape, so a tensor of them is read from the device. */
function readIndices(startIndices: TensorLike | number[], rank: number, op: string): number[] {
  const values = startIndices instanceof tf.Tensor ? Array.from(startIndices.dataSync(), Number) : (startIndices as unknown[]).map((v) => Number(v instanceof tf.Tensor ? v.dataSync()[0] : v));
  if (values.length !== rank) throw new RangeError(`ops.${op}: start_indices needs one index per dimension (${rank}); received ${values.length}.`);
  return values;
}

/** Python's `x[start:stop]` bounds for one dimension: negative bounds count from the end, then both are clamped. */
function pythonRange(start: number, stop: number, size: number): [number, number] {
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
  const begin = clamp(start);
  return [begin, Math.max(clamp(stop), begin)];
}

/**
 * `ops.slice(inputs, startIndices, shape)`: the block of `shape` starting at `startIndices`. As Keras's torch
 * backend slices with Python ranges, a block running past the end is cut short rather than refused.
 */
export const slice = /* @__PURE__ */ defineOp({ name: 'slice', module: 'core' }, function slice(inputs: TensorLike, startIndices: TensorLike | number[], shape: number[]): tf.Tensor {
  return tf.tidy(() => {
    const x = toTensor(inputs);
    const starts = readIndices(startIndices, x.rank, 'slice');
    if (shape.length !== x.rank) throw new RangeError(`ops.slice: shape needs one size per dimension (${x.rank}); received [${shape}].`);
    const ranges = starts.map((start, i) => pythonRange(start, start + shape[i], x.shape[i]));
    return tf.slice(
      x,
      ranges.map(([begin]) => begin),
      ranges.map(([begin, end]) => end - begin),
    );
  });
});

/** `x` with `block` written at `begins`, for any dtype (a mask selects the block, padded to x's shape). */
function placeBlock(x: tf.Tensor, block: tf.Tensor, begins: number[]): tf.Tensor {
  const padding = block.shape.map((size, i) => [begins[i], x.shape[i] - begins[i] - size] as [number, number]);
  const mask = tf.cast(tf.pad(tf.ones(block.shape, 'int32'), padding), 'bool');
  const padded = block.dtype === 'bool' ? tf.cast(tf.pad(tf.cast(block, 'int32'), padding), 'bool') : tf.pad(block, padding);
  return tf.where(mask, padded, x);
}

/** `ops.sliceUpdate(inputs, startIndices, updates)`: a copy of `inputs` with the block at `startIndices` replaced by `updates`. */
export const sliceUpdate = /* @__PURE__ */ defineOp({ name: 'slice_update', module: 'core' }, function sliceUpdate(
  inputs: TensorLike,
  startIndices: TensorLike | number[],
  updates: TensorLike,
): tf.Tensor {
  return tf.tidy(() => {
    const x = toTensor(inputs);
    const block = toTensor(updates, x.dtype);
    const starts = readIndices(startIndices, x.rank, 'sliceUpdate');
    if (block.rank !== x.rank) throw new RangeError(`ops.sliceUpdate: updates must have the rank of inputs (${x.rank}); received shape [${block.shape}].`);
    const ranges = starts.map((start, i) => pythonRange(start, start + block.shape[i], x.shape[i]));
    if (ranges.some(([begin, end], i) => end - begin !== block.shape[i])) {
      throw new RangeError(`ops.sliceUpdate: updates of shape [${block.shape}] at [${starts}] do not fit in inputs of shape [${x.shape}].`);
    }
    return placeBlock(x, block, ranges.map(([begin]) => begin));
  });
});

/** Indices `[..., k]` as int32 rows `[n, k]`, negative entries counted from the end of their dimension. */
function indexRows(indices: TensorLike, shape: number[], op: string): tf.Tensor2D {
  const raw = toTensor(indices, 'int32');
  const k = raw.shape[raw.rank - 1];
  if (raw.rank === 0 || k > shape.length) throw new RangeError(`ops.${op}: indices must end in a dimension of at most ${shape.length}; received shape [${raw.shape}].`);
  const rows = tf.reshape(raw, [-1, k]) as tf.Tensor2D;
  const sizes = tf.tensor1d(shape.slice(0, k), 'int32');
  return tf.where(tf.less(rows, 0), tf.add(rows, sizes), rows) as tf.Tensor2D;
}

/**
 * `ops.scatter(indices, values, shape)`: zeros of `shape` with `values` added at `indices` (index rows of
 * length k address slices of rank `shape.length - k`). Repeated indices add up, as in Keras's torch backend.
 */
export const scatter = /* @__PURE__ */ defineOp({ name: 'scatter', module: 'core' }, function scatter(indices: TensorLike, values: TensorLike, shape: number[]): tf.Tensor {
  return tf.tidy(() => {
    const outShape = [...shape];
    const rows = indexRows(indices, outShape, 'scatter');
    const v = toTensor(values);
    const sliceShape = outShape.slice(rows.shape[1]);
    const flat = tf.reshape(v.dtype === 'bool' ? tf.cast(v, 'int32') : v, [rows.shape[0], ...sliceShape]);
    const result = tf.scatterND(rows, flat, outShape);
    return v.dtype === 'bool' ? tf.cast(result, 'bool') : result;
  });
});

export interface ScatterUpdateOptions {
  /** How repeated indices combine: null (the last update wins), 'add', 'max', 'min' or 'mul'. Default null. */
  reduction?: 'add' | 'max' | 'min' | 'mul' | null;
}

/**
 * `ops.scatterUpdate(inputs, indices, updates, { reduction })`: a copy of `inputs` with `updates` written at
 * `indices` (rows of length k address slices of rank `inputs.rank - k`), or combined with the old values.
 */
export const scatterUpdate = /* @__PURE__ */ defineOp({ name: 'scatter_update', module: 'core' }, function scatterUpdate(
  inputs: TensorLike,
  indices: TensorLike,
  updates: TensorLike,
  options: ScatterUpdateOptions = {},
): tf.Tensor {
  const reduction = options.reduction == null ? null : String(options.reduction).toLowerCase();
  if (reduction !== null && !['add', 'max', 'min', 'mul'].includes(reduction)) {
    throw new RangeError(`ops.scatterUpdate: invalid reduction "${options.reduction}"; expected null, 'add', 'max', 'min' or 'mul'.`);
  }
  return tf.tidy(() => {
    const x = toTensor(inputs);
    const rows = indexRows(indices, x.shape, 'scatterUpdate');
    const sliceShape = x.shape.slice(rows.shape[1]);
    const count = rows.shape[0];
    const isBool = x.dtype === 'bool';
    const base = isBool ? tf.cast(x, 'int32') : x;
    const values = tf.reshape(toTensor(updates, base.dtype), [count, ...sliceShape]);
    let result: tf.Tensor;
    if (reduction === null) result = tf.tensorScatterUpdate(base, rows, values);
    else if (reduction === 'add') result = tf.add(base, tf.scatterND(rows, values, base.shape));
    else {
      // max, min and mul fold one update at a time, so that repeated indices combine in order.
      const combine = reduction === 'max' ? tf.maximum : reduction === 'min' ? tf.minimum : tf.mul;
      result = base;
      const rowList = count === 0 ? [] : tf.split(rows, count, 0);
      const valueList = count === 0 ? [] : tf.split(values, count, 0);
      for (let i = 0; i < count; i++) {
        const old = tf.gatherND(result, rowList[i]);
        result = tf.tensorScatterUpdate(result, rowList[i], combine(old, valueList[i]));
      }
    }
    return isBool ? tf.cast(result, 'bool') : result;
  });
});

export interface UnstackOptions {
  /** The length of the axis; inferred (and, as in Keras's torch backend, not checked). */
  num?: number | null;
  /** The axis to unpack. Default 0. */
  axis?: number;
}

/** `ops.unstack(x, { num, axis })`: the slices of `x` along `axis`, as an array of tensors one rank lower. */
export const unstack = /* @__PURE__ */ defineOp({ name: 'unstack', module: 'core' }, function unstack(x: TensorLike, options: UnstackOptions = {}): tf.Tensor[] {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    return tf.unstack(tensor, normalizeAxis(options.axis ?? 0, tensor.rank));
  });
});
