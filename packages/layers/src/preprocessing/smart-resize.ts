import * as tf from '@tensorflow/tfjs-core';
import { INTERPOLATIONS, type DataFormat, type Interpolation, checkChoice, checkTargetSize, onImagesNHWC, resizeNHWC, standardizeDataFormat } from './image-utils';

export interface SmartResizeOptions {
  /** `'bilinear'` (the default) or `'nearest'`. */
  interpolation?: Interpolation;
  /** `'channels_last'` (the default) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
}

/**
 * Keras's `preprocessing.image.smart_resize`: resizes an image (rank 3) or a
 * batch of images (rank 4) to `size` without distorting it, by first cropping
 * the largest centred box of the target aspect ratio, as
 * `imageDatasetFromDirectory(..., { cropToAspectRatio: true })` does. Returns
 * float32 images.
 */
export function smartResize(images: tf.Tensor, size: [number, number], options: SmartResizeOptions = {}): tf.Tensor {
  if (!Array.isArray(size) || size.length !== 2) throw new TypeError(`smartResize expects \`size\` to be [height, width]; received ${JSON.stringify(size)}.`);
  checkTargetSize('smartResize', size[0], size[1]);
  if (images.rank !== 3 && images.rank !== 4) {
    throw new TypeError(`smartResize expects an image of rank 3 (height, width, channels) or a batch of rank 4; received a tensor of shape [${images.shape}].`);
  }
  const interpolation = checkChoice('smartResize', 'interpolation', options.interpolation ?? 'bilinear', INTERPOLATIONS);
  const dataFormat = standardizeDataFormat('smartResize', options.dataFormat);
  return tf.tidy(() => onImagesNHWC('smartResize', images, dataFormat, (batch) => resizeNHWC(batch, size[0], size[1], { interpolation, cropToAspectRatio: true })));
}
