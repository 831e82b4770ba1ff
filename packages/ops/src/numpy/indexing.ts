// keras.ops.numpy's indexing ops: take, take_along_axis, where, select, nonzero and unravel_index.
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { broadcastShapes, castTo, gatherAxis, isOptions, moveAxisPermutation, invertPermutation } from './array-helpers';

/** Indices as int32, negative ones counted from the end of an axis of `length`. */
function wrapIndices(indices: TensorLike, length: number): tf.Tensor {
  const index = toTensor(indices, 'int32');
  return tf.where(tf.less(index, 0), tf.add(index, tf.scalar(length, 'int32')), index);
}

/**
 * `tf.where` of broadcast operands whose gradient flows to `a` and `b` only. The condition is captured, not an input
 * of the recorded node, so a condition computed from differentiated values (`where(x > 0, x, 0)`) keeps its
 * comparison (which has no gradient in tfjs) off the tape.
 */
export function select2(cond: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  // Bool operands go through int32: tfjs's wasm Select reads bool tensors out of bounds.
  if (a.dtype === 'bool') return tf.cast(tf.where(cond, tf.cast(a, 'int32'), tf.cast(b, 'int32')), 'bool');
  if (a.dtype !== 'float32') return tf.where(cond, a, b);
  return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [onTrue, onFalse, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([cond]);
    return {
      value: tf.where(cond, onTrue, onFalse),
      gradFunc: (dy: tf.Tensor, [kept]: tf.Tensor[]) => [tf.where(kept, dy, tf.zerosLike(dy)), tf.where(kept, tf.zerosLike(dy), dy)],
    };
  })(a, b);
}

export interface TakeOptions {
  /** Axis to take along; null (the default) takes from the flattened tensor. */
  axis?: number | null;
}

/** `ops.take(x, indices, {axis})`: slices of x at `indices` along an axis; the result has indices' shape there. */
export const take = /* @__PURE__ */ defineOp({ name: 'take', module: 'numpy' }, function take(x: TensorLike, indices: TensorLike, options: TakeOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    let tensor = toTensor(x);
    let axis = 0;
    if (options.axis === undefined || options.axis === null) tensor = tf.reshape(tensor, [-1]);
    else axis = normalizeAxis(options.axis, tensor.rank);
    return gatherAxis(tensor, wrapIndices(indices, tensor.shape[axis]), axis);
  });
});

/** Elements of `x` ([...batch, n]) at `indices` ([...batch, m]) along the last axis, batch shapes broadcast. */
export function gatherLast(x: tf.Tensor, indices: tf.Tensor): tf.Tensor {
  const batch = broadcastShapes(x.shape.slice(0, -1), indices.shape.slice(0, -1), 'take_along_axis');
  const n = x.shape[x.rank - 1];
  const m = indices.shape[indices.rank - 1];
  const rows = batch.reduce((p, d) => p * d, 1);
  const flatX = tf.reshape(tf.broadcastTo(x, [...batch, n]), [rows * n]);
  const flatIndices = tf.reshape(tf.broadcastTo(indices, [...batch, m]), [rows, m]);
  const offsets = tf.reshape(tf.mul(tf.range(0, rows, 1, 'int32'), tf.scalar(n, 'int32')), [rows, 1]);
  return tf.reshape(gatherAxis(flatX, tf.add(flatIndices, offsets), 0), [...batch, m]);
}

/**
 * `ops.take_along_axis(x, indices, {axis})`: x's elements at `indices` along an axis, other axes broadcast
 * between the two. Axis null reads the flattened x.
 */
export const takeAlongAxis = /* @__PURE__ */ defineOp({ name: 'take_along_axis', module: 'numpy' }, function takeAlongAxis(x: TensorLike, indices: TensorLike, options: TakeOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (options.axis === undefined || options.axis === null) {
      return gatherAxis(tf.reshape(tensor, [-1]), tf.reshape(wrapIndices(indices, tensor.size), [-1]), 0);
    }
    const axis = normalizeAxis(options.axis, tensor.rank);
    const index = wrapIndices(indices, tensor.shape[axis]);
    if (index.rank !== tensor.rank) {
      throw new RangeError(`ops.take_along_axis expects indices of x's rank ${tensor.rank}; received shape [${index.shape.join(', ')}].`);
    }
    const perm = moveAxisPermutation(tensor.rank, axis, tensor.rank - 1);
    const out = gatherLast(tf.transpose(tensor, perm), tf.transpose(index, perm));
    return tf.transpose(out, invertPermutation(perm));
  });
});

