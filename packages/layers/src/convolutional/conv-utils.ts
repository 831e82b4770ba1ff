import { conv2dAffine, conv3d } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';

export type Padding = 'valid' | 'same' | 'causal';
export type DataFormat = 'channels_last' | 'channels_first';

/** Keras's standardize_tuple: an int becomes `rank` copies; a list must have `rank` positive integers. */
export function normalizeTuple(value: number | number[], rank: number, argumentName: string): number[] {
  const tuple = typeof value === 'number' ? new Array<number>(rank).fill(value) : [...value];
  if (tuple.length !== rank || !tuple.every((v) => Number.isInteger(v) && v > 0)) {
    throw new Error(
      `The \`${argumentName}\` argument must be a tuple of ${rank} positive integers. Received: ${argumentName}=${JSON.stringify(value)}`,
    );
  }
  return tuple;
}

/** Keras's standardize_padding: 'valid' or 'same' (any case), and 'causal' where allowed (1D convolutions). */
export function normalizePadding(value: string | undefined, allowCausal = false): Padding {
  const padding = (value ?? 'valid').toLowerCase();
  if (padding === 'valid' || padding === 'same' || (allowCausal && padding === 'causal')) return padding as Padding;
  const allowed = allowCausal ? '"valid", "same" or "causal"' : '"valid" or "same"';
  throw new Error(`The \`padding\` argument must be one of ${allowed}. Received: padding=${value}`);
}

export function normalizeDataFormat(value: string | null | undefined): DataFormat {
  const format = (value ?? 'channels_last').toLowerCase();
  if (format === 'channels_last' || format === 'channels_first') return format;
  throw new Error(`The \`data_format\` argument must be one of "channels_first", "channels_last". Received: data_format=${value}`);
}

/**
 * Output length of a convolution or pooling window along one axis, as Keras's
 * compute_conv_output_shape: 'valid' keeps whole windows, 'same' and 'causal'
 * give ceil(length / stride). Unknown lengths stay unknown.
 */
export function convOutputLength(length: number | null, kernel: number, stride: number, padding: Padding, dilation = 1): number | null {
  if (length === null) return null;
  const effectiveKernel = (kernel - 1) * dilation + 1;
  return padding === 'valid' ? Math.floor((length - effectiveKernel) / stride) + 1 : Math.floor((length - 1) / stride) + 1;
}

/**
 * Output length of a transposed convolution along one axis (Keras's
 * compute_conv_transpose_output_shape, the TensorFlow convention).
 */
export function deconvOutputLength(
  length: number | null,
  kernel: number,
  stride: number,
  padding: Padding,
  outputPadding: number | null,
  dilation = 1,
): number | null {
  if (length === null) return null;
  const effectiveKernel = (kernel - 1) * dilation + 1;
  if (padding === 'valid') {
    const extra = outputPadding ?? Math.max(effectiveKernel, stride) - effectiveKernel;
    return (length - 1) * stride + effectiveKernel + extra;
  }
  if (outputPadding === null) return length * stride;
  return (length - 1) * stride + effectiveKernel - 2 * Math.floor(effectiveKernel / 2) + outputPadding;
}

/** Padding before the first element of an axis for TensorFlow's 'same' rule (the extra element goes after). */
export function samePaddingBefore(outputLength: number, inputLength: number, effectiveKernel: number, stride: number): number {
  const total = Math.max((outputLength - 1) * stride + effectiveKernel - inputLength, 0);
  return Math.floor(total / 2);
}

/**
 * Spreads the elements of `rates.length` consecutive axes, starting at
 * `firstAxis`, `rate` apart with zeros between them: [a, b] at rate 2 becomes
 * [a, 0, b]. Built from differentiable reshape/pad/slice ops.
 */
export function spreadAxes(tensor: tf.Tensor, rates: number[], firstAxis: number): tf.Tensor {
  let result = tensor;
  rates.forEach((rate, offset) => {
    if (rate === 1) return;
    const axis = firstAxis + offset;
    const shape = result.shape;
    const size = shape[axis];
    // A rank-4 view [before, size, 1, after], padded on its third axis: tfjs-backend-webgpu 4.22's Pad
    // shader does not compile for rank 5 (it indexes a vec5) and leaves zeros, which made dilated and
    // transposed convolutions wrong on webgpu.
    const product = (dims: number[]) => dims.reduce((total, d) => total * d, 1);
    const expanded = tf.reshape(result, [product(shape.slice(0, axis)), size, 1, product(shape.slice(axis + 1))]);
    const padded = tf.pad(expanded, [[0, 0], [0, 0], [0, rate - 1], [0, 0]]);
    const spread = tf.reshape(padded, [...shape.slice(0, axis), size * rate, ...shape.slice(axis + 1)]);
    const sliceSize = shape.map((d, i) => (i === axis ? (size - 1) * rate + 1 : d));
    result = tf.slice(spread, shape.map(() => 0), sliceSize);
  });
  return result;
}

