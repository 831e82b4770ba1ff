// Keras's adaptive pooling (keras.ops.nn): pools to a fixed output size over 1 to 3 spatial dims.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { fromChannelsLast, spatialRank, spatialTuple, standardizeDataFormat, toChannelsLast } from './conv-utils';
import { floatInput } from './nn-utils';

export interface AdaptivePoolOptions {
  /** "channels_last" (the default) or "channels_first". */
  dataFormat?: string | null;
}

/**
 * Pools one spatial axis of a channels_last tensor to `outputs` windows, torch's adaptive windows:
 * window i spans [floor(i * size / outputs), ceil((i + 1) * size / outputs)). Windows are rectangular, so
 * pooling the axes one after the other gives the maximum, or the mean, of each whole window.
 */
function poolAxis(x: tf.Tensor, axis: number, outputs: number, kind: 'max' | 'avg'): tf.Tensor {
  const size = x.shape[axis];
  const windows: tf.Tensor[] = [];
  for (let i = 0; i < outputs; i++) {
    const start = Math.floor((i * size) / outputs);
    const end = Math.ceil(((i + 1) * size) / outputs);
    const begin = x.shape.map((_, a) => (a === axis ? start : 0));
    const extent = x.shape.map((s, a) => (a === axis ? end - start : s));
    const window = tf.slice(x, begin, extent);
    windows.push(kind === 'max' ? tf.max(window, axis, true) : tf.mean(window, axis, true));
  }
  return tf.concat(windows, axis);
}

function adaptivePool(name: string, kind: 'max' | 'avg', inputs: TensorLike, outputSize: number | number[], options: AdaptivePoolOptions): tf.Tensor {
  return tf.tidy(() => {
    const dataFormat = standardizeDataFormat(options.dataFormat);
    let x = toChannelsLast(floatInput(inputs), dataFormat);
    const rank = spatialRank(name, x);
    const sizes = spatialTuple(outputSize, rank, 'output_size');
    sizes.forEach((outputs, i) => {
      x = poolAxis(x, i + 1, outputs, kind);
    });
    return fromChannelsLast(x, dataFormat);
  });
}

/** `ops.adaptive_max_pool(inputs, outputSize, {dataFormat})`: max pooling to `outputSize` positions per spatial dim. */
export const adaptiveMaxPool = /* @__PURE__ */ defineOp({ name: 'adaptive_max_pool', module: 'nn' }, function adaptiveMaxPool(inputs: TensorLike, outputSize: number | number[], options: AdaptivePoolOptions = {}): tf.Tensor {
  return adaptivePool('adaptive_max_pool', 'max', inputs, outputSize, options);
});

/** `ops.adaptive_average_pool(inputs, outputSize, {dataFormat})`: average pooling to `outputSize` positions per spatial dim. */
export const adaptiveAveragePool = /* @__PURE__ */ defineOp({ name: 'adaptive_average_pool', module: 'nn' }, function adaptiveAveragePool(inputs: TensorLike, outputSize: number | number[], options: AdaptivePoolOptions = {}): tf.Tensor {
  return adaptivePool('adaptive_average_pool', 'avg', inputs, outputSize, options);
});
