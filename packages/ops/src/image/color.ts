import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { type DataFormat, checkImagesRank, standardizeDataFormat } from './layout';

export interface DataFormatOptions {
  /** 'channels_last' (the default) or 'channels_first'. */
  dataFormat?: DataFormat | null;
}

function channelAxis(images: tf.Tensor, dataFormat: DataFormat): number {
  return dataFormat === 'channels_last' ? images.rank - 1 : images.rank - 3;
}

/**
 * `ops.image.rgbToGrayscale(images, { dataFormat })`: 0.2989 R + 0.587 G + 0.114 B (torchvision's weights), one
 * channel kept; a one-channel input is returned as a copy. Integer images are truncated back to their dtype.
 */
export const rgbToGrayscale = /* @__PURE__ */ defineOp({ name: 'rgb_to_grayscale', module: 'image' }, function rgbToGrayscale(
  images: TensorLike,
  options: DataFormatOptions = {},
): tf.Tensor {
  const format = standardizeDataFormat(options.dataFormat, 'rgbToGrayscale');
  return tf.tidy(() => {
    const x = toTensor(images);
    checkImagesRank(x, 'rgbToGrayscale');
    const axis = channelAxis(x, format);
    const channels = x.shape[axis];
    if (channels !== 1 && channels !== 3) throw new RangeError(`ops.image.rgbToGrayscale: expected 3 (RGB) or 1 (grayscale) channels; received shape [${x.shape}].`);
    if (channels === 1) return x.clone();
    const [r, g, b] = tf.split(tf.cast(x, 'float32'), 3, axis);
    const gray = tf.addN([tf.mul(r, 0.2989), tf.mul(g, 0.587), tf.mul(b, 0.114)]);
    return x.dtype === 'float32' ? gray : tf.cast(gray, x.dtype);
  });
});

function floatImages(images: TensorLike, op: string): tf.Tensor {
  const x = toTensor(images);
  checkImagesRank(x, op);
  if (x.dtype !== 'float32') throw new TypeError(`ops.image.${op}: invalid images dtype: expected a float dtype; received ${x.dtype}.`);
  return x;
}

/** `ops.image.rgbToHsv(images, { dataFormat })`: hue, saturation and value in [0, 1] (dm_pix's formulas, as Keras); float images only. */
export const rgbToHsv = /* @__PURE__ */ defineOp({ name: 'rgb_to_hsv', module: 'image' }, function rgbToHsv(images: TensorLike, options: DataFormatOptions = {}): tf.Tensor {
  const format = standardizeDataFormat(options.dataFormat, 'rgbToHsv');
  return tf.tidy(() => {
    let x = floatImages(images, 'rgbToHsv');
    const axis = channelAxis(x, format);
    // Values within float32's epsilon of zero count as zero, as in Keras.
    x = tf.where(tf.less(tf.abs(x), 1.1920928955078125e-7), tf.zerosLike(x), x);
    const [r, g, b] = tf.split(x, 3, axis);
    const value = tf.maximum(tf.maximum(r, g), b);
    const minimum = tf.minimum(tf.minimum(r, g), b);
    const range = tf.sub(value, minimum);
    const zero = tf.zerosLike(value);
    const one = tf.onesLike(value);
    const safeValue = tf.where(tf.greater(value, 0), value, one);
    const safeRange = tf.where(tf.greater(range, 0), range, one);
    const saturation = tf.where(tf.greater(value, 0), tf.div(range, safeValue), zero);
    const norm = tf.div(1, tf.mul(6, safeRange));
    let hue = tf.where(tf.equal(value, g), tf.add(tf.mul(norm, tf.sub(b, r)), 2 / 6), tf.add(tf.mul(norm, tf.sub(r, g)), 4 / 6));
    hue = tf.where(tf.equal(value, r), tf.mul(norm, tf.sub(g, b)), hue);
    hue = tf.add(tf.where(tf.greater(range, 0), hue, zero), tf.cast(tf.less(hue, 0), 'float32'));
    return tf.concat([hue, saturation, value], axis);
  });
});

/** `ops.image.hsvToRgb(images, { dataFormat })`: the inverse of `rgbToHsv` (dm_pix's formulas); float images only. */
export const hsvToRgb = /* @__PURE__ */ defineOp({ name: 'hsv_to_rgb', module: 'image' }, function hsvToRgb(images: TensorLike, options: DataFormatOptions = {}): tf.Tensor {
  const format = standardizeDataFormat(options.dataFormat, 'hsvToRgb');
  return tf.tidy(() => {
    const x = floatImages(images, 'hsvToRgb');
    const axis = channelAxis(x, format);
    const [hue, saturation, value] = tf.split(x, 3, axis);
    // torch.remainder(hue, 1): the floor modulus, in [0, 1) for negative hues too.
    const dh = tf.mul(tf.sub(hue, tf.floor(hue)), 6);
    const dr = tf.clipByValue(tf.sub(tf.abs(tf.sub(dh, 3)), 1), 0, 1);
    const dg = tf.clipByValue(tf.sub(2, tf.abs(tf.sub(dh, 2))), 0, 1);
    const db = tf.clipByValue(tf.sub(2, tf.abs(tf.sub(dh, 4))), 0, 1);
    const oneMinusS = tf.sub(1, saturation);
    const channel = (d: tf.Tensor) => tf.mul(value, tf.add(oneMinusS, tf.mul(saturation, d)));
    return tf.concat([channel(dr), channel(dg), channel(db)], axis);
  });
});
