// keras.ops.numpy's products: matmul, dot, inner, outer, vdot, kron, cross and tensordot. Integer products are
// computed in float32 and cast back to the Keras result dtype (exact below 2**24, as tfjs's matMul is float).
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type OpsDtype, type TensorLike, toTensor } from '../core/tensor-like';
import { broadcastShapes, castTo, sizeOf } from './array-helpers';

function operands(x1: TensorLike, x2: TensorLike): [tf.Tensor, tf.Tensor, OpsDtype] {
  const dtype = resultType(x1, x2);
  return [toTensor(x1, 'float32'), toTensor(x2, 'float32'), dtype];
}

/** The result dtype of a product; bool products are refused as torch refuses them. */
function productDtype(op: string, dtype: OpsDtype): OpsDtype {
  if (dtype === 'bool') throw new TypeError(`ops.${op} does not multiply two bool tensors; cast one to a number dtype first.`);
  return dtype;
}

/** Batched matrix product of float32 tensors of rank ≥ 2 with broadcast batch dimensions. */
export function batchMatMul(a: tf.Tensor, b: tf.Tensor, op = 'matmul'): tf.Tensor {
  const [m, k] = a.shape.slice(-2);
  const [k2, n] = b.shape.slice(-2);
  if (k !== k2) throw new RangeError(`ops.${op}: shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}] do not align (${k} != ${k2}).`);
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), op);
  if (k === 0 || m === 0 || n === 0 || sizeOf(batch) === 0) return tf.zeros([...batch, m, n]);
  const left = tf.reshape(tf.broadcastTo(a, [...batch, m, k]), [-1, m, k]);
  const right = tf.reshape(tf.broadcastTo(b, [...batch, k, n]), [-1, k, n]);
  return tf.reshape(tf.matMul(left, right), [...batch, m, n]);
}

function matmulFloat(a: tf.Tensor, b: tf.Tensor, op: string): tf.Tensor {
  if (a.rank === 0 || b.rank === 0) throw new RangeError(`ops.${op} expects tensors of at least 1 dimension; received a scalar.`);
  const left = a.rank === 1 ? tf.reshape(a, [1, -1]) : a;
  const right = b.rank === 1 ? tf.reshape(b, [-1, 1]) : b;
  const out = batchMatMul(left, right, op);
  const shape = out.shape.slice(0, -2);
  if (a.rank > 1) shape.push(out.shape[out.rank - 2]);
  if (b.rank > 1) shape.push(out.shape[out.rank - 1]);
  return tf.reshape(out, shape);
}

/** `ops.matmul(x1, x2)`: NumPy's matrix product (vectors promoted and their axis removed, batches broadcast). */
export const matmul = /* @__PURE__ */ defineOp({ name: 'matmul', module: 'numpy' }, function matmul(x1: TensorLike, x2: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const [a, b, dtype] = operands(x1, x2);
    return castTo(matmulFloat(a, b, 'matmul'), productDtype('matmul', dtype));
  });
});

/** `ops.dot(x1, x2)`: a product with a scalar, else matmul's product (as Keras's torch backend computes it). */
export const dot = /* @__PURE__ */ defineOp({ name: 'dot', module: 'numpy' }, function dot(x1: TensorLike, x2: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const [a, b, dtype] = operands(x1, x2);
    const out = a.rank === 0 || b.rank === 0 ? tf.mul(a, b) : matmulFloat(a, b, 'dot');
    return castTo(out, productDtype('dot', dtype));
  });
});

/** Contracts `axesA` of a with `axesB` of b; the result has a's free axes then b's, in order. */
function contract(a: tf.Tensor, b: tf.Tensor, axesA: number[], axesB: number[], op: string): tf.Tensor {
  const freeA = a.shape.map((_, i) => i).filter((i) => !axesA.includes(i));
  const freeB = b.shape.map((_, i) => i).filter((i) => !axesB.includes(i));
  axesA.forEach((axis, i) => {
    if (a.shape[axis] !== b.shape[axesB[i]]) {
      throw new RangeError(`ops.${op}: contracted dimensions differ (${a.shape[axis]} != ${b.shape[axesB[i]]}) for shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}].`);
    }
  });
  const inner = sizeOf(axesA.map((axis) => a.shape[axis]));
  const left = tf.reshape(tf.transpose(a, [...freeA, ...axesA]), [sizeOf(freeA.map((i) => a.shape[i])), inner]);
  const right = tf.reshape(tf.transpose(b, [...axesB, ...freeB]), [inner, sizeOf(freeB.map((i) => b.shape[i]))]);
  return tf.reshape(batchMatMul(left, right, op), [...freeA.map((i) => a.shape[i]), ...freeB.map((i) => b.shape[i])]);
}

/** `ops.inner(x1, x2)`: sums over the last axes of both (a product when one is a scalar). */
export const inner = /* @__PURE__ */ defineOp({ name: 'inner', module: 'numpy' }, function inner(x1: TensorLike, x2: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const [a, b, dtype] = operands(x1, x2);
    const out = a.rank === 0 || b.rank === 0 ? tf.mul(a, b) : contract(a, b, [a.rank - 1], [b.rank - 1], 'inner');
    return castTo(out, productDtype('inner', dtype));
  });
});

