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
import { hsvToRgb, rgbToHsv } from './color-space';
import type { DataFormat } from './image-utils';

export interface RandomSaturationArgs extends ImageAugmentationArgs {
  /** The range the pixel values lie in, [low, high]. Default `[0, 255]`. */
  valueRange?: ValueRange;
}

/** The random part of RandomSaturation: Keras's `factor`, the saturation multiplier per image ([batch]). */
export interface RandomSaturationTransformation {
  factor: tf.Tensor;
}

/** Keras's backend epsilon (keras.config.epsilon()). */
const EPSILON = 1e-7;

/**
 * Keras's RandomSaturation: multiplies the HSV saturation of each RGB image
 * by `f / (1 - f)`, `f` drawn per image in `factor` (a number f means
 * [-f, f], as Keras's base bounds of [-1, 1]); 0.5 keeps the image, 0 makes
 * it grey, 1 saturates it. The saturation is clipped to the value range, as
 * Keras; identity in inference.
 */
export class RandomSaturation extends BaseImageAugmentation<RandomSaturationTransformation> {
  static override className = 'RandomSaturation';
  readonly factor: [number, number];
  readonly valueRange: ValueRange;

  constructor(factor: FactorArg, args: RandomSaturationArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomSaturation', factor, [-1, 1]);
    this.valueRange = parseValueRange('RandomSaturation', args.valueRange ?? [0, 255]);
  }

  getRandomTransformation(images: tf.Tensor, _training = true, seed?: number): RandomSaturationTransformation {
    return tf.tidy(() => {
      const f = tf.randomUniform([this.batchSize(images)], this.factor[0], this.factor[1], 'float32', this.seeds(seed)());
      return { factor: tf.div(f, tf.add(tf.sub(1, f), EPSILON)) };
    });
  }

  transformImages(images: tf.Tensor, transformation: RandomSaturationTransformation, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training) return floats;
      return this.onChannelsLast(floats, (nhwc) => {
        const [hue, saturation, value] = tf.split(rgbToHsv(nhwc), 3, -1);
        const scaled = tf.clipByValue(tf.mul(saturation, perImage(transformation.factor)), this.valueRange[0], this.valueRange[1]);
        return hsvToRgb(tf.concat([hue, scaled, value], -1));
      });
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange], seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): RandomSaturation {
    return new RandomSaturation(config.factor as FactorArg, {
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as ValueRange | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
