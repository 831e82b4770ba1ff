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

export interface RandomContrastArgs extends ImageAugmentationArgs {
  /** The range the pixel values lie in, [low, high]; outputs are clipped to it. Default `[0, 255]`. */
  valueRange?: ValueRange;
}

/** The random part of RandomContrast: Keras's `contrast_factor`, one per image ([batch, 1, 1, 1]). */
export interface RandomContrastTransformation {
  contrast_factor: tf.Tensor;
}

/**
 * Keras's RandomContrast: scales each channel's deviation from its mean over
 * the image by a factor drawn uniformly in [1 - lower, 1 + upper] and clips to
 * the value range; identity in inference. As Keras, a number f in [0, 1]
 * means the bounds [0, f], so the factor is drawn in [1, 1 + f].
 */
export class RandomContrast extends BaseImageAugmentation<RandomContrastTransformation> {
  static override className = 'RandomContrast';
  readonly factor: [number, number];
  readonly valueRange: ValueRange;

  constructor(factor: FactorArg, args: RandomContrastArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomContrast', factor, [0, 1]);
    // Keras keeps this layer's value range in the order given.
    this.valueRange = parseValueRange('RandomContrast', args.valueRange ?? [0, 255], false);
  }

  getRandomTransformation(images: tf.Tensor, training = true, seed?: number): RandomContrastTransformation {
    const shape = images.rank === 3 ? [1, 1, 1] : [this.batchSize(images), 1, 1, 1];
    if (!training) return { contrast_factor: tf.zeros(shape) };
    return { contrast_factor: tf.randomUniform(shape, 1 - this.factor[0], 1 + this.factor[1], 'float32', this.seeds(seed)()) };
  }

  transformImages(images: tf.Tensor, transformation: RandomContrastTransformation, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training) return floats;
      const axes = this.dataFormat === 'channels_first' ? [-2, -1] : [-3, -2];
      const mean = tf.mean(floats, axes.map((a) => a + floats.rank), true);
      const stretched = tf.add(tf.mul(tf.sub(floats, mean), transformation.contrast_factor), mean);
      return tf.clipByValue(stretched, this.valueRange[0], this.valueRange[1]);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange], seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): RandomContrast {
    return new RandomContrast(config.factor as FactorArg, {
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as ValueRange | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