/**
 * `x + bias` on the last axis. Above rank 4 on a [rest, channels] view: tfjs-backend-webgpu 4.22's
 * broadcasting shader does not compile for rank 5 (it indexes a vec5), which left Conv3D's output wrong.
 */
export function addBias(x: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  if (x.rank <= 4) return tf.add(x, bias);
  return tf.reshape(tf.add(tf.reshape(x, [-1, x.shape[x.rank - 1]]), bias), x.shape);
}

/**
 * A kernel whose spatial taps (its first axes) sit `dilation` apart. tfjs has
 * no gradient for dilated convolutions, so dilated layers convolve with this
 * larger kernel instead: the same sums, and differentiable.
 */
export function dilateKernel(kernel: tf.Tensor, dilation: number[]): tf.Tensor {
  return spreadAxes(kernel, dilation, 0);
}

/** Permutation that moves the channel axis of a channels_first tensor to the end. */
export function toChannelsLastPermutation(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}

/** Permutation that moves the last (channel) axis to position 1. */
export function toChannelsFirstPermutation(rank: number): number[] {
  return [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
}

/** Runs `body` on a channels_last view of `input` and returns the result in the layer's data format. */
export function inChannelsLast(input: tf.Tensor, dataFormat: DataFormat, body: (x: tf.Tensor) => tf.Tensor): tf.Tensor {
  if (dataFormat === 'channels_last') return body(input);
  const output = body(tf.transpose(input, toChannelsLastPermutation(input.rank)));
  return tf.transpose(output, toChannelsFirstPermutation(output.rank));
}

/** A channels_last shape for a shape in `dataFormat`, and back. */
export function shapeToChannelsLast<T>(shape: T[], dataFormat: DataFormat): T[] {
  return dataFormat === 'channels_last' ? [...shape] : toChannelsLastPermutation(shape.length).map((i) => shape[i]);
}

export function shapeFromChannelsLast<T>(shape: T[], dataFormat: DataFormat): T[] {
  return dataFormat === 'channels_last' ? [...shape] : toChannelsFirstPermutation(shape.length).map((i) => shape[i]);
}

/**
 * Cross-correlation of a channels_last input with an unsplit kernel of shape
 * `[...kernelSize, inChannels, outChannels]`, for 1, 2 or 3 spatial axes.
 * 1D runs as 2D with a height of one, since tfjs's conv1d is itself that.
 * 1D and 2D are @strata/backend's `conv2dAffine` without bias, whose
 * gradients run Strata's kernels where the backend has them (tfjs-backend-wasm's
 * Conv2DBackpropInput is a plain loop). 3D is @strata/backend's `conv3d`, whose gradients are right on every backend
 * (tfjs-backend-wasm's own are wrong with strides and 'same' padding).
 */
export function convolve(input: tf.Tensor, kernel: tf.Tensor, strides: number[], padding: 'valid' | 'same'): tf.Tensor {
  const spatialRank = input.rank - 2;
  if (spatialRank === 1) {
    const output = conv2dAffine(
      tf.expandDims(input, 1) as tf.Tensor4D,
      tf.expandDims(kernel, 0) as tf.Tensor4D,
      undefined,
      [1, strides[0]],
      padding,
    );
    return tf.squeeze(output, [1]);
  }
  if (spatialRank === 2) return conv2dAffine(input as tf.Tensor4D, kernel as tf.Tensor4D, undefined, strides as [number, number], padding);
  if (spatialRank === 3) {
    return conv3d(input as tf.Tensor5D, kernel as tf.Tensor5D, strides as [number, number, number], padding);
  }
  throw new Error(`Convolutions take 1, 2 or 3 spatial axes; received an input of rank ${input.rank}.`);
}

/** Convolution in `groups` independent channel groups, concatenated on the channel axis (Keras's `groups`). */
export function groupedConvolve(
  input: tf.Tensor,
  kernel: tf.Tensor,
  strides: number[],
  padding: 'valid' | 'same',
  groups: number,
): tf.Tensor {
  if (groups === 1) return convolve(input, kernel, strides, padding);
  const inputGroups = tf.split(input, groups, input.rank - 1);
  const kernelGroups = tf.split(kernel, groups, kernel.rank - 1);
  return tf.concat(
    inputGroups.map((group, i) => convolve(group, kernelGroups[i], strides, padding)),
    input.rank - 1,
  );
}
