/**
 * Activations that normalise along an axis (softmax and relatives). tfjs's
 * kernels work on the last axis only, so another axis is moved last and back.
 */
import { softmax as lastAxisSoftmax } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';

/** Applies `fn` (which works on the last axis) along `axis` of `x`. */
function alongAxis(x: tf.Tensor, axis: number, fn: (lastAxis: tf.Tensor) => tf.Tensor): tf.Tensor {
  const rank = x.rank;
  const resolved = axis < 0 ? axis + rank : axis;
  if (resolved < 0 || resolved >= rank) {
    throw new Error(`Invalid axis ${axis} for an activation on a tensor of rank ${rank}.`);
  }
  if (resolved === rank - 1) return fn(x);
  const permutation = [...Array(rank).keys()];
  permutation[resolved] = rank - 1;
  permutation[rank - 1] = resolved;
  // Swapping two axes is its own inverse.
  return tf.transpose(fn(tf.transpose(x, permutation)), permutation);
}

/** `exp(x) / sum(exp(x))` along `axis` (default the last one), as Keras; @strata/backend's op, with its one-kernel gradient, on cpu and wasm. */
export function softmax(x: tf.Tensor, axis = -1): tf.Tensor {
  return alongAxis(x, axis, lastAxisSoftmax);
}

/** `x - log(sum(exp(x)))` along `axis`: the log of softmax, computed stably. */
export function logSoftmax(x: tf.Tensor, axis = -1): tf.Tensor {
  return alongAxis(x, axis, (value) => tf.logSoftmax(value));
}

/** Gated linear unit: splits `x` in halves `a, b` along `axis` and returns `a * sigmoid(b)`. */
export function glu(x: tf.Tensor, axis = -1): tf.Tensor {
  const resolved = axis < 0 ? axis + x.rank : axis;
  const size = x.shape[resolved];
  if (size % 2 !== 0) {
    throw new Error(`Activation "glu" needs an even size along axis ${axis}; received shape [${x.shape.join(', ')}].`);
  }
  const [value, gate] = tf.split(x, 2, resolved);
  return tf.mul(value, tf.sigmoid(gate));
}

/**
 * Sparsemax along the last axis (Martins & Astudillo, 2016) as a custom
 * gradient: the forward pass sorts and compares, which tfjs cannot
 * differentiate, and the exact Jacobian is simple:
 * `dx = support * (dy - mean of dy over the support)`.
 */
const sparsemaxLastAxis = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
  // tfjs passes the tensor first and the save function last.
  const x = inputs[0] as tf.Tensor;
  const save = inputs[1] as tf.GradSaveFunc;
  const depth = x.shape[x.rank - 1];
  const sorted = tf.topk(x, depth).values;
  // tfjs's cumsum mishandles a negative axis, so pass the last axis explicitly.
  const cumulative = tf.cumsum(sorted, x.rank - 1);
  const positions = tf.range(1, depth + 1, 1, 'float32');
  // The support is the prefix of the sorted values where 1 + k * z_k > sum_{j<=k} z_j.
  const support = tf.cast(tf.greater(tf.add(tf.mul(positions, sorted), 1), cumulative), 'float32');
  const supportSize = tf.sum(support, -1, true);
  const tau = tf.div(tf.sub(tf.sum(tf.mul(sorted, support), -1, true), 1), supportSize);
  const output = tf.relu(tf.sub(x, tau));
  save([output]);
  return {
    value: output,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const inSupport = tf.cast(tf.greater(saved[0], 0), 'float32');
      const meanOverSupport = tf.div(tf.sum(tf.mul(dy, inSupport), -1, true), tf.sum(inSupport, -1, true));
      return tf.mul(inSupport, tf.sub(dy, meanOverSupport));
    },
  };
});

/** Sparsemax: a softmax that can output exact zeros (Keras 3 only). */
export function sparsemax(x: tf.Tensor, axis = -1): tf.Tensor {
  return alongAxis(x, axis, (value) => sparsemaxLastAxis(value));
}
