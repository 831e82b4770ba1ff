import * as tf from '@tensorflow/tfjs-core';

/**
 * `x · kernel + bias` with a hand-written gradient. tfjs's own MatMul gradient
 * computes the kernel gradient as matMul(x, dy, transposeA=true), which the wasm
 * backend runs 10× slower than the same product on a transposed copy of x
 * (BACKENDS.md: 246 ms against 18 ms for W2's first layer). Transposing x
 * first costs one copy and gives the fast kernel.
 */
const withBias = tf.customGrad(((...args: tf.Tensor[]) => {
  const [x, kernel, bias] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
  const save = args[3] as unknown as (tensors: tf.Tensor[]) => void;
  save([x, kernel]);
  return {
    value: tf.add(tf.matMul(x, kernel), bias),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [savedX, savedKernel] = saved as [tf.Tensor2D, tf.Tensor2D];
      const dy2 = dy as tf.Tensor2D;
      return [tf.matMul(dy2, savedKernel, false, true), tf.matMul(tf.transpose(savedX), dy2), tf.sum(dy2, 0)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

const withoutBias = tf.customGrad(((...args: tf.Tensor[]) => {
  const [x, kernel] = args as [tf.Tensor2D, tf.Tensor2D];
  const save = args[2] as unknown as (tensors: tf.Tensor[]) => void;
  save([x, kernel]);
  return {
    value: tf.matMul(x, kernel),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [savedX, savedKernel] = saved as [tf.Tensor2D, tf.Tensor2D];
      const dy2 = dy as tf.Tensor2D;
      return [tf.matMul(dy2, savedKernel, false, true), tf.matMul(tf.transpose(savedX), dy2)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

/** The affine part of Dense for training: rank-2 `x`, `kernel` [in, out], optional `bias` [out]. */
export function denseAffine(x: tf.Tensor2D, kernel: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor2D {
  return (bias ? withBias(x, kernel, bias) : withoutBias(x, kernel)) as tf.Tensor2D;
}
