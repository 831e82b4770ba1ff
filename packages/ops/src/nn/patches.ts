// Keras's unfold (im2col) and fold (col2im) for NCHW tensors (keras.ops.nn), with torch's layout.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { spatialTuple, spreadAxis } from './conv-utils';
import { floatInput } from './nn-utils';

export interface PatchOptions {
  /** The spacing between kernel points (one number for both dims). Default 1. */
  dilation?: number | number[];
  /** Zeros added on both sides of each spatial dim. Default 0. */
  padding?: number | number[];
  /** The step of the sliding window. Default 1. */
  stride?: number | number[];
}

interface Geometry {
  kernel: number[];
  dilation: number[];
  padding: number[];
  stride: number[];
}

function geometry(kernelSize: number | number[], options: PatchOptions): Geometry {
  return {
    kernel: spatialTuple(kernelSize, 2, 'kernel_size'),
    dilation: spatialTuple(options.dilation ?? 1, 2, 'dilation'),
    padding: spatialTuple(options.padding ?? 0, 2, 'padding', true),
    stride: spatialTuple(options.stride ?? 1, 2, 'stride'),
  };
}

function blocks(size: number, i: number, g: Geometry): number {
  return Math.floor((size + 2 * g.padding[i] - g.dilation[i] * (g.kernel[i] - 1) - 1) / g.stride[i]) + 1;
}

/** `ops.unfold(x, kernelSize, {dilation, padding, stride})`: (N, C, H, W) to (N, C * kH * kW, L) sliding blocks. */
export const unfold = /* @__PURE__ */ defineOp({ name: 'unfold', module: 'nn' }, function unfold(x: TensorLike, kernelSize: number | number[], options: PatchOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    if (tensor.rank !== 4) throw new RangeError(`unfold: input must be a 4D tensor; received input.shape=[${tensor.shape}].`);
    const g = geometry(kernelSize, options);
    const [n, c, h, w] = tensor.shape;
    const [outH, outW] = [blocks(h, 0, g), blocks(w, 1, g)];
    if (outH < 1 || outW < 1) throw new RangeError(`unfold: a ${g.kernel} kernel does not fit an input of spatial size ${h}x${w} with this padding and dilation.`);
    const padded = tf.pad(tensor, [[0, 0], [0, 0], [g.padding[0], g.padding[0]], [g.padding[1], g.padding[1]]]);
    const offsets: tf.Tensor[] = [];
    for (let i = 0; i < g.kernel[0]; i++) {
      for (let j = 0; j < g.kernel[1]; j++) {
        const top = i * g.dilation[0];
        const left = j * g.dilation[1];
        offsets.push(tf.stridedSlice(padded, [0, 0, top, left], [n, c, top + (outH - 1) * g.stride[0] + 1, left + (outW - 1) * g.stride[1] + 1], [1, 1, g.stride[0], g.stride[1]]));
      }
    }
    return tf.reshape(tf.stack(offsets, 2), [n, c * g.kernel[0] * g.kernel[1], outH * outW]);
  });
});

/** `ops.fold(x, outputSize, kernelSize, {dilation, padding, stride})`: sums (N, C * kH * kW, L) blocks into (N, C, oH, oW). */
export const fold = /* @__PURE__ */ defineOp({ name: 'fold', module: 'nn' }, function fold(x: TensorLike, outputSize: number | number[], kernelSize: number | number[], options: PatchOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = floatInput(x);
    if (tensor.rank !== 3) throw new RangeError(`fold: input must be a 3D tensor (N, C * kH * kW, L); received shape [${tensor.shape}].`);
    const g = geometry(kernelSize, options);
    const [h, w] = spatialTuple(outputSize, 2, 'output_size');
    const [n, ckk, length] = tensor.shape;
    const k = g.kernel[0] * g.kernel[1];
    const [outH, outW] = [blocks(h, 0, g), blocks(w, 1, g)];
    if (ckk % k !== 0 || outH * outW !== length) {
      throw new RangeError(`fold: input of shape [${tensor.shape}] does not hold ${outH}x${outW} blocks of C x ${g.kernel[0]}x${g.kernel[1]} for an output of ${h}x${w}.`);
    }
    const c = ckk / k;
    const parts = tf.unstack(tf.reshape(tensor, [n, c, k, outH, outW]), 2);
    const [paddedH, paddedW] = [h + 2 * g.padding[0], w + 2 * g.padding[1]];
    let sum: tf.Tensor = tf.zeros([n, c, paddedH, paddedW]);
    parts.forEach((part, index) => {
      const top = Math.floor(index / g.kernel[1]) * g.dilation[0];
      const left = (index % g.kernel[1]) * g.dilation[1];
      // Each kernel offset's values land every stride-th pixel from (top, left): spread them out, then pad to place.
      const spread = spreadAxis(spreadAxis(part, 2, g.stride[0]), 3, g.stride[1]);
      const [sh, sw] = [spread.shape[2] as number, spread.shape[3] as number];
      sum = tf.add(sum, tf.pad(spread, [[0, 0], [0, 0], [top, paddedH - top - sh], [left, paddedW - left - sw]]));
    });
    return tf.slice(sum, [0, 0, g.padding[0], g.padding[1]], [n, c, h, w]);
  });
});
