import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import {
  BaseImageAugmentation,
  type FactorArg,
  type ImageAugmentationArgs,
  parseFactor,
  parseValueRange,
  perImage,
  type ValueRange,
} from './augmentation-base';
import type { DataFormat } from './image-utils';

export interface RandomSharpnessArgs extends ImageAugmentationArgs {
  /** The range the pixel values lie in, [low, high]; outputs are clipped to it. Default `[0, 255]`. */
  valueRange?: ValueRange;
}

/** The random part of RandomSharpness: Keras's `factor` per image ([batch]); 0.5 keeps the image. */
export interface RandomSharpnessTransformation {
  factor: tf.Tensor;
}

/**
 * Keras's RandomSharpness: blends each image with its 3×3 smoothed version
 * (weights 1/13 around, 5/13 at the centre, zero padding),
 * `x + (1 - 2f)(smooth - x)`, `f` drawn per image in `factor` (in [0, 1]; a
 * number f means [0, f]): below 0.5 it blurs, above it sharpens. Clipped to
 * the value range; identity in inference.
 */
export class RandomSharpness extends BaseImageAugmentation<RandomSharpnessTransformation> {
  static override className = 'RandomSharpness';
  readonly factor: [number, number];
  readonly valueRange: ValueRange;

  constructor(factor: FactorArg, args: RandomSharpnessArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomSharpness', factor, [0, 1]);
    this.valueRange = parseValueRange('RandomSharpness', args.valueRange ?? [0, 255]);
  }

  getRandomTransformation(images: tf.Tensor, _training = true, seed?: number): RandomSharpnessTransformation {
    return { factor: tf.randomUniform([this.batchSize(images)], this.factor[0], this.factor[1], 'float32', this.seeds(seed)()) };
  }

  transformImages(images: tf.Tensor, transformation: RandomSharpnessTransformation, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training) return floats;
      const sharpened = this.onChannelsLast(floats, (nhwc) => {
        const a = 1 / 13;
        const b = 5 / 13;
        const channels = nhwc.shape[3];
        const kernel = tf.tile(tf.reshape(tf.tensor([a, a, a, a, b, a, a, a, a]), [3, 3, 1, 1]), [1, 1, channels, 1]) as tf.Tensor4D;
        const smoothed = tf.depthwiseConv2d(nhwc, kernel, 1, 'same');
        const keep = tf.sub(1, perImage(tf.mul(transformation.factor, 2)));
        return tf.add(nhwc, tf.mul(keep, tf.sub(smoothed, nhwc)));
      });
      return tf.clipByValue(sharpened, this.valueRange[0], this.valueRange[1]);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange], seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): RandomSharpness {
    return new RandomSharpness(config.factor as FactorArg, {
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as ValueRange | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
