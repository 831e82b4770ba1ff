// Keras's transposed convolution (keras.ops.nn.conv_transpose) over 1 to 3 spatial dims.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import type { ConvOptions } from './conv';
import { convChannelsLast, fromChannelsLast, spatialRank, spreadAxis, spatialTuple, standardizeDataFormat, standardizePadding, toChannelsLast } from './conv-utils';
import { floatInput } from './nn-utils';

export interface ConvTransposeOptions extends ConvOptions {
  /** Extra size added at the end of each spatial dim of the output (one number for all); null gives Keras's default. */
  outputPadding?: number | number[] | null;
}

/**
 * The (left, right) padding of the stride-dilated input, as Keras computes it for its JAX backend (and crops its
 * torch backend's output to): "valid" gives (size - 1) * stride + max(kernel, stride) outputs, "same" size * stride,
 * and an explicit output padding adds to the right.
 */
function convTransposePadding(kernel: number, stride: number, dilation: number, padding: 'valid' | 'same', outputPadding: number | null): [number, number] {
  const effective = (kernel - 1) * dilation + 1;
  if (padding === 'valid') {
    const extra = outputPadding ?? Math.max(effective, stride) - effective;
    return [effective - 1, effective - 1 + extra];
  }
  const total = outputPadding === null ? stride + effective - 2 : effective + (effective % 2) - 2 + outputPadding;
  const left = Math.min(Math.floor(total / 2) + (total % 2), effective - 1);
  return [left, total - left];
}

/**
 * `ops.conv_transpose(inputs, kernel, {strides, padding, outputPadding, dataFormat, dilationRate})`: the gradient of
 * `conv` with respect to its input, with a (spatial..., out_channels, in_channels) kernel.
 */
export const convTranspose = /* @__PURE__ */ defineOp({ name: 'conv_transpose', module: 'nn' }, function convTranspose(inputs: TensorLike, kernel: TensorLike, options: ConvTransposeOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const dataFormat = standardizeDataFormat(options.dataFormat);
    const padding = standardizePadding(options.padding);
    let x = toChannelsLast(floatInput(inputs), dataFormat);
    const filter = floatInput(kernel);
    const rank = spatialRank('conv_transpose', x);
    const channels = x.shape[x.rank - 1];
    if (filter.rank !== rank + 2 || filter.shape[filter.rank - 1] !== channels) {
      throw new RangeError(`conv_transpose: the kernel must have shape (spatial..., out_channels, ${channels}) for inputs of shape [${x.shape}]; received [${filter.shape}].`);
    }
    const strides = spatialTuple(options.strides ?? 1, rank, 'strides');
    const dilations = spatialTuple(options.dilationRate ?? 1, rank, 'dilation_rate');
    const outputPadding = options.outputPadding === undefined || options.outputPadding === null ? null : spatialTuple(options.outputPadding, rank, 'output_padding', true);
    const pads = strides.map((s, i) => convTransposePadding(filter.shape[i], s, dilations[i], padding, outputPadding === null ? null : outputPadding[i]));
    for (let i = 0; i < rank; i++) x = spreadAxis(x, i + 1, strides[i]);
    // The transposed convolution is a convolution of the dilated input with the kernel flipped in space and its
    // channel axes swapped.
    const flipped = tf.reverse(filter, Array.from({ length: rank }, (_, i) => i));
    const swapped = tf.transpose(flipped, [...Array.from({ length: rank }, (_, i) => i), rank + 1, rank]);
    const ones = strides.map(() => 1);
    return fromChannelsLast(convChannelsLast(x, swapped, ones, dilations, pads), dataFormat);
  });
});
