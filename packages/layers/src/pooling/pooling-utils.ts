import { maxPool2d } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { type DataFormat, inChannelsLast } from '../convolutional/conv-utils';

export type PoolMode = 'max' | 'average';

/**
 * Max or average pooling of a channels_last tensor with 1, 2 or 3 spatial
 * axes. 1D runs as 2D with a height of one. tfjs's 'same' average counts only
 * the elements inside the input, as TensorFlow and Keras do. 2-D max pooling
 * is @strata/backend's `maxPool2d`, whose gradient sends each window's
 * gradient to its maximum on every backend (tfjs-backend-wasm's own does not
 * for windows of negative values).
 */
export function poolChannelsLast(
  input: tf.Tensor,
  mode: PoolMode,
  poolSize: number[],
  strides: number[],
  padding: 'valid' | 'same',
): tf.Tensor {
  const spatialRank = input.rank - 2;
  if (spatialRank === 1) {
    const expanded = tf.expandDims(input, 1) as tf.Tensor4D;
    const size: [number, number] = [1, poolSize[0]];
    const step: [number, number] = [1, strides[0]];
    const pooled = mode === 'max' ? maxPool2d(expanded, size, step, padding) : tf.avgPool(expanded, size, step, padding);
    return tf.squeeze(pooled, [1]);
  }
  if (spatialRank === 2) {
    const size = poolSize as [number, number];
    const step = strides as [number, number];
    return mode === 'max'
      ? maxPool2d(input as tf.Tensor4D, size, step, padding)
      : tf.avgPool(input as tf.Tensor4D, size, step, padding);
  }
  const size = poolSize as [number, number, number];
  const step = strides as [number, number, number];
  return mode === 'max'
    ? tf.maxPool3d(input as tf.Tensor5D, size, step, padding)
    : tf.avgPool3d(input as tf.Tensor5D, size, step, padding);
}

export function pool(
  input: tf.Tensor,
  mode: PoolMode,
  poolSize: number[],
  strides: number[],
  padding: 'valid' | 'same',
  dataFormat: DataFormat,
): tf.Tensor {
  return inChannelsLast(input, dataFormat, (x) => poolChannelsLast(x, mode, poolSize, strides, padding));
}
