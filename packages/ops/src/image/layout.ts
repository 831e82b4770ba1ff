import * as tf from '@tensorflow/tfjs-core';

/** Keras's `data_format`: where the channels axis is. Default 'channels_last', Keras's `image_data_format()`. */
export type DataFormat = 'channels_last' | 'channels_first';

export function standardizeDataFormat(dataFormat: DataFormat | null | undefined, op: string): DataFormat {
  const format = dataFormat ?? 'channels_last';
  if (format !== 'channels_last' && format !== 'channels_first') {
    throw new RangeError(`ops.image.${op}: dataFormat must be 'channels_last' or 'channels_first'; received "${String(dataFormat)}".`);
  }
  return format;
}

/** Refuses images that are not one image (rank 3) or a batch of them (rank 4), with Keras's message. */
export function checkImagesRank(images: tf.Tensor, op: string, name = 'images'): void {
  if (images.rank !== 3 && images.rank !== 4) {
    throw new RangeError(`ops.image.${op}: invalid ${name} rank: expected rank 3 (single image) or rank 4 (batch of images); received shape [${images.shape}].`);
  }
}

/**
 * Images as a batch in channels-last layout (NHWC), and the function that puts a result of the same layout
 * back into the caller's (channels first, unbatched). Call inside a tidy.
 */
export function asBatchNhwc(images: tf.Tensor, dataFormat: DataFormat): { x: tf.Tensor4D; restore: (y: tf.Tensor) => tf.Tensor } {
  const unbatched = images.rank === 3;
  let x = unbatched ? tf.expandDims(images, 0) : images;
  if (dataFormat === 'channels_first') x = tf.transpose(x, [0, 2, 3, 1]);
  const restore = (y: tf.Tensor) => {
    let out = dataFormat === 'channels_first' ? tf.transpose(y, [0, 3, 1, 2]) : y;
    if (unbatched) out = tf.squeeze(out, [0]);
    return out;
  };
  return { x: x as tf.Tensor4D, restore };
}

/**
 * A 2D cross-correlation of each channel of NHWC `x` with one `kernel` (kh × kw), zero padding `[[top, bottom],
 * [left, right]]`: torch's `conv2d(..., groups=channels)` with the same kernel for every channel.
 */
export function depthwise(x: tf.Tensor4D, kernel: tf.Tensor2D, padding: [[number, number], [number, number]]): tf.Tensor4D {
  const channels = x.shape[3];
  const [kh, kw] = kernel.shape;
  const filter = tf.tile(tf.reshape(kernel, [kh, kw, 1, 1]), [1, 1, channels, 1]) as tf.Tensor4D;
  const padded = tf.pad(x, [[0, 0], padding[0], padding[1], [0, 0]]);
  return tf.depthwiseConv2d(padded, filter, 1, 'valid');
}

/**
 * Applies a linear map along one axis: `out[..., i, ...] = Σ_j weights[i][j] x[..., j, ...]`, with `weights`
 * (outSize × inSize). Separable resampling (resize, scaleAndTranslate) is one of these per spatial axis.
 */
export function applyAlongAxis(x: tf.Tensor, weights: tf.Tensor2D, axis: number): tf.Tensor {
  const order = [axis, ...x.shape.map((_, i) => i).filter((i) => i !== axis)];
  const moved = tf.transpose(x, order);
  const rest = moved.shape.slice(1);
  const flat = tf.reshape(moved, [x.shape[axis], rest.reduce((a, b) => a * b, 1)]) as tf.Tensor2D;
  const mapped = tf.reshape(tf.matMul(weights, flat), [weights.shape[0], ...rest]);
  const inverse = order.map((_, i) => order.indexOf(i));
  return tf.transpose(mapped, inverse);
}
