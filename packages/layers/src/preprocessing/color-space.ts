import * as tf from '@tensorflow/tfjs-core';

/**
 * Colour-space conversions of channels-last image batches, as Keras 3's
 * `keras.ops.image` computes them (its torch backend, after dm_pix and
 * torchvision), so that the colour augmentation layers meet Keras's numbers.
 */

function checkRgb(what: string, images: tf.Tensor, allowGray = false): void {
  const channels = images.shape[images.rank - 1];
  if (channels !== 3 && !(allowGray && channels === 1)) {
    throw new Error(`${what} expects images with 3 (RGB) channels${allowGray ? ' or 1' : ''}; received images of shape [${images.shape}].`);
  }
}

/** Keras's rgb_to_grayscale: 0.2989 R + 0.587 G + 0.114 B, one channel (a one-channel image is returned as it is). */
export function rgbToGrayscale(images: tf.Tensor): tf.Tensor {
  checkRgb('rgbToGrayscale', images, true);
  if (images.shape[images.rank - 1] === 1) return tf.clone(images);
  return tf.tidy(() => {
    const [r, g, b] = tf.split(images, 3, -1);
    return tf.addN([tf.mul(r, 0.2989), tf.mul(g, 0.587), tf.mul(b, 0.114)]);
  });
}

/** Keras's rgb_to_hsv: hue and saturation in [0, 1], value in the images' own scale. */
export function rgbToHsv(images: tf.Tensor): tf.Tensor {
  checkRgb('rgbToHsv', images);
  return tf.tidy(() => {
    const eps = 1.1920928955078125e-7; // float32's machine epsilon, as torch.finfo
    const clean = tf.where(tf.less(tf.abs(images), eps), tf.zerosLike(images), images);
    const [r, g, b] = tf.split(clean, 3, -1);
    const value = tf.maximum(tf.maximum(r, g), b);
    const minimum = tf.minimum(tf.minimum(r, g), b);
    const range = tf.sub(value, minimum);
    const ones = tf.onesLike(value);
    const zeros = tf.zerosLike(value);
    const safeValue = tf.where(tf.greater(value, 0), value, ones);
    const safeRange = tf.where(tf.greater(range, 0), range, ones);
    const saturation = tf.where(tf.greater(value, 0), tf.div(range, safeValue), zeros);
    const norm = tf.div(1, tf.mul(safeRange, 6));
    let hue = tf.where(
      tf.equal(value, g),
      tf.add(tf.mul(norm, tf.sub(b, r)), 2 / 6),
      tf.add(tf.mul(norm, tf.sub(r, g)), 4 / 6),
    );
    hue = tf.where(tf.equal(value, r), tf.mul(norm, tf.sub(g, b)), hue);
    // The wrap of negative hues reads the hue before the grey pixels are zeroed, as Keras.
    hue = tf.add(tf.where(tf.greater(range, 0), hue, zeros), tf.cast(tf.less(hue, 0), 'float32'));
    return tf.concat([hue, saturation, value], -1);
  });
}

/** Keras's hsv_to_rgb, the inverse of rgbToHsv (the hue taken modulo 1). */
export function hsvToRgb(images: tf.Tensor): tf.Tensor {
  checkRgb('hsvToRgb', images);
  return tf.tidy(() => {
    const [hue, saturation, value] = tf.split(images, 3, -1);
    const dh = tf.mul(tf.sub(hue, tf.floor(hue)), 6);
    const dr = tf.clipByValue(tf.sub(tf.abs(tf.sub(dh, 3)), 1), 0, 1);
    const dg = tf.clipByValue(tf.sub(2, tf.abs(tf.sub(dh, 2))), 0, 1);
    const db = tf.clipByValue(tf.sub(2, tf.abs(tf.sub(dh, 4))), 0, 1);
    const oneMinusS = tf.sub(1, saturation);
    const plane = (d: tf.Tensor) => tf.mul(value, tf.add(oneMinusS, tf.mul(saturation, d)));
    return tf.concat([plane(dr), plane(dg), plane(db)], -1);
  });
}
