// Keras's cross-entropies (keras.ops.nn): per-sample losses, no reduction. Probabilities are clipped to
// [epsilon, 1 - epsilon] with Keras's epsilon (1e-7) before the log, as Keras does.
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { EPSILON, floatInput } from './nn-utils';

export interface CrossentropyOptions {
  /** Whether `output` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
}

export interface AxisCrossentropyOptions extends CrossentropyOptions {
  /** The class axis. Default -1. */
  axis?: number;
}

function sameShape(name: string, target: tf.Tensor, output: tf.Tensor): void {
  if (target.shape.length !== output.shape.length || target.shape.some((size, i) => size !== output.shape[i])) {
    throw new RangeError(`${name}: target and output must have the same shape; received target.shape=[${target.shape}] and output.shape=[${output.shape}].`);
  }
}

/** `ops.binary_crossentropy(target, output, {fromLogits})`: element-wise -(t log p + (1 - t) log(1 - p)). */
export const binaryCrossentropy = /* @__PURE__ */ defineOp({ name: 'binary_crossentropy', module: 'nn' }, function binaryCrossentropy(target: TensorLike, output: TensorLike, options: CrossentropyOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const t = floatInput(target);
    const o = floatInput(output);
    sameShape('binary_crossentropy', t, o);
    if (options.fromLogits) {
      // max(x, 0) - x t + log(1 + exp(-|x|)): torch's stable binary_cross_entropy_with_logits.
      return tf.add(tf.sub(tf.relu(o), tf.mul(o, t)), tf.log1p(tf.exp(tf.neg(tf.abs(o)))));
    }
    const p = tf.clipByValue(o, EPSILON, 1 - EPSILON);
    return tf.neg(tf.add(tf.mul(t, tf.log(p)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, p)))));
  });
});

/** The log-probabilities Keras takes from `output` along its last axis: log_softmax of logits, or the log of clipped normalized probabilities. */
function logProbabilities(output: tf.Tensor, fromLogits: boolean): tf.Tensor {
  if (fromLogits) return tf.logSoftmax(output, -1);
  const normalized = tf.div(output, tf.sum(output, -1, true));
  return tf.log(tf.clipByValue(normalized, EPSILON, 1 - EPSILON));
}

/** `tensor` with `axis` moved last and the other axes kept in order, so a reduction over the last axis needs no transpose back. */
function moveAxisLast(tensor: tf.Tensor, axis: number): tf.Tensor {
  if (axis === tensor.rank - 1) return tensor;
  const order = [...Array.from({ length: tensor.rank }, (_, i) => i).filter((i) => i !== axis), axis];
  return tf.transpose(tensor, order);
}

/** `ops.categorical_crossentropy(target, output, {fromLogits, axis})`: -sum(target * log p) over the class axis. */
export const categoricalCrossentropy = /* @__PURE__ */ defineOp({ name: 'categorical_crossentropy', module: 'nn' }, function categoricalCrossentropy(target: TensorLike, output: TensorLike, options: AxisCrossentropyOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const t = floatInput(target);
    const o = floatInput(output);
    sameShape('categorical_crossentropy', t, o);
    if (o.rank < 1) throw new RangeError(`categorical_crossentropy: target and output must be at least rank 1; received rank ${o.rank}.`);
    const axis = normalizeAxis(options.axis ?? -1, o.rank);
    const logP = logProbabilities(moveAxisLast(o, axis), options.fromLogits ?? false);
    return tf.neg(tf.sum(tf.mul(moveAxisLast(t, axis), logP), -1));
  });
});

/** `ops.sparse_categorical_crossentropy(target, output, {fromLogits, axis})`: -log p[target] over the class axis. */
export const sparseCategoricalCrossentropy = /* @__PURE__ */ defineOp({ name: 'sparse_categorical_crossentropy', module: 'nn' }, function sparseCategoricalCrossentropy(target: TensorLike, output: TensorLike, options: AxisCrossentropyOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    let t = toTensor(target, 'int32');
    const o = floatInput(output);
    if (o.rank < 1) throw new RangeError(`sparse_categorical_crossentropy: output must be at least rank 1; received rank ${o.rank}.`);
    const axis = normalizeAxis(options.axis ?? -1, o.rank);
    if (t.rank === o.rank && t.shape[axis] === 1) t = tf.squeeze(t, [axis]);
    const expected = o.shape.filter((_, i) => i !== axis);
    if (t.rank !== expected.length || t.shape.some((size, i) => size !== expected[i])) {
      throw new RangeError(
        `sparse_categorical_crossentropy: target must have output's shape without the class axis, [${expected}]; received target.shape=[${t.shape}] and output.shape=[${o.shape}].`,
      );
    }
    const logP = logProbabilities(moveAxisLast(o, axis), options.fromLogits ?? false);
    return tf.neg(tf.sum(tf.mul(tf.oneHot(t, o.shape[axis]), logP), -1));
  });
});
