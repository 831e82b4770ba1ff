import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { type DataFormat, applyAlongAxis, asBatchNhwc, checkImagesRank, standardizeDataFormat } from './layout';

// Keras's torch backend resizes with F.interpolate (align_corners=False). Strata builds the same interpolation
// weights in JavaScript (they depend only on the sizes) and applies them as one matrix product per axis.

export type ResizeInterpolation = 'bilinear' | 'nearest' | 'bicubic';

function cubic(x: number, a: number): number {
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  return 0;
}

/** The (outSize × inSize) interpolation weights torch uses along one axis. */
export function resizeWeights(inSize: number, outSize: number, interpolation: ResizeInterpolation, antialias: boolean): Float32Array {
  const w = new Float64Array(outSize * inSize);
  const scale = inSize / outSize;
  const add = (row: number, col: number, value: number) => {
    w[row * inSize + Math.min(Math.max(col, 0), inSize - 1)] += value;
  };
  for (let i = 0; i < outSize; i++) {
    if (interpolation === 'nearest') {
      add(i, Math.min(Math.floor((i + 0.5) * scale), inSize - 1), 1);
    } else if (antialias) {
      // torch's _upsample_*_aa: a filter widened by the scale when downsampling, weights normalized.
      const support = (interpolation === 'bilinear' ? 1 : 2) * Math.max(scale, 1);
      const center = scale * (i + 0.5);
      const invScale = scale >= 1 ? 1 / scale : 1;
      const start = Math.max(Math.trunc(center - support + 0.5), 0);
      const stop = Math.min(Math.trunc(center + support + 0.5), inSize);
      const filter = (x: number) => (interpolation === 'bilinear' ? Math.max(0, 1 - Math.abs(x)) : cubic(x, -0.5));
      const values = Array.from({ length: stop - start }, (_, j) => filter((j + start - center + 0.5) * invScale));
      const total = values.reduce((a, b) => a + b, 0);
      values.forEach((v, j) => add(i, start + j, total === 0 ? v : v / total));
    } else if (interpolation === 'bilinear') {
      const source = Math.max((i + 0.5) * scale - 0.5, 0);
      const low = Math.floor(source);
      const fraction = source - low;
      add(i, low, 1 - fraction);
      add(i, Math.min(low + 1, inSize - 1), fraction);
    } else {
      const source = (i + 0.5) * scale - 0.5;
      const low = Math.floor(source);
      const t = source - low;
      [cubic(t + 1, -0.75), cubic(t, -0.75), cubic(1 - t, -0.75), cubic(2 - t, -0.75)].forEach((v, k) => add(i, low - 1 + k, v));
    }
  }
  return Float32Array.from(w);
}

export interface ResizeOptions {
  /** 'bilinear' (the default), 'nearest' (torch's nearest-exact) or 'bicubic'; Keras's torch backend has no lanczos. */
  interpolation?: ResizeInterpolation | 'lanczos3' | 'lanczos5';
  /** Widen the filter when downsampling (bilinear and bicubic only). Default false. */
  antialias?: boolean;
  /** Crop the largest centred box of the target aspect ratio first. Default false. */
  cropToAspectRatio?: boolean;
  /** Pad to the target aspect ratio first, with `fillValue`. Default false. */
  padToAspectRatio?: boolean;
  /** Only 'constant' is supported, as in Keras's torch backend. */
  fillMode?: 'constant';
  /** The padding value for `padToAspectRatio`. Default 0. */
  fillValue?: number;
  dataFormat?: DataFormat | null;
}

/** Crops (or pads) NHWC images to the target aspect ratio, centred, as Keras's torch backend does. */
function fitAspectRatio(x: tf.Tensor4D, [targetHeight, targetWidth]: [number, number], crop: boolean, fillValue: number): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  if (crop) {
    const cropHeight = Math.max(Math.min(height, Math.trunc((width * targetHeight) / targetWidth)), 1);
    const cropWidth = Math.max(Math.min(width, Math.trunc((height * targetWidth) / targetHeight)), 1);
    const top = Math.trunc((height - cropHeight) / 2);
    const left = Math.trunc((width - cropWidth) / 2);
    return tf.slice(x, [0, top, left, 0], [batch, cropHeight, cropWidth, channels]);
  }
  const padHeight = Math.max(height, Math.trunc((width * targetHeight) / targetWidth));
  const padWidth = Math.max(width, Math.trunc((height * targetWidth) / targetHeight));
  const top = Math.trunc((padHeight - height) / 2);
  const left = Math.trunc((padWidth - width) / 2);
  // Keras pads the same amount on both sides (so an odd difference loses a row), height first.
  return tf.pad(
    x,
    [
      [0, 0],
      [top, top],
      [left, left],
      [0, 0],
    ],
    fillValue,
  );
}

/**
 * `ops.image.resize(images, size, options)`: images resized to `size` = [height, width] with torch's
 * interpolation numerics. Integer images are resized as float32, then rounded back to their dtype.
 */
export const resize = /* @__PURE__ */ defineOp({ name: 'resize', module: 'image' }, function resize(images: TensorLike, size: [number, number], options: ResizeOptions = {}): tf.Tensor {
  const { interpolation = 'bilinear', antialias = false, cropToAspectRatio = false, padToAspectRatio = false, fillMode = 'constant', fillValue = 0 } = options;
  const format = standardizeDataFormat(options.dataFormat, 'resize');
  if (interpolation === 'lanczos3' || interpolation === 'lanczos5') {
    throw new RangeError(`ops.image.resize: Lanczos interpolation is not supported (nor by Keras's torch backend); received "${interpolation}".`);
  }
  if (!['bilinear', 'nearest', 'bicubic'].includes(interpolation)) {
    throw new RangeError(`ops.image.resize: interpolation must be 'bilinear', 'nearest' or 'bicubic'; received "${interpolation}".`);
  }
  if (fillMode !== 'constant') throw new RangeError(`ops.image.resize: only fillMode 'constant' is supported; received "${fillMode}".`);
  if (cropToAspectRatio && padToAspectRatio) throw new RangeError('ops.image.resize: only one of padToAspectRatio and cropToAspectRatio can be true.');
  if (!Array.isArray(size) || size.length !== 2) throw new RangeError(`ops.image.resize: size must be [height, width]; received ${JSON.stringify(size)}.`);
  return tf.tidy(() => {
    const input = toTensor(images);
    checkImagesRank(input, 'resize');
    const { x, restore } = asBatchNhwc(tf.cast(input, 'float32'), format);
    const fitted = cropToAspectRatio || padToAspectRatio ? fitAspectRatio(x, size, cropToAspectRatio, fillValue) : x;
    const smooth = antialias && interpolation !== 'nearest';
    const [, height, width] = fitted.shape;
    const rows = tf.tensor2d(resizeWeights(height, size[0], interpolation as ResizeInterpolation, smooth), [size[0], height]);
    const cols = tf.tensor2d(resizeWeights(width, size[1], interpolation as ResizeInterpolation, smooth), [size[1], width]);
    const resized = restore(applyAlongAxis(applyAlongAxis(fitted, rows, 1), cols, 2));
    return input.dtype === 'float32' ? resized : tf.cast(tf.round(resized), input.dtype);
  });
});
