// keras.ops.numpy's unique: the distinct elements (or slices along an axis) of a tensor, with the optional first
// indices, inverse and counts. The result's size depends on the values, so they are read on the host.
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type OpsDtype, type TensorLike, toTensor } from '../core/tensor-like';
import { invertPermutation, moveAxisPermutation, tensorOf } from './array-helpers';

export interface UniqueOptions {
  /** Sort the unique elements ascending. Default true (Strata always sorts, as torch does on the CPU). */
  sorted?: boolean;
  /** Also return the index of each unique element's first occurrence. Default false. */
  returnIndex?: boolean;
  /** Also return, for each element of x, the index of its unique element. Default false. */
  returnInverse?: boolean;
  /** Also return how often each unique element occurs. Default false. */
  returnCounts?: boolean;
  /** Axis whose slices are the elements; null (the default) flattens x. */
  axis?: number | null;
  /** A fixed number of unique elements: fewer are padded (with `fillValue`), more are cut. */
  size?: number | null;
  /** The padding of the values when `size` exceeds their number. Default 0. */
  fillValue?: number | boolean | null;
}

/** Orders rows element by element, NaN after every number (torch and NumPy put NaN last). */
function compareRows(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) {
    const [nanA, nanB] = [Number.isNaN(a[i]), Number.isNaN(b[i])];
    if (nanA !== nanB) return nanA ? 1 : -1;
    if (!nanA && a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/** Rows are one unique element when every value is equal: each NaN is its own element, as in torch. */
function sameRow(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `ops.unique(x, {sorted, returnIndex, returnInverse, returnCounts, axis, size, fillValue})`: the unique values,
 * or `[values, index?, inverse?, counts?]` when any of those is asked for (indices and counts as int32). With
 * `size`, padded index entries are 1 and padded counts 0, as in Keras's torch backend.
 */
export const unique = /* @__PURE__ */ defineOp({ name: 'unique', module: 'numpy' }, function unique(x: TensorLike, options: UniqueOptions = {}): tf.Tensor | tf.Tensor[] {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const dtype = tensor.dtype as OpsDtype;
    const axis = options.axis === undefined || options.axis === null ? null : normalizeAxis(options.axis, tensor.rank);
    // Rows: the elements compared, each a run of numbers (one number when axis is null).
    const moved = axis === null ? tf.reshape(tensor, [-1, 1]) : tf.reshape(tf.transpose(tensor, moveAxisPermutation(tensor.rank, axis, 0)), [tensor.shape[axis], -1]);
    const [count, width] = moved.shape;
    const data = Array.from(moved.dataSync() as ArrayLike<number>, Number);
    const rows = Array.from({ length: count }, (_, i) => data.slice(i * width, (i + 1) * width));
    const order = rows.map((_, i) => i).sort((p, q) => compareRows(rows[p], rows[q]) || p - q);
    const firsts: number[] = [];
    const counts: number[] = [];
    const inverse = new Array<number>(count);
    for (const i of order) {
      if (firsts.length === 0 || !sameRow(rows[firsts[firsts.length - 1]], rows[i])) {
        firsts.push(i);
        counts.push(0);
      }
      counts[counts.length - 1]++;
      inverse[i] = firsts.length - 1;
    }
    let kept = firsts.length;
    const size = options.size ?? null;
    if (size !== null) kept = size;
    const valueRows = Array.from({ length: kept }, (_, u) =>
      u < firsts.length ? rows[firsts[u]] : new Array<number>(width).fill(Number(options.fillValue ?? 0)),
    );
    const restShape = axis === null ? [] : tensor.shape.filter((_, d) => d !== axis);
    let values = tensorOf(valueRows.flat(), [kept, ...restShape], dtype);
    if (axis !== null) values = tf.transpose(values, invertPermutation(moveAxisPermutation(tensor.rank, axis, 0)));
    const pad = (list: number[], fill: number) => Array.from({ length: kept }, (_, u) => (u < list.length ? list[u] : fill));
    const outputs: tf.Tensor[] = [values];
    if (options.returnIndex) outputs.push(tensorOf(pad(firsts, 1), [kept], 'int32'));
    if (options.returnInverse) outputs.push(tensorOf(inverse, axis === null ? tensor.shape : [count], 'int32'));
    if (options.returnCounts) outputs.push(tensorOf(pad(counts, 0), [kept], 'int32'));
    return outputs.length === 1 ? outputs[0] : outputs;
  });
});
