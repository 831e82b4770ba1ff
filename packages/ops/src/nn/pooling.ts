// Keras's pooling (keras.ops.nn): max_pool and average_pool over 1 to 3 spatial dims.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { fromChannelsLast, samePadding, spatialRank, spatialTuple, standardizeDataFormat, standardizePadding, toChannelsLast } from './conv-utils';
import { floatInput } from './nn-utils';

export interface PoolOptions {
  /** The stride of each spatial dim; null (the default) takes the pool size. */
  strides?: number | number[] | null;
  /** "valid" (the default) or "same". */
  padding?: string;
  /** "channels_last" (the default) or "channels_first". */
  dataFormat?: string | null;
}

function runPool(kind: 'max' | 'avg', x: tf.Tensor, size: number[], strides: number[], pad: 'valid' | 'same'): tf.Tensor {
  const rank = size.length;
  if (rank === 1) {
    const pool = kind === 'max' ? tf.maxPool : tf.avgPool;
    return tf.squeeze(pool(tf.expandDims(x, 1) as tf.Tensor4D, [1, size[0]], [1, strides[0]], pad), [1]);
  }
  if (rank === 2) {
    const pool = kind === 'max' ? tf.maxPool : tf.avgPool;
    return pool(x as tf.Tensor4D, size as [number, number], strides as [number, number], pad);
  }
  const pool = kind === 'max' ? tf.maxPool3d : tf.avgPool3d;
  return pool(x as tf.Tensor5D, size as [number, number, number], strides as [number, number, number], pad);
}

/** The slice at `index` of `axis`, repeated `times` times along it. */
function repeatSlice(x: tf.Tensor, axis: number, index: number, times: number): tf.Tensor {
  const slice = tf.slice(x, x.shape.map((_, a) => (a === axis ? index : 0)), x.shape.map((s, a) => (a === axis ? 1 : s)));
  return tf.tile(slice, x.shape.map((_, a) => (a === axis ? times : 1)));
}

/** Repeats the edge values of each spatial dim of a channels_last tensor `pads[i]` times (torch's "replicate" mode). */
function replicatePad(x: tf.Tensor, pads: Array<[number, number]>): tf.Tensor {
  let result = x;
  pads.forEach(([left, right], i) => {
    const axis = i + 1;
    const size = result.shape[axis] as number;
    const parts = [...(left > 0 ? [repeatSlice(result, axis, 0, left)] : []), result, ...(right > 0 ? [repeatSlice(result, axis, size - 1, right)] : [])];
    result = parts.length === 1 ? result : tf.concat(parts, axis);
  });
  return result;
}

function pool(name: string, kind: 'max' | 'avg', inputs: TensorLike, poolSize: number | number[], options: PoolOptions): tf.Tensor {
  return tf.tidy(() => {
    const dataFormat = standardizeDataFormat(options.dataFormat);
    const padding = standardizePadding(options.padding);
    const x = toChannelsLast(floatInput(inputs), dataFormat);
    const rank = spatialRank(name, x);
    const size = spatialTuple(poolSize, rank, 'pool_size');
    const strides = options.strides === undefined || options.strides === null ? size : spatialTuple(options.strides, rank, 'strides');
    if (padding === 'valid') return fromChannelsLast(runPool(kind, x, size, strides, 'valid'), dataFormat);
    const pads = size.map((k, i) => samePadding(x.shape[i + 1], k, strides[i]));
    // Keras on torch pads an uneven "same" window by repeating the edge values, which an average counts; an even
    // one is excluded from the average, as tfjs's "same" does (for a maximum both are the same).
    if (kind === 'avg' && pads.some(([l, r]) => l !== r)) {
      return fromChannelsLast(runPool(kind, replicatePad(x, pads), size, strides, 'valid'), dataFormat);
    }
    return fromChannelsLast(runPool(kind, x, size, strides, 'same'), dataFormat);
  });
}

/** `ops.max_pool(inputs, poolSize, {strides, padding, dataFormat})`: the maximum of each window. */
export const maxPool = /* @__PURE__ */ defineOp({ name: 'max_pool', module: 'nn' }, function maxPool(inputs: TensorLike, poolSize: number | number[], options: PoolOptions = {}): tf.Tensor {
  return pool('max_pool', 'max', inputs, poolSize, options);
});

/** `ops.average_pool(inputs, poolSize, {strides, padding, dataFormat})`: the mean of each window. */
export const averagePool = /* @__PURE__ */ defineOp({ name: 'average_pool', module: 'nn' }, function averagePool(inputs: TensorLike, poolSize: number | number[], options: PoolOptions = {}): tf.Tensor {
  return pool('average_pool', 'avg', inputs, poolSize, options);
});
