import * as tf from '@tensorflow/tfjs-core';
import { defineOp, type Op } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type TensorLike, toTensor } from '../core/tensor-like';

/** An element-wise op of one array-like, as `defineOp` records it. */
export type UnaryOp = Op<(x: TensorLike) => tf.Tensor>;
/** An element-wise op of two array-likes with NumPy broadcasting. */
export type BinaryOp = Op<(x1: TensorLike, x2: TensorLike) => tf.Tensor>;

/** `x` as float32: Keras computes transcendental functions of int and bool inputs in `floatx`. */
export function asFloat(x: tf.Tensor): tf.Tensor {
  return x.dtype === 'float32' ? x : tf.cast(x, 'float32');
}

/** A copy of `x` that the caller owns: ops that leave a value unchanged still return a new tensor. */
export function copyOf(x: tf.Tensor): tf.Tensor {
  return tf.clone(x);
}

/** Refuses a tfjs tensor of a dtype Strata's ops do not hold (complex64, string), naming the op. */
export function requireRealTensor(op: string, x: tf.Tensor): tf.Tensor {
  if (x.dtype !== 'float32' && x.dtype !== 'int32' && x.dtype !== 'bool') {
    throw new TypeError(`${op} takes float32, int32 or bool tensors; received dtype "${x.dtype}" (complex and string tensors are not supported).`);
  }
  return x;
}

/** A numpy-module op of one argument whose body runs inside one `tf.tidy`. */
export function unaryOp(name: string, body: (x: tf.Tensor) => tf.Tensor): UnaryOp {
  return defineOp({ name, module: 'numpy' }, (x: TensorLike): tf.Tensor => tf.tidy(() => body(requireRealTensor(name, toTensor(x)))));
}

/** A unary op that Keras computes in float32 whatever the input dtype (`exp`, `sin`, `sqrt`...). */
export function floatUnaryOp(name: string, body: (x: tf.Tensor) => tf.Tensor): UnaryOp {
  return unaryOp(name, (x) => body(asFloat(x)));
}

/** Both operands as tensors of their Keras result type (NumPy broadcasting is tfjs's too). */
export function promoteBinary(x1: TensorLike, x2: TensorLike): [tf.Tensor, tf.Tensor] {
  const dtype = resultType(x1, x2);
  return [toTensor(x1, dtype), toTensor(x2, dtype)];
}

/** Both operands cast to float32 whatever their dtypes, for ops Keras computes in `floatx` (`arctan2`, `logaddexp`...). */
export function floatBinary(x1: TensorLike, x2: TensorLike): [tf.Tensor, tf.Tensor] {
  return [toTensor(x1, 'float32'), toTensor(x2, 'float32')];
}

/**
 * The broadcast shape of two shapes, refused with NumPy's wording when they do not broadcast, so that a
 * masked op (`where`) never hides a shape mismatch.
 */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const rank = Math.max(a.length, b.length);
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(`${op}: operands could not be broadcast together with shapes [${a.join(', ')}] and [${b.join(', ')}].`);
    }
    shape.push(da === 1 ? db : da);
  }
  return shape;
}

/** A numpy-module op of two arguments, promoted to their Keras result type and checked for broadcasting first. */
export function binaryOp(name: string, body: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): BinaryOp {
  return defineOp({ name, module: 'numpy' }, (x1: TensorLike, x2: TensorLike): tf.Tensor =>
    tf.tidy(() => {
      const [a, b] = promoteBinary(x1, x2);
      broadcastShapes(a.shape, b.shape, name);
      return body(a, b);
    }),
  );
}

/** Refuses a bool operand where Keras (on torch) refuses it, naming the op. */
export function refuseBool(op: string, ...tensors: tf.Tensor[]): void {
  if (tensors.every((t) => t.dtype === 'bool')) {
    throw new TypeError(`${op} does not support bool inputs; cast them to int32 or float32 first.`);
  }
}

/** `tf.broadcastTo` that also handles a target shape with a zero-size dimension (tfjs mishandles it). */
export function broadcastTo(x: tf.Tensor, shape: number[]): tf.Tensor {
  if (shape.includes(0)) return tf.zeros(shape, x.dtype);
  return tf.broadcastTo(x, shape);
}
