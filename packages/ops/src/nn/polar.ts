// Keras's polar (keras.ops.nn.polar): complex numbers from magnitudes and angles, as tfjs complex64.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { floatInput } from './nn-utils';

/** `ops.polar(abs, angle)`: abs * (cos(angle) + i sin(angle)), a complex64 tensor of the broadcast shape. */
export const polar = /* @__PURE__ */ defineOp({ name: 'polar', module: 'nn' }, function polar(abs: TensorLike, angle: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const magnitude = floatInput(abs);
    const theta = floatInput(angle);
    return tf.complex(tf.mul(magnitude, tf.cos(theta)), tf.mul(magnitude, tf.sin(theta)));
  });
});
