import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { checkTargetSize, type DataFormat, onImagesNHWC, resizeNHWC, standardizeDataFormat, withSpatialSize } from './image-utils';

export interface CenterCropArgs extends LayerArgs {
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: DataFormat | null;
}

/**
 * Crops the centre `height` × `width` of images. An image smaller than the
 * target on either side is instead resized to it after a centred crop to the
 * target aspect ratio (Keras's smart_resize, bilinear). Outputs are float32.
 */
export class CenterCrop extends Layer {
  static override className = 'CenterCrop';
  readonly height: number;
  readonly width: number;
  readonly dataFormat: DataFormat;

  constructor(height: number, width: number, args: CenterCropArgs = {}) {
    super(args);
    checkTargetSize('CenterCrop', height, width);
    this.height = height;
    this.width = width;
    this.dataFormat = standardizeDataFormat('CenterCrop', args.dataFormat);
    this.hasBuildConfig = false;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return onImagesNHWC('CenterCrop', inputs as tf.Tensor, this.dataFormat, (images) => {
      const floats = tf.cast(images, 'float32') as tf.Tensor4D;
      const [, height, width] = floats.shape;
      const heightDiff = height - this.height;
      const widthDiff = width - this.width;
      if (heightDiff >= 0 && widthDiff >= 0) {
        const top = Math.trunc(heightDiff / 2);
        const left = Math.trunc(widthDiff / 2);
        return tf.slice(floats, [0, top, left, 0], [-1, this.height, this.width, -1]);
      }
      return resizeNHWC(floats, this.height, this.width, { interpolation: 'bilinear', cropToAspectRatio: true });
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return withSpatialSize('CenterCrop', inputShape, this.dataFormat, this.height, this.width);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), height: this.height, width: this.width, data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): CenterCrop {
    return new CenterCrop(config.height as number, config.width as number, {
      ...layerArgsFromConfig(config),
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
