// keras.ops.numpy's rearranging ops: flip, fliplr, flipud, roll, rot90, repeat and tile.
import * as tf from '@tensorflow/tfjs-core';
import { type Axis, normalizeAxes, normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { gatherAxis } from './array-helpers';

function reverse(x: tf.Tensor, axes: number[]): tf.Tensor {
  if (axes.length === 0 || x.size === 0) return x.clone();
  // tfjs reverses bool tensors poorly on some backends; go through int32 and back.
  if (x.dtype === 'bool') return tf.cast(tf.reverse(tf.cast(x, 'int32'), axes), 'bool');
  return tf.reverse(x, axes);
}

export interface FlipOptions {
  /** Axis or axes to reverse; null (the default) reverses all of them. */
  axis?: Axis;
}

/** `ops.flip(x, {axis})`: reverses the order of elements along the given axes (all by default). */
export const flip = /* @__PURE__ */ defineOp({ name: 'flip', module: 'numpy' }, function flip(x: TensorLike, options: FlipOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    return reverse(tensor, normalizeAxes(options.axis, tensor.rank));
  });
});

/** `ops.fliplr(x)`: reverses axis 1; x needs at least 2 dimensions. */
export const fliplr = /* @__PURE__ */ defineOp({ name: 'fliplr', module: 'numpy' }, function fliplr(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (tensor.rank < 2) throw new RangeError(`ops.fliplr expects a tensor of at least 2 dimensions; received shape [${tensor.shape.join(', ')}].`);
    return reverse(tensor, [1]);
  });
});

/** `ops.flipud(x)`: reverses axis 0; x needs at least 1 dimension. */
export const flipud = /* @__PURE__ */ defineOp({ name: 'flipud', module: 'numpy' }, function flipud(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (tensor.rank < 1) throw new RangeError('ops.flipud expects a tensor of at least 1 dimension; received a scalar.');
    return reverse(tensor, [0]);
  });
});

function rollAxis(x: tf.Tensor, shift: number, axis: number): tf.Tensor {
  const length = x.shape[axis];
  const amount = length === 0 ? 0 : ((shift % length) + length) % length;
  if (amount === 0) return x;
  const begin = x.shape.map(() => 0);
  const tail = tf.slice(x, begin.map((b, d) => (d === axis ? length - amount : b)), x.shape.map((dim, d) => (d === axis ? amount : dim)));
  const head = tf.slice(x, begin, x.shape.map((dim, d) => (d === axis ? length - amount : dim)));
  return tf.concat([tail, head], axis);
}

export interface RollOptions {
  /** Axis or axes to roll along (paired with `shift`); null (the default) rolls the flattened tensor. */
  axis?: number | number[] | null;
}

/** `ops.roll(x, shift, {axis})`: elements shifted along axes, those past the end coming back at the start. */
export const roll = /* @__PURE__ */ defineOp({ name: 'roll', module: 'numpy' }, function roll(x: TensorLike, shift: number | number[], options: RollOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (options.axis === undefined || options.axis === null) {
      if (Array.isArray(shift)) throw new TypeError(`ops.roll without an axis expects one shift; received ${JSON.stringify(shift)}.`);
      return tf.reshape(rollAxis(tf.reshape(tensor, [-1]), shift, 0), tensor.shape).clone();
    }
    const axes = (Array.isArray(options.axis) ? options.axis : [options.axis]).map((a) => normalizeAxis(a, tensor.rank));
    const shifts = Array.isArray(shift) ? shift : axes.map(() => shift);
    if (shifts.length !== axes.length) throw new RangeError(`ops.roll expects one shift per axis; received ${shifts.length} shifts for ${axes.length} axes.`);
    let out = tensor;
    axes.forEach((axis, i) => {
      out = rollAxis(out, shifts[i], axis);
    });
    return out === tensor ? tensor.clone() : out;
  });
});

export interface Rot90Options {
  /** Number of quarter turns, counterclockwise from the first axis towards the second. Default 1. */
  k?: number;
  /** The plane of rotation. Default [0, 1]. */
  axes?: [number, number];
}

