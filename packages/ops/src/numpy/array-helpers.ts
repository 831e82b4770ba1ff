// Small shape and dtype helpers shared by the creation, shape, indexing and product families of keras.ops.numpy.
import * as tf from '@tensorflow/tfjs-core';
import { type OpsDtype, standardizeDtype } from '../core/tensor-like';

/** A shape as Keras takes it: one integer or a list of them. */
export type ShapeLike = number | number[];

/** The shape as a list of non-negative integers; refuses anything else with the op's name. */
export function toShape(shape: ShapeLike, op: string): number[] {
  const list = typeof shape === 'number' ? [shape] : Array.from(shape);
  for (const dim of list) {
    if (!Number.isInteger(dim) || dim < 0) {
      throw new TypeError(`ops.${op} expects a shape of non-negative integers; received ${JSON.stringify(shape)}.`);
    }
  }
  return list;
}

/** The tfjs dtype for an optional Keras dtype name, or `fallback` when none is given. */
export function dtypeOr(dtype: string | null | undefined, fallback: OpsDtype): OpsDtype {
  return dtype === undefined || dtype === null ? fallback : standardizeDtype(dtype);
}

/** `x` as `dtype`, reusing it when it already is. */
export function castTo(x: tf.Tensor, dtype: OpsDtype): tf.Tensor {
  return x.dtype === dtype ? x : tf.cast(x, dtype);
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** NumPy's broadcast of two shapes, or a RangeError naming the op and both shapes. */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(`ops.${op}: shapes [${a.join(', ')}] and [${b.join(', ')}] cannot be broadcast together.`);
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** The permutation that moves axis `from` to position `to` (both already resolved), keeping the others in order. */
export function moveAxisPermutation(rank: number, from: number, to: number): number[] {
  const rest = Array.from({ length: rank }, (_, i) => i).filter((i) => i !== from);
  rest.splice(to, 0, from);
  return rest;
}

/** The inverse of a permutation. */
export function invertPermutation(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length);
  perm.forEach((axis, i) => {
    inverse[axis] = i;
  });
  return inverse;
}

/** A tensor of `dtype` holding `values` (plain JavaScript numbers; booleans as 0/1). */
export function tensorOf(values: ArrayLike<number>, shape: number[], dtype: OpsDtype): tf.Tensor {
  if (dtype === 'bool') return tf.tensor(Uint8Array.from(values as ArrayLike<number>, (v) => (v ? 1 : 0)), shape, 'bool');
  if (dtype === 'int32') return tf.tensor(Int32Array.from(values), shape, 'int32');
  return tf.tensor(Float32Array.from(values), shape, 'float32');
}

/** True for a plain options object (not an array-like a tensor argument could be). */
export function isOptions(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof tf.Tensor) &&
    !ArrayBuffer.isView(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/**
 * `tf.gather` along `axis`, also for 0-d indices (which remove the axis) and for empty inputs or indices (which
 * tfjs's wasm gather gets wrong), whatever the axis.
 */
export function gatherAxis(x: tf.Tensor, indices: tf.Tensor, axis: number): tf.Tensor {
  const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  if (x.size === 0 || indices.size === 0) return tf.zeros(shape, x.dtype);
  return tf.reshape(tf.gather(x, tf.reshape(indices, [-1]), axis), shape);
}
