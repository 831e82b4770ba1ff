import * as tf from '@tensorflow/tfjs-core';
import type { Shape } from '../engine/shape';

export type DataFormat = 'channels_last' | 'channels_first';
export type FillMode = 'reflect' | 'wrap' | 'constant' | 'nearest';
export type Interpolation = 'bilinear' | 'nearest';

export const FILL_MODES: readonly FillMode[] = ['reflect', 'wrap', 'constant', 'nearest'];
export const INTERPOLATIONS: readonly Interpolation[] = ['nearest', 'bilinear'];

/** Keras's standardize_data_format: null means the default, channels_last. */
export function standardizeDataFormat(layer: string, value: string | null | undefined): DataFormat {
  const format = value ?? 'channels_last';
  if (format !== 'channels_last' && format !== 'channels_first') {
    throw new Error(`${layer} expects \`data_format\` to be "channels_last" or "channels_first"; received data_format=${value}.`);
  }
  return format;
}

export function checkChoice<T extends string>(layer: string, argument: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`${layer} does not support \`${argument}\`="${value}"; expected one of ${allowed.map((a) => `"${a}"`).join(', ')}.`);
  }
  return value as T;
}

/**
 * Runs `transform` on a batch of channels-last images (NHWC) whatever the
 * layer's input: a single image (rank 3) or a batch (rank 4), channels last or
 * first. Returns the output in the input's layout.
 */
export function onImagesNHWC(
  layer: string,
  input: tf.Tensor,
  dataFormat: DataFormat,
  transform: (images: tf.Tensor4D) => tf.Tensor4D,
): tf.Tensor {
  if (input.rank !== 3 && input.rank !== 4) {
    throw new Error(`${layer} expects images of rank 3 (one image) or 4 (a batch); received a tensor of shape [${input.shape}].`);
  }
  return tf.tidy(() => {
    let images = (input.rank === 3 ? tf.expandDims(input, 0) : input) as tf.Tensor4D;
    if (dataFormat === 'channels_first') images = tf.transpose(images, [0, 2, 3, 1]);
    let output = transform(images);
    if (dataFormat === 'channels_first') output = tf.transpose(output, [0, 3, 1, 2]);
    return input.rank === 3 ? tf.squeeze(output, [0]) : output;
  });
}

/** The [height, width] axes of an image shape of rank 3 or 4 in `dataFormat`. */
export function spatialAxes(rank: number, dataFormat: DataFormat): [number, number] {
  const first = rank === 4 ? 1 : 0;
  return dataFormat === 'channels_last' ? [first, first + 1] : [first + 1, first + 2];
}

/** The shape with its height and width replaced (Keras's compute_output_shape of Resizing and CenterCrop). */
export function withSpatialSize(layer: string, inputShape: Shape, dataFormat: DataFormat, height: number, width: number): Shape {
  if (inputShape.length !== 3 && inputShape.length !== 4) {
    throw new Error(`${layer} expects an input shape of rank 3 (one image) or 4 (a batch); received [${inputShape}].`);
  }
  const shape = [...inputShape];
  const [h, w] = spatialAxes(shape.length, dataFormat);
  shape[h] = height;
  shape[w] = width;
  return shape;
}

/** The centred crop box (Keras's crop_to_aspect_ratio in backend.image.resize and smart_resize). */
export function aspectCropBox(height: number, width: number, targetHeight: number, targetWidth: number) {
  const cropHeight = Math.max(Math.min(height, Math.trunc((width * targetHeight) / targetWidth)), 1);
  const cropWidth = Math.max(Math.min(width, Math.trunc((height * targetWidth) / targetHeight)), 1);
  return {
    top: Math.trunc((height - cropHeight) / 2),
    left: Math.trunc((width - cropWidth) / 2),
    height: cropHeight,
    width: cropWidth,
  };
}

/** The padded size and image offset (Keras's pad_to_aspect_ratio in backend.image.resize). */
export function aspectPadBox(height: number, width: number, targetHeight: number, targetWidth: number) {
  const padHeight = Math.max(height, Math.trunc((width * targetHeight) / targetWidth));
  const padWidth = Math.max(width, Math.trunc((height * targetWidth) / targetHeight));
  return {
    top: Math.trunc((padHeight - height) / 2),
    left: Math.trunc((padWidth - width) / 2),
    height: padHeight,
    width: padWidth,
  };
}

export interface ResizeOptions {
  interpolation: Interpolation;
  cropToAspectRatio?: boolean;
  padToAspectRatio?: boolean;
  fillValue?: number;
}

/**
 * tf.image.resize as Keras calls it (half-pixel centres, no antialiasing),
 * after an optional centred crop or pad to the target aspect ratio.
 */
export function resizeNHWC(images: tf.Tensor4D, height: number, width: number, options: ResizeOptions): tf.Tensor4D {
  return tf.tidy(() => {
    let source = tf.cast(images, 'float32') as tf.Tensor4D;
    const [, inHeight, inWidth] = source.shape;
    if (options.cropToAspectRatio) {
      const box = aspectCropBox(inHeight, inWidth, height, width);
      source = tf.slice(source, [0, box.top, box.left, 0], [-1, box.height, box.width, -1]);
    } else if (options.padToAspectRatio) {
      const box = aspectPadBox(inHeight, inWidth, height, width);
      source = tf.pad(
        source,
        [
          [0, 0],
          [box.top, box.height - inHeight - box.top],
          [box.left, box.width - inWidth - box.left],
          [0, 0],
        ],
        options.fillValue ?? 0,
      );
    }
    if (source.shape[1] === height && source.shape[2] === width) return source;
    return options.interpolation === 'nearest'
      ? tf.image.resizeNearestNeighbor(source, [height, width], false, true)
      : tf.image.resizeBilinear(source, [height, width], false, true);
  });
}

/** Refuses a target height or width that is not a positive integer, naming the layer. */
export function checkTargetSize(layerName: string, height: number, width: number): void {
  for (const [name, value] of [
    ['height', height],
    ['width', width],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${layerName} expects \`${name}\` to be a positive integer; received ${value}.`);
    }
  }
}
