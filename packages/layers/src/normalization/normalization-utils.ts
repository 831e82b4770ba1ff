import * as tf from '@tensorflow/tfjs-core';
import { type Constraint, getConstraint, serializeConstraint } from '../constraints';
import { getRegularizer, type Regularizer, serializeRegularizer } from '../regularizers';

/** Resolves a possibly negative axis against a rank, naming the layer when it is out of range. */
export function resolveAxis(axis: number, rank: number, layerName: string): number {
  const resolved = axis < 0 ? axis + rank : axis;
  if (resolved < 0 || resolved >= rank) {
    throw new Error(`Layer "${layerName}": axis ${axis} is out of bounds for an input of rank ${rank}.`);
  }
  return resolved;
}

/** A per-feature vector reshaped to broadcast along `axes` of a tensor of `rank`. */
export function broadcastAlong(vector: tf.Tensor, axes: number[], inputShape: number[]): tf.Tensor {
  const rank = inputShape.length;
  if (axes.length === 1 && axes[0] === rank - 1) return vector;
  const shape = inputShape.map((d, i) => (axes.includes(i) ? d : 1));
  return tf.reshape(vector, shape);
}

/** `(x - mean) / sqrt(variance + epsilon) * gamma + beta`, written as Keras's ops.batch_normalization does. */
export function normalize(
  x: tf.Tensor,
  mean: tf.Tensor,
  variance: tf.Tensor,
  epsilon: number,
  gamma: tf.Tensor | null,
  beta: tf.Tensor | null,
): tf.Tensor {
  let inverse = tf.rsqrt(tf.add(variance, epsilon));
  if (gamma) inverse = tf.mul(inverse, gamma);
  const shift = beta ? tf.sub(beta, tf.mul(mean, inverse)) : tf.neg(tf.mul(mean, inverse));
  return tf.add(tf.mul(x, inverse), shift);
}

export const serializeOptionalRegularizer = (r: Regularizer | null) => (r ? serializeRegularizer(r) : null);
export const serializeOptionalConstraint = (c: Constraint | null) => (c ? serializeConstraint(c) : null);
export const regularizerOrNull = (value: unknown): Regularizer | null => (value ? getRegularizer(value as never) : null);
export const constraintOrNull = (value: unknown): Constraint | null => (value ? getConstraint(value as never) : null);
