// Keras's depth_to_space and space_to_depth (keras.ops.nn) for 4-D tensors, with Keras's channel order.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { standardizeDataFormat } from './conv-utils';

export interface BlockOptions {
  /** "channels_last" (the default, NHWC) or "channels_first" (NCHW). */
  dataFormat?: string;
}

function check4d(name: string, x: tf.Tensor, blockSize: number): void {
  if (x.rank !== 4) throw new RangeError(`${name}: x must be a 4-D tensor; received shape [${x.shape}].`);
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`${name}: blockSize must be a positive integer; received ${blockSize}.`);
}

/** `ops.depth_to_space(x, blockSize, {dataFormat})`: moves blocks of channels into blockSize x blockSize spatial tiles. */
export const depthToSpace = /* @__PURE__ */ defineOp({ name: 'depth_to_space', module: 'nn' }, function depthToSpace(x: TensorLike, blockSize: number, options: BlockOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    check4d('depth_to_space', tensor, blockSize);
    const b = blockSize;
    if (standardizeDataFormat(options.dataFormat) === 'channels_last') {
      const [n, h, w, c] = tensor.shape as number[];
      if (c % (b * b) !== 0) throw new RangeError(`depth_to_space: the channels (${c}) must be a multiple of blockSize² (${b * b}).`);
      const blocks = tf.reshape(tensor, [n, h, w, b, b, c / (b * b)]);
      return tf.reshape(tf.transpose(blocks, [0, 1, 3, 2, 4, 5]), [n, h * b, w * b, c / (b * b)]);
    }
    const [n, c, h, w] = tensor.shape as number[];
    if (c % (b * b) !== 0) throw new RangeError(`depth_to_space: the channels (${c}) must be a multiple of blockSize² (${b * b}).`);
    // Keras's channels_first order keeps the output channel major: (C', bH, bW) splits C.
    const blocks = tf.reshape(tensor, [n, c / (b * b), b, b, h, w]);
    return tf.reshape(tf.transpose(blocks, [0, 1, 4, 2, 5, 3]), [n, c / (b * b), h * b, w * b]);
  });
});

/** `ops.space_to_depth(x, blockSize, {dataFormat})`: moves blockSize x blockSize spatial tiles into channels. */
export const spaceToDepth = /* @__PURE__ */ defineOp({ name: 'space_to_depth', module: 'nn' }, function spaceToDepth(x: TensorLike, blockSize: number, options: BlockOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    check4d('space_to_depth', tensor, blockSize);
    const b = blockSize;
    const channelsLast = standardizeDataFormat(options.dataFormat) === 'channels_last';
    const shape = tensor.shape as number[];
    const [n, h, w, c] = channelsLast ? shape : [shape[0], shape[2], shape[3], shape[1]];
    if (h % b !== 0 || w % b !== 0) throw new RangeError(`space_to_depth: the spatial size ${h}x${w} must be divisible by blockSize ${b}.`);
    if (channelsLast) {
      const blocks = tf.reshape(tensor, [n, h / b, b, w / b, b, c]);
      return tf.reshape(tf.transpose(blocks, [0, 1, 3, 2, 4, 5]), [n, h / b, w / b, c * b * b]);
    }
    const blocks = tf.reshape(tensor, [n, c, h / b, b, w / b, b]);
    return tf.reshape(tf.transpose(blocks, [0, 1, 3, 5, 2, 4]), [n, c * b * b, h / b, w / b]);
  });
});
