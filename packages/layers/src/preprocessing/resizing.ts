import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import {
  checkTargetSize,
  type DataFormat,
  type Interpolation,
  onImagesNHWC,
  resizeNHWC,
  standardizeDataFormat,
  withSpatialSize,
} from './image-utils';

/** Keras's interpolation names; tfjs has kernels for the first two only. */
const KERAS_INTERPOLATIONS = ['bilinear', 'nearest', 'bicubic', 'lanczos3', 'lanczos5', 'area'];

export interface ResizingArgs extends LayerArgs {
  /** `'bilinear'` or `'nearest'` (tfjs has kernels for these two; Keras's others are refused). Default `'bilinear'`. */
  interpolation?: string;
  /** Crops the image to the target aspect ratio before resizing, so it is not distorted. Default `false`. */
  cropToAspectRatio?: boolean;
  /** Pads the image to the target aspect ratio (with `fillValue`) before resizing, so it is not distorted. Default `false`. */
  padToAspectRatio?: boolean;
  /** How padding is filled with `padToAspectRatio`; only `'constant'`. Default `'constant'`. */
  fillMode?: 'constant';
  /** The value of the padding with `padToAspectRatio`. Default `0`. */
  fillValue?: number;
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: DataFormat | null;
}

/**
 * Resizes images to `height` × `width` (tf.image.resize: half-pixel centres,
 * no antialiasing), optionally cropping or padding to the target aspect
 * ratio first. Integer images come back rounded, in their dtype.
 */
export class Resizing extends Layer {
  static override className = 'Resizing';
  readonly height: number;
  readonly width: number;
  readonly interpolation: Interpolation;
  readonly cropToAspectRatio: boolean;
  readonly padToAspectRatio: boolean;
  readonly fillMode: 'constant';
  readonly fillValue: number;
  readonly dataFormat: DataFormat;

  constructor(height: number, width: number, args: ResizingArgs = {}) {
    super(args);
    checkTargetSize('Resizing', height, width);
    const interpolation = args.interpolation ?? 'bilinear';
    if (!KERAS_INTERPOLATIONS.includes(interpolation)) {
      throw new Error(`Resizing does not know \`interpolation\`="${interpolation}"; expected one of ${KERAS_INTERPOLATIONS.join(', ')}.`);
    }
    if (interpolation !== 'bilinear' && interpolation !== 'nearest') {
      throw new Error(
        `Resizing: \`interpolation\`="${interpolation}" is a Keras option that Strata does not support yet (tfjs has no ${interpolation} kernel); use "bilinear" or "nearest".`,
      );
    }
    if (args.cropToAspectRatio && args.padToAspectRatio) {
      throw new Error('Resizing: only one of `cropToAspectRatio` and `padToAspectRatio` can be true.');
    }
    const fillMode = args.fillMode ?? 'constant';
    if (fillMode !== 'constant') {
      throw new Error(`Resizing supports \`fillMode\`="constant" only; received "${fillMode}".`);
    }
    this.height = height;
    this.width = width;
    this.interpolation = interpolation;
    this.cropToAspectRatio = args.cropToAspectRatio ?? false;
    this.padToAspectRatio = args.padToAspectRatio ?? false;
    this.fillMode = fillMode;
    this.fillValue = args.fillValue ?? 0;
    this.dataFormat = standardizeDataFormat('Resizing', args.dataFormat);
    this.hasBuildConfig = false;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    return tf.tidy(() => {
      const resized = onImagesNHWC('Resizing', input, this.dataFormat, (images) =>
        resizeNHWC(images, this.height, this.width, {
          interpolation: this.interpolation,
          cropToAspectRatio: this.cropToAspectRatio,
          padToAspectRatio: this.padToAspectRatio,
          fillValue: this.fillValue,
        }),
      );
      if (input.dtype === 'float32') return resized;
      // Keras rounds integer images and casts back to their dtype.
      return tf.cast(tf.round(resized), input.dtype);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return withSpatialSize('Resizing', inputShape, this.dataFormat, this.height, this.width);
  }

  protected override outputDtype(inputDtype: tf.DataType): tf.DataType {
    return inputDtype === 'int32' ? 'int32' : 'float32';
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      height: this.height,
      width: this.width,
      interpolation: this.interpolation,
      crop_to_aspect_ratio: this.cropToAspectRatio,
      pad_to_aspect_ratio: this.padToAspectRatio,
      fill_mode: this.fillMode,
      fill_value: this.fillValue,
      data_format: this.dataFormat,
    };
  }

  static fromConfig(config: Record<string, unknown>): Resizing {
    return new Resizing(config.height as number, config.width as number, {
      ...layerArgsFromConfig(config),
      interpolation: (config.interpolation as string) ?? 'bilinear',
      cropToAspectRatio: (config.crop_to_aspect_ratio as boolean) ?? false,
      padToAspectRatio: (config.pad_to_aspect_ratio as boolean) ?? false,
      fillMode: (config.fill_mode as 'constant') ?? 'constant',
      fillValue: (config.fill_value as number) ?? 0,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
