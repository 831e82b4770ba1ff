// Keras's convolutions (keras.ops.nn): conv, depthwise_conv and separable_conv over 1 to 3 spatial dims.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import {
  convChannelsLast,
  fromChannelsLast,
  padSpatial,
  samePadding,
  spatialRank,
  spatialTuple,
  standardizeDataFormat,
  standardizePadding,
  toChannelsLast,
} from './conv-utils';
import { floatInput } from './nn-utils';

export interface ConvOptions {
  /** The stride of each spatial dim (one number for all). Default 1. */
  strides?: number | number[];
  /** "valid" (no padding, the default) or "same" (Keras's padding for ceil(size / stride) outputs). */
  padding?: string;
  /** "channels_last" (the default) or "channels_first". */
  dataFormat?: string | null;
  /** The dilation of each spatial dim (one number for all). Default 1. */
  dilationRate?: number | number[];
}

interface Prepared {
  x: tf.Tensor;
  strides: number[];
  dilations: number[];
  pads: Array<[number, number]>;
}

function prepare(name: string, inputs: TensorLike, kernelSpatial: number[], options: ConvOptions): Prepared & { dataFormat: 'channels_last' | 'channels_first' } {
  const dataFormat = standardizeDataFormat(options.dataFormat);
  const padding = standardizePadding(options.padding);
  const x = toChannelsLast(floatInput(inputs), dataFormat);
  const rank = spatialRank(name, x);
  if (kernelSpatial.length !== rank) {
    throw new RangeError(`${name}: the kernel must have ${rank} spatial dims for inputs of shape [${x.shape}]; received ${kernelSpatial.length}.`);
  }
  const strides = spatialTuple(options.strides ?? 1, rank, 'strides');
  const dilations = spatialTuple(options.dilationRate ?? 1, rank, 'dilation_rate');
  const pads = kernelSpatial.map((k, i): [number, number] =>
    padding === 'same' ? samePadding(x.shape[i + 1], k, strides[i], dilations[i]) : [0, 0],
  );
  return { x, strides, dilations, pads, dataFormat };
}

/**
 * `ops.conv(inputs, kernel, {strides, padding, dataFormat, dilationRate})`: an N-D convolution with a
 * (spatial..., in_channels, out_channels) kernel. An input with a multiple of the kernel's input channels is
 * convolved in groups, as Keras on torch allows.
 */
export const conv = /* @__PURE__ */ defineOp({ name: 'conv', module: 'nn' }, function conv(inputs: TensorLike, kernel: TensorLike, options: ConvOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const filter = floatInput(kernel);
    const { x, strides, dilations, pads, dataFormat } = prepare('conv', inputs, filter.shape.slice(0, -2), options);
    return fromChannelsLast(convChannelsLast(x, filter, strides, dilations, pads), dataFormat);
  });
});

function checkInputChannels(name: string, x: tf.Tensor, kernel: tf.Tensor): void {
  const channels = x.shape[x.rank - 1];
  const kernelChannels = kernel.shape[kernel.rank - 2];
  if (channels !== kernelChannels) {
    throw new RangeError(`${name}: the number of input channels must match the kernel's input channels; received input channels=${channels}, kernel input channels=${kernelChannels}.`);
  }
}

function depthwiseChannelsLast(prepared: Prepared, kernel: tf.Tensor): tf.Tensor {
  const { strides, dilations, pads } = prepared;
  const x = padSpatial(prepared.x, pads);
  const rank = strides.length;
  if (rank === 3) {
    // tfjs has no 3-D depthwise convolution: a grouped convolution with one group per channel is the same.
    const [d, h, w, channels, multiplier] = kernel.shape;
    return convChannelsLast(x, tf.reshape(kernel, [d, h, w, 1, channels * multiplier]), strides, dilations, [
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  }
  const both = strides.some((s) => s > 1) && dilations.some((r) => r > 1);
  const step = both ? strides.map(() => 1) : strides;
  let result: tf.Tensor;
  if (rank === 1) {
    const out = tf.depthwiseConv2d(tf.expandDims(x, 1) as tf.Tensor4D, tf.expandDims(kernel, 0) as tf.Tensor4D, [1, step[0]], 'valid', 'NHWC', [1, dilations[0]]);
    result = tf.squeeze(out, [1]);
  } else {
    result = tf.depthwiseConv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, step as [number, number], 'valid', 'NHWC', dilations as [number, number]);
  }
  // tfjs refuses strides and dilations both above 1: a stride-1 result subsampled is the same.
  return both ? tf.stridedSlice(result, result.shape.map(() => 0), result.shape, [1, ...strides, 1]) : result;
}

/** `ops.depthwise_conv(inputs, kernel, {...})`: each input channel convolved with its own (spatial..., in, multiplier) filters. */
export const depthwiseConv = /* @__PURE__ */ defineOp({ name: 'depthwise_conv', module: 'nn' }, function depthwiseConv(inputs: TensorLike, kernel: TensorLike, options: ConvOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const filter = floatInput(kernel);
    const prepared = prepare('depthwise_conv', inputs, filter.shape.slice(0, -2), options);
    checkInputChannels('depthwise_conv', prepared.x, filter);
    return fromChannelsLast(depthwiseChannelsLast(prepared, filter), prepared.dataFormat);
  });
});

/** `ops.separable_conv(inputs, depthwiseKernel, pointwiseKernel, {...})`: a depthwise conv, then a 1x1 conv. */
export const separableConv = /* @__PURE__ */ defineOp({ name: 'separable_conv', module: 'nn' }, function separableConv(
  inputs: TensorLike,
  depthwiseKernel: TensorLike,
  pointwiseKernel: TensorLike,
  options: ConvOptions = {},
): tf.Tensor {
  return tf.tidy(() => {
    const depthwise = floatInput(depthwiseKernel);
    const pointwise = floatInput(pointwiseKernel);
    const prepared = prepare('separable_conv', inputs, depthwise.shape.slice(0, -2), options);
    checkInputChannels('separable_conv', prepared.x, depthwise);
    const middle = depthwiseChannelsLast(prepared, depthwise);
    const ones = prepared.strides.map(() => 1);
    const none = prepared.strides.map((): [number, number] => [0, 0]);
    return fromChannelsLast(convChannelsLast(middle, pointwise, ones, ones, none), prepared.dataFormat);
  });
});
