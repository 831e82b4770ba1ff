import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { truthOf } from './comparison';
import { type BinaryOp, type UnaryOp, broadcastShapes } from './elementwise';

function logical(name: string, combine: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): BinaryOp {
  return defineOp({ name, module: 'numpy' }, (x1: TensorLike, x2: TensorLike): tf.Tensor =>
    tf.tidy(() => {
      const a = truthOf(x1);
      const b = truthOf(x2);
      broadcastShapes(a.shape, b.shape, name);
      return combine(a, b);
    }),
  );
}

/** `ops.logical_and(x1, x2)`: the truth values (non-zero is true) combined, as a bool tensor. */
export const logicalAnd: BinaryOp = /* @__PURE__ */ logical('logical_and', tf.logicalAnd);
/** `ops.logical_or(x1, x2)`. */
export const logicalOr: BinaryOp = /* @__PURE__ */ logical('logical_or', tf.logicalOr);
/** `ops.logical_xor(x1, x2)`. */
export const logicalXor: BinaryOp = /* @__PURE__ */ logical('logical_xor', tf.logicalXor);

/** `ops.logical_not(x)`: true where `x` is zero. */
export const logicalNot: UnaryOp = /* @__PURE__ */ defineOp({ name: 'logical_not', module: 'numpy' }, function logicalNot(x: TensorLike): tf.Tensor {
  return tf.tidy(() => tf.logicalNot(truthOf(x)));
});
