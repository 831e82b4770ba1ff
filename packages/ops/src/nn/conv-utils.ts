// Shared machinery of Keras's convolution and pooling ops: argument tuples, data formats, Keras's "same"
// padding rule, and one N-D convolution (1-3 spatial dims, grouped, any strides with any dilations) on tfjs.
import * as tf from '@tensorflow/tfjs-core';

export type DataFormat = 'channels_last' | 'channels_first';
export type Padding = 'valid' | 'same';

/** Keras's `standardize_tuple`: one positive integer for every spatial dimension, or a list of exactly that many. */
export function spatialTuple(value: number | number[], count: number, name: string, allowZero = false): number[] {
  const list = Array.isArray(value) ? value : Array.from({ length: count }, () => value);
  const ok = list.length === count && list.every((v) => Number.isInteger(v) && (allowZero ? v >= 0 : v > 0));
  if (!ok) throw new RangeError(`The \`${name}\` argument must be a tuple of ${count} ${allowZero ? 'non-negative' : 'positive'} integers; received ${name}=${JSON.stringify(value)}.`);
  return list;
}

export function standardizeDataFormat(dataFormat: string | null | undefined): DataFormat {
  const format = (dataFormat ?? 'channels_last').toLowerCase();
  if (format !== 'channels_last' && format !== 'channels_first') {
    throw new RangeError(`data_format must be "channels_last" or "channels_first"; received "${dataFormat}".`);
  }
  return format;
}

export function standardizePadding(padding: string | undefined): Padding {
  const value = (padding ?? 'valid').toLowerCase();
  if (value !== 'valid' && value !== 'same') throw new RangeError(`padding must be "valid" or "same"; received "${padding}".`);
  return value;
}

/** The number of spatial dimensions of a batched input, which must have 1 to 3 of them. */
export function spatialRank(name: string, x: tf.Tensor): number {
  const rank = x.rank - 2;
  if (rank < 1 || rank > 3) throw new RangeError(`${name}: inputs must have rank 3, 4 or 5 (1 to 3 spatial dimensions); received shape [${x.shape}].`);
  return rank;
}

/** `x` in channels_last layout: channels_first moves its channel axis 1 to the end. */
export function toChannelsLast(x: tf.Tensor, dataFormat: DataFormat): tf.Tensor {
  if (dataFormat === 'channels_last') return x;
  return tf.transpose(x, [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2), 1]);
}

/** The inverse of `toChannelsLast`. */
export function fromChannelsLast(x: tf.Tensor, dataFormat: DataFormat): tf.Tensor {
  if (dataFormat === 'channels_last') return x;
  return tf.transpose(x, [0, x.rank - 1, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 1)]);
}

/**
 * Keras's "same" padding of one spatial dimension, as its torch backend computes it: the total padding that
 * gives ceil(size / stride) outputs, split with the odd pixel at the end.
 */
export function samePadding(size: number, kernel: number, stride: number, dilation = 1): [number, number] {
  const effective = (kernel - 1) * dilation + 1;
  const outputs = Math.ceil(size / stride);
  const total = stride === 1 ? effective - 1 : Math.max(0, (outputs - 1) * stride + effective - size);
  const left = Math.floor(total / 2);
  return [left, total - left];
}

/** Pads the spatial dims of a channels_last tensor with zeros. */
export function padSpatial(x: tf.Tensor, pads: Array<[number, number]>): tf.Tensor {
  if (pads.every(([l, r]) => l === 0 && r === 0)) return x;
  return tf.pad(x, [[0, 0], ...pads, [0, 0]]);
}

/** Keeps every `strides[i]`-th position of each spatial dim of a channels_last tensor. */
function subsample(x: tf.Tensor, strides: number[]): tf.Tensor {
  if (strides.every((s) => s === 1)) return x;
  const begin = x.shape.map(() => 0);
  return tf.stridedSlice(x, begin, x.shape, [1, ...strides, 1]);
}

/** One ungrouped convolution of channels_last `x` with a (spatial..., in, out) kernel, no padding. */
function convValid(x: tf.Tensor, kernel: tf.Tensor, strides: number[], dilations: number[]): tf.Tensor {
  const rank = strides.length;
  // tfjs refuses strides and dilations both above 1; a stride-1 dilated conv subsampled afterwards is the same.
  const both = strides.some((s) => s > 1) && dilations.some((d) => d > 1);
  const step = both ? strides.map(() => 1) : strides;
  let result: tf.Tensor;
  if (rank === 1) {
    const out = tf.conv2d(tf.expandDims(x, 1) as tf.Tensor4D, tf.expandDims(kernel, 0) as tf.Tensor4D, [1, step[0]], 'valid', 'NHWC', [1, dilations[0]]);
    result = tf.squeeze(out, [1]);
  } else if (rank === 2) {
    result = tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, step as [number, number], 'valid', 'NHWC', dilations as [number, number]);
  } else {
    result = tf.conv3d(x as tf.Tensor5D, kernel as tf.Tensor5D, step as [number, number, number], 'valid', 'NDHWC', dilations as [number, number, number]);
  }
  return both ? subsample(result, strides) : result;
}

/**
 * A convolution of channels_last `x` with a Keras kernel (spatial..., in / groups, out), padded by `pads`. When the
 * input has a multiple of the kernel's input channels, the channels split into groups, as torch's `groups` does.
 */
export function convChannelsLast(x: tf.Tensor, kernel: tf.Tensor, strides: number[], dilations: number[], pads: Array<[number, number]>): tf.Tensor {
  const padded = padSpatial(x, pads);
  const inChannels = x.shape[x.rank - 1];
  const kernelIn = kernel.shape[kernel.rank - 2];
  const outChannels = kernel.shape[kernel.rank - 1];
  if (kernelIn === 0 || inChannels % kernelIn !== 0) {
    throw new RangeError(`conv: the input's channels (${inChannels}) must be a multiple of the kernel's input channels (${kernelIn}).`);
  }
  const groups = inChannels / kernelIn;
  if (groups === 1) return convValid(padded, kernel, strides, dilations);
  if (outChannels % groups !== 0) {
    throw new RangeError(`conv: with ${groups} channel groups the kernel's output channels (${outChannels}) must be a multiple of ${groups}.`);
  }
  const inputs = tf.split(padded, groups, padded.rank - 1);
  const kernels = tf.split(kernel, groups, kernel.rank - 1);
  return tf.concat(
    inputs.map((part, g) => convValid(part, kernels[g], strides, dilations)),
    padded.rank - 1,
  );
}

/** Inserts `stride - 1` zeros between consecutive positions of axis `axis`: size n becomes (n - 1) * stride + 1. */
export function spreadAxis(x: tf.Tensor, axis: number, stride: number): tf.Tensor {
  if (stride === 1) return x;
  const size = x.shape[axis];
  const paddings = Array.from({ length: x.rank + 1 }, (_, i): [number, number] => (i === axis + 1 ? [0, stride - 1] : [0, 0]));
  const spread = tf.pad(tf.expandDims(x, axis + 1), paddings);
  const merged = [...x.shape];
  merged[axis] = size * stride;
  const flat = tf.reshape(spread, merged);
  return tf.slice(flat, flat.shape.map(() => 0), flat.shape.map((s, i) => (i === axis ? (size - 1) * stride + 1 : s)));
}
