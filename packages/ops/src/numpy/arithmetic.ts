import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type TensorLike, toTensor } from '../core/tensor-like';

/** Both operands as tensors of their Keras result type (NumPy broadcasting is tfjs's too). */
export function promoteBinary(x1: TensorLike, x2: TensorLike): [tf.Tensor, tf.Tensor] {
  const dtype = resultType(x1, x2);
  return [toTensor(x1, dtype), toTensor(x2, dtype)];
}

/** `ops.add(x1, x2)`: element-wise sum with broadcasting; `int32 + 3` stays int32, `int32 + 0.5` is float32. */
export const add = /* @__PURE__ */ defineOp({ name: 'add', module: 'numpy' }, function add(x1: TensorLike, x2: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const [a, b] = promoteBinary(x1, x2);
    return a.dtype === 'bool' ? tf.logicalOr(a, b) : tf.add(a, b);
  });
});
