import * as tf from '@tensorflow/tfjs-core';

// The linalg ops compute in JavaScript, out of tfjs's sight; these give the few that models train through
// (det, inv, solve) their analytic gradients with tf.customGrad. First order only.

/** Swaps the last two axes (a batch of matrices' transposes). */
export function transposeMatrices(x: tf.Tensor): tf.Tensor {
  const order = x.shape.map((_, i) => i);
  order[x.rank - 2] = x.rank - 1;
  order[x.rank - 1] = x.rank - 2;
  return tf.transpose(x, order);
}

/**
 * Runs `forward` on `inputs` as one differentiable step whose input gradients are `backward(dy, output)`.
 * Inputs that are not tensors the caller holds should be converted before, and disposed after, by the caller.
 */
export function withGradient(inputs: tf.Tensor[], forward: () => tf.Tensor, backward: (dy: tf.Tensor, output: tf.Tensor) => tf.Tensor[]): tf.Tensor {
  const step = tf.customGrad((...args: unknown[]) => {
    void args;
    const value = forward();
    return { value, gradFunc: (dy: tf.Tensor | tf.Tensor[]) => backward(dy as tf.Tensor, value) };
  });
  return (step as (...xs: tf.Tensor[]) => tf.Tensor)(...inputs);
}
