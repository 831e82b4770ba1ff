// keras.ops.numpy's shape ops: the same values under a new shape or axis order (reshape, transpose, squeeze,
// expand_dims, moveaxis, swapaxes, ravel, broadcast_to), the shape queries ndim and size, and view.
import * as tf from '@tensorflow/tfjs-core';
import { type Axis, normalizeAxis, normalizeAxes } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, standardizeDtype, toTensor } from '../core/tensor-like';
import { sizeOf } from './array-helpers';

/** `tf.reshape(ops, x, newshape)`: one dimension may be -1, inferred from the others (not when they hold zero elements). */
export const reshape = /* @__PURE__ */ defineOp({ name: 'reshape', module: 'numpy' }, function reshape(x: TensorLike, newshape: number | number[]): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const shape = typeof newshape === 'number' ? [newshape] : Array.from(newshape);
    const unknown = shape.filter((dim) => dim === -1).length;
    const known = sizeOf(shape.filter((dim) => dim !== -1));
    const invalid = unknown > 1 || shape.some((dim) => !Number.isInteger(dim) || dim < -1) || (unknown === 1 && (known === 0 || tensor.size % known !== 0));
    if (invalid || (unknown === 0 && known !== tensor.size)) {
      throw new RangeError(`ops.reshape cannot reshape a tensor of shape [${tensor.shape.join(', ')}] (${tensor.size} elements) into [${shape.join(', ')}].`);
    }
    return tf.reshape(tensor, shape.map((dim) => (dim === -1 ? tensor.size / known : dim))).clone();
  });
});

export interface TransposeOptions {
  /** The new order of the axes (negative axes allowed); null (the default) reverses them. */
  axes?: number[] | null;
}

/** `ops.transpose(x, {axes})`: axes reversed by default; `axes` must be a permutation of x's axes. */
export const transpose = /* @__PURE__ */ defineOp({ name: 'transpose', module: 'numpy' }, function transpose(x: TensorLike, options: TransposeOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (options.axes === undefined || options.axes === null) return tf.transpose(tensor);
    const perm = options.axes.map((axis) => normalizeAxis(axis, tensor.rank));
    if (perm.length !== tensor.rank || new Set(perm).size !== perm.length) {
      throw new RangeError(`ops.transpose expects axes that permute the ${tensor.rank} axes of x; received ${JSON.stringify(options.axes)}.`);
    }
    return tf.transpose(tensor, perm);
  });
});

export interface SqueezeOptions {
  /** Axis or axes to remove; null (the default) removes every axis of length 1. */
  axis?: Axis;
}

/** `ops.squeeze(x, {axis})`: as Keras's torch backend, a named axis whose length is not 1 is left in place. */
export const squeeze = /* @__PURE__ */ defineOp({ name: 'squeeze', module: 'numpy' }, function squeeze(x: TensorLike, options: SqueezeOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const axes = options.axis === null || options.axis === undefined ? null : normalizeAxes(options.axis, tensor.rank);
    const shape = tensor.shape.filter((dim, i) => dim !== 1 || (axes !== null && !axes.includes(i)));
    return tf.reshape(tensor, shape).clone();
  });
});

/** `ops.expand_dims(x, axis)`: inserts axes of length 1 at `axis` (one or several, positions in the result). */
export const expandDims = /* @__PURE__ */ defineOp({ name: 'expand_dims', module: 'numpy' }, function expandDims(x: TensorLike, axis: number | number[]): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const axes = normalizeAxes(axis, tensor.rank + (Array.isArray(axis) ? axis.length : 1));
    const shape = [...tensor.shape];
    for (const position of axes) shape.splice(position, 0, 1);
    return tf.reshape(tensor, shape).clone();
  });
});

/** `ops.moveaxis(x, source, destination)`: moves axes to new positions, the others keeping their order. */
export const moveaxis = /* @__PURE__ */ defineOp({ name: 'moveaxis', module: 'numpy' }, function moveaxis(x: TensorLike, source: number | number[], destination: number | number[]): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const from = (Array.isArray(source) ? source : [source]).map((a) => normalizeAxis(a, tensor.rank));
    const to = (Array.isArray(destination) ? destination : [destination]).map((a) => normalizeAxis(a, tensor.rank));
    if (from.length !== to.length) {
      throw new RangeError(`ops.moveaxis expects as many destinations as sources; received ${from.length} and ${to.length}.`);
    }
    const perm = new Array<number>(tensor.rank).fill(-1);
    from.forEach((axis, i) => {
      perm[to[i]] = axis;
    });
    const rest = Array.from({ length: tensor.rank }, (_, i) => i).filter((axis) => !from.includes(axis));
    for (let i = 0; i < perm.length; i++) if (perm[i] === -1) perm[i] = rest.shift() as number;
    return tf.transpose(tensor, perm);
  });
});