/** `ops.rot90(array, {k, axes})`: rotates by k quarter turns in the plane of `axes`. */
export const rot90 = /* @__PURE__ */ defineOp({ name: 'rot90', module: 'numpy' }, function rot90(array: TensorLike, options: Rot90Options = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(array);
    const axes = options.axes ?? [0, 1];
    if (tensor.rank < 2) throw new RangeError(`ops.rot90 expects a tensor of at least 2 dimensions; received shape [${tensor.shape.join(', ')}].`);
    if (axes.length !== 2) throw new RangeError(`ops.rot90 expects two axes; received ${JSON.stringify(axes)}.`);
    const [a, b] = axes.map((axis) => normalizeAxis(axis, tensor.rank));
    if (a === b) throw new RangeError(`ops.rot90 expects two different axes; received ${JSON.stringify(axes)}.`);
    const k = (((options.k ?? 1) % 4) + 4) % 4;
    const perm = Array.from({ length: tensor.rank }, (_, i) => i);
    [perm[a], perm[b]] = [perm[b], perm[a]];
    if (k === 0) return tensor.clone();
    if (k === 2) return reverse(tensor, [a, b]);
    if (k === 1) return tf.transpose(reverse(tensor, [b]), perm);
    return reverse(tf.transpose(tensor, perm), [b]);
  });
});

export interface RepeatOptions {
  /** Axis to repeat along; null (the default) repeats the flattened tensor. */
  axis?: number | null;
}

/**
 * `ops.repeat(x, repeats, {axis})`: each element repeated `repeats` times (one count, or one per element along
 * the axis). Per-element counts given as a tensor are read on the host: they decide the output's shape.
 */
export const repeat = /* @__PURE__ */ defineOp({ name: 'repeat', module: 'numpy' }, function repeat(x: TensorLike, repeats: number | number[] | tf.Tensor, options: RepeatOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    let tensor = toTensor(x);
    let axis = 0;
    if (options.axis === undefined || options.axis === null) tensor = tf.reshape(tensor, [-1]);
    else axis = normalizeAxis(options.axis, tensor.rank);
    const length = tensor.shape[axis];
    const given = typeof repeats === 'number' ? [repeats] : Array.from(repeats instanceof tf.Tensor ? repeats.dataSync() : repeats, Number);
    const counts = given.length === 1 ? new Array<number>(length).fill(given[0]) : given;
    if (counts.length !== length || counts.some((count) => !Number.isInteger(count) || count < 0)) {
      throw new RangeError(`ops.repeat expects one non-negative count or ${length} of them; received ${JSON.stringify(typeof repeats === 'number' ? repeats : counts)}.`);
    }
    const indices: number[] = [];
    counts.forEach((count, i) => {
      for (let r = 0; r < count; r++) indices.push(i);
    });
    return gatherAxis(tensor, tf.tensor1d(indices, 'int32'), axis);
  });
});

/** `ops.tile(x, repeats)`: x repeated along each axis; shorter `repeats` count from the last axis, longer ones add axes. */
export const tile = /* @__PURE__ */ defineOp({ name: 'tile', module: 'numpy' }, function tile(x: TensorLike, repeats: number | number[]): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const reps = typeof repeats === 'number' ? [repeats] : Array.from(repeats);
    if (reps.some((r) => !Number.isInteger(r) || r < 0)) throw new RangeError(`ops.tile expects non-negative integer repeats; received ${JSON.stringify(repeats)}.`);
    const rank = Math.max(reps.length, tensor.rank);
    const full = [...new Array<number>(rank - reps.length).fill(1), ...reps];
    const shaped = tf.reshape(tensor, [...new Array<number>(rank - tensor.rank).fill(1), ...tensor.shape]);
    const source = shaped.dtype === 'bool' ? tf.cast(shaped, 'int32') : shaped;
    const tiled = tf.tile(source, full);
    return shaped.dtype === 'bool' ? tf.cast(tiled, 'bool') : tiled;
  });
});
