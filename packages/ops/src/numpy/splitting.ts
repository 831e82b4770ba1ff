// keras.ops.numpy's splitting ops: split, array_split and the h/v/d forms, each returning a list of tensors.
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';

/** A number of equal sections, or the sorted indices at which to cut (a list or a 1-D tensor). */
export type IndicesOrSections = number | number[] | tf.Tensor;

function cutPoints(op: string, length: number, indicesOrSections: IndicesOrSections, even: boolean): number[] {
  if (typeof indicesOrSections === 'number') {
    const sections = indicesOrSections;
    if (!Number.isInteger(sections) || sections <= 0) throw new RangeError(`ops.${op} expects a positive number of sections; received ${sections}.`);
    if (even && length % sections !== 0) {
      throw new RangeError(`ops.${op} cannot split an axis of length ${length} into ${sections} equal sections.`);
    }
    const base = Math.floor(length / sections);
    const extra = length % sections;
    const points: number[] = [];
    let at = 0;
    for (let i = 0; i < sections - 1; i++) {
      at += base + (i < extra ? 1 : 0);
      points.push(at);
    }
    return points;
  }
  // The cut points come from the caller as data: reading a tensor of them is reading an argument, not a result.
  const points = Array.from(indicesOrSections instanceof tf.Tensor ? indicesOrSections.dataSync() : indicesOrSections, Number);
  for (let i = 1; i < points.length; i++) {
    if (points[i] < points[i - 1]) throw new RangeError(`ops.${op} expects increasing split indices; received [${points.join(', ')}].`);
  }
  return points.map((point) => Math.min(Math.max(point < 0 ? point + length : point, 0), length));
}

function splitAlong(op: string, x: TensorLike, indicesOrSections: IndicesOrSections, axis: number, even: boolean): tf.Tensor[] {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const resolved = normalizeAxis(axis, tensor.rank);
    const length = tensor.shape[resolved];
    const bounds = [0, ...cutPoints(op, length, indicesOrSections, even), length];
    const pieces: tf.Tensor[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const begin = tensor.shape.map((_, d) => (d === resolved ? bounds[i] : 0));
      const size = tensor.shape.map((dim, d) => (d === resolved ? bounds[i + 1] - bounds[i] : dim));
      pieces.push(tf.slice(tensor, begin, size));
    }
    return pieces;
  });
}

export interface SplitOptions {
  axis?: number;
}

/** `ops.split(x, indicesOrSections, {axis})`: equal sections (the axis must divide evenly) or cuts at indices. */
export const split = /* @__PURE__ */ defineOp({ name: 'split', module: 'numpy' }, function split(x: TensorLike, indicesOrSections: IndicesOrSections, options: SplitOptions = {}): tf.Tensor[] {
  return splitAlong('split', x, indicesOrSections, options.axis ?? 0, true);
});

/** `ops.array_split(x, indicesOrSections, {axis})`: as split, but n sections need not be equal (the first are longer). */
export const arraySplit = /* @__PURE__ */ defineOp({ name: 'array_split', module: 'numpy' }, function arraySplit(x: TensorLike, indicesOrSections: IndicesOrSections, options: SplitOptions = {}): tf.Tensor[] {
  return splitAlong('array_split', x, indicesOrSections, options.axis ?? 0, false);
});

function rankOf(x: TensorLike): number {
  return x instanceof tf.Tensor ? x.rank : Array.isArray(x) ? toTensorRank(x) : 0;
}

function toTensorRank(x: TensorLike): number {
  const tensor = toTensor(x);
  const rank = tensor.rank;
  tensor.dispose();
  return rank;
}

function requireRank(op: string, x: TensorLike, rank: number): void {
  if (rankOf(x) < rank) throw new RangeError(`ops.${op} expects a tensor of at least ${rank} dimensions; received ${rankOf(x)}.`);
}

/** `ops.hsplit(x, indicesOrSections)`: splits along axis 1 (axis 0 for vectors). */
export const hsplit = /* @__PURE__ */ defineOp({ name: 'hsplit', module: 'numpy' }, function hsplit(x: TensorLike, indicesOrSections: IndicesOrSections): tf.Tensor[] {
  requireRank('hsplit', x, 1);
  return splitAlong('hsplit', x, indicesOrSections, rankOf(x) === 1 ? 0 : 1, true);
});

/** `ops.vsplit(x, indicesOrSections)`: splits along axis 0 of a tensor of 2 or more dimensions. */
export const vsplit = /* @__PURE__ */ defineOp({ name: 'vsplit', module: 'numpy' }, function vsplit(x: TensorLike, indicesOrSections: IndicesOrSections): tf.Tensor[] {
  requireRank('vsplit', x, 2);
  return splitAlong('vsplit', x, indicesOrSections, 0, true);
});

/** `ops.dsplit(x, indicesOrSections)`: splits along axis 2 of a tensor of 3 or more dimensions. */
export const dsplit = /* @__PURE__ */ defineOp({ name: 'dsplit', module: 'numpy' }, function dsplit(x: TensorLike, indicesOrSections: IndicesOrSections): tf.Tensor[] {
  requireRank('dsplit', x, 3);
  return splitAlong('dsplit', x, indicesOrSections, 2, true);
});