/** `ops.outer(x1, x2)`: every element of flattened x1 times every element of flattened x2. */
export const outer = /* @__PURE__ */ defineOp({ name: 'outer', module: 'numpy' }, function outer(x1: TensorLike, x2: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const [a, b, dtype] = operands(x1, x2);
    return castTo(tf.mul(tf.reshape(a, [-1, 1]), tf.reshape(b, [1, -1])), dtype);
  });
});

/** `ops.vdot(x1, x2)`: the dot product of two vectors (1-D only, as torch requires). */
export const vdot = /* @__PURE__ */ defineOp({ name: 'vdot', module: 'numpy' }, function vdot(x1: TensorLike, x2: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const [a, b, dtype] = operands(x1, x2);
    if (a.rank !== 1 || b.rank !== 1 || a.size !== b.size) {
      throw new RangeError(`ops.vdot expects two vectors of one length; received shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}].`);
    }
    return castTo(tf.sum(tf.mul(a, b)), productDtype('vdot', dtype));
  });
});

/** `ops.kron(x1, x2)`: the Kronecker product; the shorter shape is padded with leading ones. */
export const kron = /* @__PURE__ */ defineOp({ name: 'kron', module: 'numpy' }, function kron(x1: TensorLike, x2: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const [a, b, dtype] = operands(x1, x2);
    const rank = Math.max(a.rank, b.rank);
    const shapeA = [...new Array<number>(rank - a.rank).fill(1), ...a.shape];
    const shapeB = [...new Array<number>(rank - b.rank).fill(1), ...b.shape];
    const product = tf.mul(tf.reshape(a, shapeA.flatMap((d) => [d, 1])), tf.reshape(b, shapeB.flatMap((d) => [1, d])));
    return castTo(tf.reshape(product, shapeA.map((d, i) => d * shapeB[i])), dtype);
  });
});

export interface CrossOptions {
  /** Only -1 is supported, as on Keras's torch backend (use `axis`). */
  axisa?: number;
  axisb?: number;
  axisc?: number;
  /** The axis of the 3-vectors; null (the default) is torch's: the first axis of length 3. */
  axis?: number | null;
}

/** `ops.cross(x1, x2, {axis})`: cross products of 3-vectors along an axis of two tensors of one rank, broadcast. */
export const cross = /* @__PURE__ */ defineOp({ name: 'cross', module: 'numpy' }, function cross(x1: TensorLike, x2: TensorLike, options: CrossOptions = {}): tf.Tensor {
  for (const name of ['axisa', 'axisb', 'axisc'] as const) {
    if ((options[name] ?? -1) !== -1) throw new RangeError(`ops.cross supports only ${name}=-1 (as Keras's torch backend); pass axis instead. Received ${name}=${options[name]}.`);
  }
  return tf.tidy(() => {
    const [a, b, dtype] = operands(x1, x2);
    if (a.rank !== b.rank) throw new RangeError(`ops.cross expects tensors of one rank; received shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}].`);
    const shape = broadcastShapes(a.shape, b.shape, 'cross');
    const axis = options.axis === undefined || options.axis === null ? shape.indexOf(3) : normalizeAxis(options.axis, shape.length);
    if (axis < 0 || shape[axis] !== 3) throw new RangeError(`ops.cross expects 3-vectors along the axis; received shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}].`);
    const [a0, a1, a2] = tf.split(tf.broadcastTo(a, shape), 3, axis);
    const [b0, b1, b2] = tf.split(tf.broadcastTo(b, shape), 3, axis);
    const out = tf.concat([tf.sub(tf.mul(a1, b2), tf.mul(a2, b1)), tf.sub(tf.mul(a2, b0), tf.mul(a0, b2)), tf.sub(tf.mul(a0, b1), tf.mul(a1, b0))], axis);
    return castTo(out, productDtype('cross', dtype));
  });
});

export interface TensordotOptions {
  /** N (the last N axes of x1 with the first N of x2) or the two lists of axes to contract. Default 2. */
  axes?: number | [number | number[], number | number[]];
}

/** `ops.tensordot(x1, x2, {axes})`: sums products over the given axes of x1 and x2. */
export const tensordot = /* @__PURE__ */ defineOp({ name: 'tensordot', module: 'numpy' }, function tensordot(x1: TensorLike, x2: TensorLike, options: TensordotOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const [a, b, dtype] = operands(x1, x2);
    const axes = options.axes ?? 2;
    let axesA: number[];
    let axesB: number[];
    if (typeof axes === 'number') {
      if (!Number.isInteger(axes) || axes < 0 || axes > a.rank || axes > b.rank) throw new RangeError(`ops.tensordot: axes=${axes} does not fit shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}].`);
      axesA = Array.from({ length: axes }, (_, i) => a.rank - axes + i);
      axesB = Array.from({ length: axes }, (_, i) => i);
    } else {
      axesA = (Array.isArray(axes[0]) ? axes[0] : [axes[0]]).map((axis) => normalizeAxis(axis, a.rank));
      axesB = (Array.isArray(axes[1]) ? axes[1] : [axes[1]]).map((axis) => normalizeAxis(axis, b.rank));
      if (axesA.length !== axesB.length) throw new RangeError(`ops.tensordot expects as many axes of x1 as of x2; received ${JSON.stringify(axes)}.`);
    }
    return castTo(contract(a, b, axesA, axesB, 'tensordot'), productDtype('tensordot', dtype));
  });
});