/** `ops.nonzero(x)`: the indices of x's non-zero elements as an int32 tensor of shape [rank, count]. */
export const nonzero = /* @__PURE__ */ defineOp({ name: 'nonzero', module: 'numpy' }, function nonzero(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    // The result's shape depends on the values, so they are read on the host.
    const values = tensor.dataSync() as ArrayLike<number>;
    const strides = tensor.shape.map((_, i) => tensor.shape.slice(i + 1).reduce((p, d) => p * d, 1));
    const hits: number[] = [];
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) hits.push(i);
    const out = new Int32Array(tensor.rank * hits.length);
    hits.forEach((flat, j) => {
      strides.forEach((stride, axis) => {
        out[axis * hits.length + j] = Math.floor(flat / stride) % tensor.shape[axis];
      });
    });
    return tf.tensor(out, [tensor.rank, hits.length], 'int32');
  });
});

/**
 * `ops.where(condition, x1, x2)`: x1 where condition holds, else x2, all broadcast, in their Keras result dtype.
 * With only a condition, the indices where it holds (as `nonzero`). Options `{x1, x2}` are accepted too.
 */
export const where = /* @__PURE__ */ defineOp({ name: 'where', module: 'numpy' }, function where(condition: TensorLike, x1?: TensorLike | { x1?: TensorLike | null; x2?: TensorLike | null } | null, x2?: TensorLike | null): tf.Tensor {
  let first = x1 as TensorLike | null | undefined;
  let second = x2;
  if (isOptions(x1)) [first, second] = [x1.x1, x1.x2];
  if ((first === undefined || first === null) !== (second === undefined || second === null)) {
    throw new TypeError('ops.where expects both x1 and x2, or neither; received only one.');
  }
  if (first === undefined || first === null || second === undefined || second === null) return nonzero(condition);
  const [a, b] = [first, second];
  return tf.tidy(() => {
    const dtype = resultType(a, b);
    const cond = castTo(toTensor(condition), 'bool');
    const left = toTensor(a, dtype);
    const right = toTensor(b, dtype);
    const shape = broadcastShapes(broadcastShapes(cond.shape, left.shape, 'where'), right.shape, 'where');
    return select2(tf.broadcastTo(cond, shape), tf.broadcastTo(left, shape), tf.broadcastTo(right, shape));
  });
});

export interface SelectOptions {
  /** The value where no condition holds. Default 0. */
  default?: TensorLike;
}

/** `ops.select(condlist, choicelist, {default})`: at each element, the choice of the first condition that holds. */
export const select = /* @__PURE__ */ defineOp({ name: 'select', module: 'numpy' }, function select(condlist: TensorLike[], choicelist: TensorLike[], options: SelectOptions = {}): tf.Tensor {
  if (condlist.length !== choicelist.length || condlist.length === 0) {
    throw new RangeError(`ops.select expects as many conditions as choices, at least one; received ${condlist.length} and ${choicelist.length}.`);
  }
  const fallback = options.default ?? 0;
  return tf.tidy(() => {
    const dtype = resultType(...choicelist, fallback);
    let out = toTensor(fallback, dtype);
    for (let i = condlist.length - 1; i >= 0; i--) {
      const cond = castTo(toTensor(condlist[i]), 'bool');
      const choice = toTensor(choicelist[i], dtype);
      const shape = broadcastShapes(broadcastShapes(cond.shape, choice.shape, 'select'), out.shape, 'select');
      out = select2(tf.broadcastTo(cond, shape), tf.broadcastTo(choice, shape), tf.broadcastTo(out, shape));
    }
    return out.clone();
  });
});

/** `ops.unravel_index(indices, shape)`: flat indices as one coordinate tensor per axis of `shape`. */
export const unravelIndex = /* @__PURE__ */ defineOp({ name: 'unravel_index', module: 'numpy' }, function unravelIndex(indices: TensorLike, shape: number[]): tf.Tensor[] {
  return tf.tidy(() => {
    const flat = toTensor(indices);
    const dtype = flat.dtype === 'float32' ? 'float32' : 'int32';
    let rest = castTo(flat, 'int32');
    const coordinates: tf.Tensor[] = [];
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      const dim = tf.scalar(shape[axis], 'int32');
      coordinates.unshift(castTo(tf.mod(rest, dim), dtype));
      rest = tf.floorDiv(rest, dim);
    }
    return coordinates;
  });
});
