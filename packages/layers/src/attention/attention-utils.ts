import * as tf from '@tensorflow/tfjs-core';
import type { CallOptions, Tensors } from '../engine/layer';

/** Keras adds this (times 1 - mask) to masked scores before the softmax, so they get no weight. */
export const MASKED_SCORE_PENALTY = 1e9;

/** A lower-triangular `[1, queryLength, valueLength]` bool mask: position i attends to j <= i (Keras's causal mask). */
export function causalMask(queryLength: number, valueLength: number): tf.Tensor {
  return tf.tidy(() => {
    const rows = tf.reshape(tf.range(0, queryLength, 1, 'int32'), [1, queryLength, 1]);
    const columns = tf.reshape(tf.range(0, valueLength, 1, 'int32'), [1, 1, valueLength]);
    return tf.greaterEqual(rows, columns);
  });
}

/** Keras's sliding-window band `[1, T, S]`: true where |query position − key position| < `window`. */
export function slidingWindowMask(queryLength: number, valueLength: number, window: number): tf.Tensor {
  return tf.tidy(() => {
    const rows = tf.reshape(tf.range(0, queryLength, 1, 'int32'), [1, queryLength, 1]);
    const columns = tf.reshape(tf.range(0, valueLength, 1, 'int32'), [1, 1, valueLength]);
    return tf.less(tf.abs(tf.sub(rows, columns)), window);
  });
}

/** Softmax over the last axis where `mask` (bool, broadcastable) is true; masks never carry gradient here. */
export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor | null): tf.Tensor {
  if (!mask) return tf.softmax(scores);
  const penalty = tf.mul(tf.sub(1, tf.cast(mask, scores.dtype)), MASKED_SCORE_PENALTY);
  return tf.softmax(tf.sub(scores, penalty));
}

/** Logical and of optional bool masks (null when none is given). */
export function combineMasks(...masks: Array<tf.Tensor | null | undefined>): tf.Tensor | null {
  const given = masks.filter((m): m is tf.Tensor => !!m).map((m) => tf.cast(m, 'bool'));
  if (given.length === 0) return null;
  return given.reduce((all, m) => tf.logicalAnd(all, m));
}

/** The inputs of an attention layer: `[query, value, key?]`, or one tensor that attends to itself. */
export function attentionInputs(inputs: Tensors, className: string): { query: tf.Tensor; value: tf.Tensor; key: tf.Tensor } {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length < 1 || list.length > 3) {
    throw new Error(`${className} layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: ${list.length}.`);
  }
  const query = list[0];
  const value = list[1] ?? query;
  return { query, value, key: list[2] ?? value };
}

/** The per-input masks passed with a list of inputs (null where none). */
export function attentionMasks(mask: CallOptions['mask']): Array<tf.Tensor | null> {
  if (!mask) return [null, null, null];
  const list = Array.isArray(mask) ? mask : [mask];
  return [list[0] ?? null, list[1] ?? null, list[2] ?? null];
}

/** Keras's dropout on attention weights: zero with probability `rate`, the rest scaled by 1 / (1 - rate). */
export function dropWeights(weights: tf.Tensor, rate: number, seed: number): tf.Tensor {
  const keep = tf.less(tf.randomUniform(weights.shape, 0, 1, 'float32', seed), 1 - rate);
  return tf.mul(weights, tf.mul(tf.cast(keep, weights.dtype), 1 / (1 - rate)));
}
