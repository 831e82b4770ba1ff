import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import {
  BaseImageAugmentation,
  type FactorArg,
  type ImageAugmentationArgs,
  parseFactor,
  parseValueRange,
  perImage,
  transformValueRange,
  type ValueRange,
} from './augmentation-base';
import { hsvToRgb, rgbToHsv } from './color-space';
import type { DataFormat } from './image-utils';

export interface RandomHueArgs extends ImageAugmentationArgs {
  /** The range the pixel values lie in, [low, high]. Default `[0, 255]`. */
  valueRange?: ValueRange;
}

/** The random part of RandomHue: Keras's `factor`, the hue shift per image in turns ([batch], within [-0.5, 0.5]). */
export interface RandomHueTransformation {
  factor: tf.Tensor;
}

/**
 * Keras's RandomHue: rotates the hue of each RGB image by half a magnitude
 * drawn in `factor` (in [0, 1]; a number f means [0, f]) with a random sign,
 * wrapping around the colour wheel; identity in inference.
 */
export class RandomHue extends BaseImageAugmentation<RandomHueTransformation> {
  static override className = 'RandomHue';
  readonly factor: [number, number];
  readonly valueRange: ValueRange;

  constructor(factor: FactorArg, args: RandomHueArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomHue', factor, [0, 1]);
    // Keras keeps this layer's value range in the order given.
    this.valueRange = parseValueRange('RandomHue', args.valueRange ?? [0, 255], false);
  }

  getRandomTransformation(images: tf.Tensor, _training = true, seed?: number): RandomHueTransformation {
    const batch = this.batchSize(images);
    const next = this.seeds(seed);
    return tf.tidy(() => {
      const sign = tf.where(tf.greater(tf.randomUniform([batch], 0, 1, 'float32', next()), 0.5), tf.fill([batch], -1), tf.ones([batch]));
      const magnitude = tf.randomUniform([batch], this.factor[0], this.factor[1], 'float32', next());
      return { factor: tf.mul(tf.mul(sign, magnitude), 0.5) };
    });
  }

  transformImages(images: tf.Tensor, transformation: RandomHueTransformation, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training) return floats;
      const unit = transformValueRange(floats, this.valueRange, [0, 1]);
      const shifted = this.onChannelsLast(unit, (nhwc) => {
        const [hue, saturation, value] = tf.split(rgbToHsv(nhwc), 3, -1);
        let h = tf.add(hue, perImage(transformation.factor));
        h = tf.where(tf.greater(h, 1), tf.sub(h, 1), h);
        h = tf.where(tf.less(h, 0), tf.add(h, 1), h);
        return tf.clipByValue(hsvToRgb(tf.concat([h, saturation, value], -1)), 0, 1);
      });
      return transformValueRange(shifted, [0, 1], this.valueRange);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange], seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): RandomHue {
    return new RandomHue(config.factor as FactorArg, {
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as ValueRange | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
