import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { BaseImageAugmentation, type ImageAugmentationArgs } from './augmentation-base';
import { imageSize, inNHWC } from './augmentation-helpers';
import { aspectCropBox, checkTargetSize, type DataFormat, resizeNHWC, withSpatialSize } from './image-utils';

/** Keras's RandomCrop transformation: the top-left corner of the crop box. */
export type RandomCropTransformation = [hStart: number, wStart: number];

/**
 * Crops a batch of images to `height` × `width` at a random place in training
 * (the same place for the whole batch, as Keras; an image not larger than the
 * target on both sides is cut from the corner of its centred box and resized,
 * as Keras). In inference it crops the largest centred window of the target's
 * aspect ratio and resizes it to the target (bilinear), the behaviour Keras
 * documents: Keras 3.15.1 itself returns the images unchanged in inference,
 * against its own compute_output_shape; Strata keeps the shape it declares.
 */
export class RandomCrop extends BaseImageAugmentation<RandomCropTransformation | null> {
  static override className = 'RandomCrop';
  readonly height: number;
  readonly width: number;

  constructor(height: number, width: number, args: ImageAugmentationArgs = {}) {
    super(args);
    checkTargetSize('RandomCrop', height, width);
    this.height = height;
    this.width = width;
  }

  override getRandomTransformation(images: tf.Tensor4D, training = true, seed?: number): RandomCropTransformation {
    const next = this.seeds(seed);
    const [inputHeight, inputWidth] = imageSize(images, this.dataFormat);
    if (training && inputHeight > this.height && inputWidth > this.width) {
      // Keras draws each start as int(U(0, input - target + 1)), one draw per axis.
      const draw = (range: number) => Math.min(Math.floor(tf.tidy(() => tf.randomUniform([], 0, range, 'float32', next()).dataSync()[0])), range - 1);
      const hStart = draw(inputHeight - this.height + 1);
      return [hStart, draw(inputWidth - this.width + 1)];
    }
    const box = aspectCropBox(inputHeight, inputWidth, this.height, this.width);
    return [box.top, box.left];
  }

  /** In inference the base class would pass the images through; RandomCrop crops their centre. */
  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    if (options.training === true) return super.call(inputs, options);
    const input = inputs as tf.Tensor;
    this.batchSize(input); // refuses images of a rank other than 3 or 4
    return tf.tidy(() => {
      const output = this.transformImages((input.rank === 3 ? tf.expandDims(input, 0) : input) as tf.Tensor4D, null, false);
      return input.rank === 3 ? tf.squeeze(output, [0]) : output;
    });
  }

  /**
   * In training, Keras's crop: `height` × `width` pixels from the transformation's corner (fewer where the
   * image ends, then resized to the target). In inference, the largest centred window of the target's
   * aspect ratio, resized to the target.
   */
  override transformImages(images: tf.Tensor4D, transformation: RandomCropTransformation | null, training = true): tf.Tensor4D {
    return inNHWC(images, this.dataFormat, (nhwc) => {
      const [, inputHeight, inputWidth] = nhwc.shape;
      const source = tf.cast(nhwc, 'float32') as tf.Tensor4D;
      if (!training || transformation === null) {
        return resizeNHWC(source, this.height, this.width, { interpolation: 'bilinear', cropToAspectRatio: true });
      }
      const [hStart, wStart] = transformation;
      const cropHeight = Math.max(0, Math.min(this.height, inputHeight - hStart));
      const cropWidth = Math.max(0, Math.min(this.width, inputWidth - wStart));
      const crop = tf.slice(source, [0, hStart, wStart, 0], [-1, cropHeight, cropWidth, -1]) as tf.Tensor4D;
      if (cropHeight === this.height && cropWidth === this.width) return crop;
      return resizeNHWC(crop, this.height, this.width, { interpolation: 'bilinear' });
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return withSpatialSize('RandomCrop', inputShape, this.dataFormat, this.height, this.width);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), height: this.height, width: this.width, seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): RandomCrop {
    return new RandomCrop(config.height as number, config.width as number, {
      ...layerArgsFromConfig(config),
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
