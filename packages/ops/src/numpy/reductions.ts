import * as tf from '@tensorflow/tfjs-core';
import { type Axis, normalizeAxes } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';

export interface ReductionOptions {
  /** Axis or axes to reduce; null (the default) reduces all of them. Negative axes count from the end. */
  axis?: Axis;
  /** Keep the reduced axes with size 1. Default false. */
  keepdims?: boolean;
}

/** `ops.sum(x, {axis, keepdims})`: Keras sums bool and int inputs as int32. */
export const sum = /* @__PURE__ */ defineOp({ name: 'sum', module: 'numpy' }, function sum(x: TensorLike, options: ReductionOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const axes = normalizeAxes(options.axis, tensor.rank);
    const input = tensor.dtype === 'bool' ? tf.cast(tensor, 'int32') : tensor;
    return tf.sum(input, axes, options.keepdims ?? false);
  });
});
