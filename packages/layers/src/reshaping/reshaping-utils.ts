import * as tf from '@tensorflow/tfjs-core';
import { normalizeDataFormat, type DataFormat } from '../convolutional/conv-utils';

export { normalizeDataFormat, type DataFormat };

/** Repeats each element of `axis` `times` times in place ([a, b] -> [a, a, b, b]), as numpy's repeat. */
export function repeatAlong(tensor: tf.Tensor, axis: number, times: number): tf.Tensor {
  if (times === 1) return tensor;
  const shape = tensor.shape;
  const expanded = tf.expandDims(tensor, axis + 1);
  const reps = expanded.shape.map((_, i) => (i === axis + 1 ? times : 1));
  return tf.reshape(tf.tile(expanded, reps), [...shape.slice(0, axis), shape[axis] * times, ...shape.slice(axis + 1)]);
}

/** The first spatial axis of a channels_last or channels_first tensor. */
export function firstSpatialAxis(dataFormat: DataFormat): number {
  return dataFormat === 'channels_last' ? 1 : 2;
}

/**
 * Keras's per-axis (before, after) amounts for ZeroPadding/Cropping: an int
 * for all, a list of `rank` ints (symmetric), or `rank` pairs.
 */
export function normalizePairs(value: number | number[] | number[][], rank: number, argumentName: string): Array<[number, number]> {
  let pairs: Array<[number, number]>;
  if (typeof value === 'number') pairs = Array.from({ length: rank }, () => [value, value]);
  else if (rank === 1 && value.length === 2 && value.every((v) => typeof v === 'number')) pairs = [[value[0] as number, value[1] as number]];
  else if (value.length === rank && value.every((v) => typeof v === 'number')) pairs = (value as number[]).map((v) => [v, v]);
  else if (value.length === rank && value.every((v) => Array.isArray(v) && v.length === 2)) pairs = (value as number[][]).map((v) => [v[0], v[1]]);
  else pairs = [];
  if (pairs.length !== rank || pairs.some((pair) => pair.some((v) => !Number.isInteger(v) || v < 0))) {
    throw new Error(
      `\`${argumentName}\` should be an int, a tuple of ${rank} ints, or a tuple of ${rank} tuples of 2 non-negative ints. Received: ${argumentName}=${JSON.stringify(value)}`,
    );
  }
  return pairs;
}
