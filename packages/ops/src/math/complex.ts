// Keras's view_as_complex and view_as_real (keras.ops.math), on tfjs's complex64 tensors.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { floatInput } from './math-utils';

/** `ops.view_as_complex(x)`: a complex64 tensor from a real (..., 2) tensor of [real, imag] pairs. */
export const viewAsComplex = /* @__PURE__ */ defineOp({ name: 'view_as_complex', module: 'math' }, function viewAsComplex(x: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    if (tensor.rank < 1 || tensor.shape[tensor.rank - 1] !== 2) {
      throw new RangeError(`view_as_complex: the last dimension of x must be 2 (real and imaginary); received shape [${tensor.shape}].`);
    }
    const [real, imag] = tf.unstack(tensor, tensor.rank - 1);
    return tf.complex(real, imag);
  });
});

/** `ops.view_as_real(x)`: a complex64 tensor as a float32 (..., 2) tensor of [real, imag] pairs. */
export const viewAsReal = /* @__PURE__ */ defineOp({ name: 'view_as_real', module: 'math' }, function viewAsReal(x: TensorLike): tf.Tensor {
  const tensor = toTensor(x);
  // Keras on torch refuses a real tensor here (torch.imag needs a complex one); Strata does the same.
  if (tensor.dtype !== 'complex64') throw new TypeError(`view_as_real: x must be a complex64 tensor; received dtype ${tensor.dtype}.`);
  return tf.tidy(() => tf.stack([tf.real(tensor), tf.imag(tensor)], -1));
});