/** `ops.swapaxes(x, axis1, axis2)`: exchanges two axes. */
export const swapaxes = /* @__PURE__ */ defineOp({ name: 'swapaxes', module: 'numpy' }, function swapaxes(x: TensorLike, axis1: number, axis2: number): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const perm = Array.from({ length: tensor.rank }, (_, i) => i);
    const a = normalizeAxis(axis1, tensor.rank);
    const b = normalizeAxis(axis2, tensor.rank);
    [perm[a], perm[b]] = [perm[b], perm[a]];
    return tf.transpose(tensor, perm);
  });
});

/** `ops.ravel(x)`: the values as one dimension (a scalar becomes a vector of one). */
export const ravel = /* @__PURE__ */ defineOp({ name: 'ravel', module: 'numpy' }, function ravel(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.reshape(toTensor(x), [-1]).clone());
});

/** `ops.broadcast_to(x, shape)`: NumPy's broadcasting to `shape`, which must hold x's shape. */
export const broadcastTo = /* @__PURE__ */ defineOp({ name: 'broadcast_to', module: 'numpy' }, function broadcastTo(x: TensorLike, shape: number | number[]): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const target = typeof shape === 'number' ? [shape] : Array.from(shape);
    const offset = target.length - tensor.rank;
    const fits = offset >= 0 && tensor.shape.every((dim, i) => dim === 1 || dim === target[offset + i]);
    if (!fits) throw new RangeError(`ops.broadcast_to cannot broadcast shape [${tensor.shape.join(', ')}] to [${target.join(', ')}].`);
    return tf.broadcastTo(tensor, target).clone();
  });
});

/** `ops.ndim(x)`: the number of axes, as a number (Keras returns a Python int). */
export const ndim = /* @__PURE__ */ defineOp({ name: 'ndim', module: 'numpy' }, function ndim(x: TensorLike): number {
  const tensor = toTensor(x);
  const rank = tensor.rank;
  if (tensor !== x) tensor.dispose();
  return rank;
});

/** `ops.size(x)`: the number of elements, as a scalar int32 tensor (Keras's torch backend returns a 0-d tensor). */
export const size = /* @__PURE__ */ defineOp({ name: 'size', module: 'numpy' }, function size(x: TensorLike): tf.Tensor {
  const tensor = toTensor(x);
  const count = tensor.size;
  if (tensor !== x) tensor.dispose();
  return tf.scalar(count, 'int32');
});

export interface ViewOptions {
  /** The dtype to read x's bits as; float32 and int32 reinterpret each other, null keeps x's dtype. */
  dtype?: string | null;
}

/**
 * `ops.view(x, {dtype})`: x's bits read as another dtype of the same width. tfjs holds float32, int32 and bool,
 * so float32 <-> int32 is the one reinterpretation it can make; others are refused. tfjs has no bitcast kernel,
 * so the values are read and rewritten on the host.
 */
export const view = /* @__PURE__ */ defineOp({ name: 'view', module: 'numpy' }, function view(x: TensorLike, options: ViewOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const target = options.dtype === undefined || options.dtype === null ? tensor.dtype : standardizeDtype(options.dtype);
    if (target === tensor.dtype) return tensor.clone();
    if (tensor.dtype === 'bool' || target === 'bool' || !['float32', 'int32'].includes(options.dtype as string)) {
      throw new TypeError(`ops.view can reinterpret float32 as int32 and back; received a ${tensor.dtype} tensor viewed as "${options.dtype}".`);
    }
    const source = tensor.dataSync() as Float32Array | Int32Array;
    const bits = target === 'int32' ? new Int32Array(source.buffer, source.byteOffset, source.length) : new Float32Array(source.buffer, source.byteOffset, source.length);
    return tf.tensor(bits.slice(), tensor.shape, target);
  });
});
