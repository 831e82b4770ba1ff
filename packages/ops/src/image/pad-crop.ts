import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { type DataFormat, checkImagesRank, standardizeDataFormat } from './layout';

type Maybe = number | null | undefined;

/** Of (before, after, target) exactly two must be given, none negative; returns [before, after] (padding) or [before, size] (cropping). */
function resolve(names: [string, string, string], [before, after, target]: [Maybe, Maybe, Maybe], op: string): void {
  const missing = [before, after, target].filter((v) => v === null || v === undefined).length;
  if (missing !== 1) throw new RangeError(`ops.image.${op}: must specify exactly two of ${names.join(', ')}; received ${names.map((n, i) => `${n}=${[before, after, target][i] ?? null}`).join(', ')}.`);
  [before, after, target].forEach((v, i) => {
    if (v !== null && v !== undefined && v < 0) throw new RangeError(`ops.image.${op}: ${names[i]} must be >= 0; received ${v}.`);
  });
}

function spatialAxes(images: tf.Tensor, format: DataFormat): [number, number] {
  const offset = images.rank === 4 ? 1 : 0;
  return format === 'channels_last' ? [offset, offset + 1] : [offset + 1, offset + 2];
}

export interface PadImagesOptions {
  topPadding?: number | null;
  leftPadding?: number | null;
  bottomPadding?: number | null;
  rightPadding?: number | null;
  targetHeight?: number | null;
  targetWidth?: number | null;
  dataFormat?: DataFormat | null;
}

/** `ops.image.padImages(images, options)`: zero padding; give two of top/bottom/targetHeight and two of left/right/targetWidth. */
export const padImages = /* @__PURE__ */ defineOp({ name: 'pad_images', module: 'image' }, function padImages(images: TensorLike, options: PadImagesOptions = {}): tf.Tensor {
  const format = standardizeDataFormat(options.dataFormat, 'padImages');
  const { topPadding, leftPadding, bottomPadding, rightPadding, targetHeight, targetWidth } = options;
  resolve(['top_padding', 'bottom_padding', 'target_height'], [topPadding, bottomPadding, targetHeight], 'padImages');
  resolve(['left_padding', 'right_padding', 'target_width'], [leftPadding, rightPadding, targetWidth], 'padImages');
  return tf.tidy(() => {
    const x = toTensor(images);
    checkImagesRank(x, 'padImages');
    const [rowAxis, colAxis] = spatialAxes(x, format);
    const height = x.shape[rowAxis];
    const width = x.shape[colAxis];
    const top = topPadding ?? (targetHeight as number) - (bottomPadding as number) - height;
    const bottom = bottomPadding ?? (targetHeight as number) - top - height;
    const left = leftPadding ?? (targetWidth as number) - (rightPadding as number) - width;
    const right = rightPadding ?? (targetWidth as number) - left - width;
    for (const [name, value] of Object.entries({ top_padding: top, bottom_padding: bottom, left_padding: left, right_padding: right })) {
      if (value < 0) throw new RangeError(`ops.image.padImages: ${name} must be >= 0; received ${value} (the target is smaller than the image).`);
    }
    const pads = x.shape.map(() => [0, 0] as [number, number]);
    pads[rowAxis] = [top, bottom];
    pads[colAxis] = [left, right];
    return tf.pad(x, pads);
  });
});

export interface CropImagesOptions {
  topCropping?: number | null;
  leftCropping?: number | null;
  bottomCropping?: number | null;
  rightCropping?: number | null;
  targetHeight?: number | null;
  targetWidth?: number | null;
  dataFormat?: DataFormat | null;
}

/** `ops.image.cropImages(images, options)`: give two of top/bottom/targetHeight and two of left/right/targetWidth. */
export const cropImages = /* @__PURE__ */ defineOp({ name: 'crop_images', module: 'image' }, function cropImages(images: TensorLike, options: CropImagesOptions = {}): tf.Tensor {
  const format = standardizeDataFormat(options.dataFormat, 'cropImages');
  const { topCropping, leftCropping, bottomCropping, rightCropping, targetHeight, targetWidth } = options;
  resolve(['top_cropping', 'bottom_cropping', 'target_height'], [topCropping, bottomCropping, targetHeight], 'cropImages');
  resolve(['left_cropping', 'right_cropping', 'target_width'], [leftCropping, rightCropping, targetWidth], 'cropImages');
  return tf.tidy(() => {
    const x = toTensor(images);
    checkImagesRank(x, 'cropImages');
    const [rowAxis, colAxis] = spatialAxes(x, format);
    const height = x.shape[rowAxis];
    const width = x.shape[colAxis];
    const top = topCropping ?? height - (targetHeight as number) - (bottomCropping as number);
    const outHeight = targetHeight ?? height - (bottomCropping as number) - top;
    const left = leftCropping ?? width - (targetWidth as number) - (rightCropping as number);
    const outWidth = targetWidth ?? width - (rightCropping as number) - left;
    for (const [name, value] of Object.entries({ top_cropping: top, target_height: outHeight, left_cropping: left, target_width: outWidth })) {
      if (value < 0) throw new RangeError(`ops.image.cropImages: ${name} must be >= 0; received ${value}.`);
    }
    if (top + outHeight > height || left + outWidth > width) {
      throw new RangeError(`ops.image.cropImages: a crop of ${outHeight}×${outWidth} at (${top}, ${left}) does not fit in images of shape [${x.shape}].`);
    }
    const begin = x.shape.map(() => 0);
    const size = [...x.shape];
    begin[rowAxis] = top;
    begin[colAxis] = left;
    size[rowAxis] = outHeight;
    size[colAxis] = outWidth;
    return tf.slice(x, begin, size);
  });
});
