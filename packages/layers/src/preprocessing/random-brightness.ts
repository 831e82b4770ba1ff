import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import {
  BaseImageAugmentation,
  type FactorArg,
  type ImageAugmentationArgs,
  parseFactor,
  parseValueRange,
  type ValueRange,
} from './augmentation-base';
import type { DataFormat } from './image-utils';

export interface RandomBrightnessArgs extends ImageAugmentationArgs {
  /** The range the pixel values lie in, [low, high]. Default `[0, 255]`. */
  valueRange?: ValueRange;
}

/** The random part of RandomBrightness: Keras's `rgb_delta`, one shift per image ([batch, 1, 1, 1]). */
export interface RandomBrightnessTransformation {
  rgb_delta: tf.Tensor;
}

/**
 * Keras's RandomBrightness: adds to each image a shift drawn uniformly in
 * `factor` (a fraction of the value range, in [-1, 1]; a number f means
 * [-f, f]) and clips to the value range; identity in inference.
 */
export class RandomBrightness extends BaseImageAugmentation<RandomBrightnessTransformation> {
  static override className = 'RandomBrightness';
  readonly factor: [number, number];
  readonly valueRange: ValueRange;

  constructor(factor: FactorArg, args: RandomBrightnessArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomBrightness', factor, [-1, 1]);
    this.valueRange = parseValueRange('RandomBrightness', args.valueRange ?? [0, 255]);
  }

  getRandomTransformation(images: tf.Tensor, training = true, seed?: number): RandomBrightnessTransformation {
    const shape = images.rank === 3 ? [1, 1, 1] : [this.batchSize(images), 1, 1, 1];
    if (!training) return { rgb_delta: tf.zeros(shape) };
    const [low, high] = this.valueRange;
    return tf.tidy(() => ({
      rgb_delta: tf.mul(tf.randomUniform(shape, this.factor[0], this.factor[1], 'float32', this.seeds(seed)()), high - low),
    }));
  }

  transformImages(images: tf.Tensor, transformation: RandomBrightnessTransformation, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training) return floats;
      return tf.clipByValue(tf.add(floats, transformation.rgb_delta), this.valueRange[0], this.valueRange[1]);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange], seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): RandomBrightness {
    return new RandomBrightness(config.factor as FactorArg, {
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as ValueRange | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
