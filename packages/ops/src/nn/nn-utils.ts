import * as tf from '@tensorflow/tfjs-core';
import { type TensorLike, toTensor } from '../core/tensor-like';

/**
 * The input of an activation that torch computes in floating point only: int and bool tensors become float32,
 * as `torch.sigmoid` and its kin promote them (Keras on torch returns float32 for an int32 input there).
 */
export function floatInput(x: TensorLike): tf.Tensor {
  const tensor = toTensor(x);
  return tensor.dtype === 'float32' ? tensor : tf.cast(tensor, 'float32');
}

/** The input of an activation that keeps the dtype it is given (int stays int), as torch's relu does. */
export function anyInput(x: TensorLike): tf.Tensor {
  return toTensor(x);
}

/** Keras's fuzz factor, `keras.config.epsilon()`. */
export const EPSILON = 1e-7;
