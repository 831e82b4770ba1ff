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
import type { DataFormat } from './image-utils';

export interface RandomPosterizationArgs extends ImageAugmentationArgs {
  /** The range the pixel values lie in, [low, high]. Default `[0, 255]`. */
  valueRange?: ValueRange;
}

/** The random part of RandomPosterization: Keras's `shift_factor`, the low bits dropped per image ([batch], 8 - bits). */
export interface RandomPosterizationTransformation {
  shift_factor: tf.Tensor;
}

/**
 * Keras's RandomPosterization: keeps the `bits` high bits of each 8-bit
 * channel value, `bits` drawn per image as an integer in [lower, upper) of
 * `factor` (in [1, 8]; a number f means [1, f], and equal bounds keep that
 * many bits); identity in inference. The image is mapped from `valueRange` to
 * 0..255 and back around it. Keras casts to uint8, which truncates; values
 * outside the value range are clipped to it here where uint8 would wrap.
 */
export class RandomPosterization extends BaseImageAugmentation<RandomPosterizationTransformation> {
  static override className = 'RandomPosterization';
  readonly factor: [number, number];
  readonly valueRange: ValueRange;

  constructor(factor: FactorArg, args: RandomPosterizationArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomPosterization', factor, [1, 8]);
    this.valueRange = parseValueRange('RandomPosterization', args.valueRange ?? [0, 255]);
  }

  getRandomTransformation(images: tf.Tensor, _training = true, seed?: number): RandomPosterizationTransformation {
    const batch = this.batchSize(images);
    const [lower, upper] = this.factor;
    return tf.tidy(() => {
      const bits = lower === upper ? tf.fill([batch], lower) : tf.floor(tf.randomUniform([batch], lower, upper, 'float32', this.seeds(seed)()));
      return { shift_factor: tf.cast(tf.sub(8, bits), 'int32') };
    });
  }

  transformImages(images: tf.Tensor, transformation: RandomPosterizationTransformation, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training) return floats;
      const bytes = tf.floor(tf.clipByValue(transformValueRange(floats, this.valueRange, [0, 255]), 0, 255));
      const step = perImage(tf.pow(2, tf.cast(transformation.shift_factor, 'float32')));
      const kept = tf.mul(tf.floor(tf.div(bytes, step)), step);
      return transformValueRange(kept, [0, 255], this.valueRange);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange], seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): RandomPosterization {
    return new RandomPosterization(config.factor as FactorArg, {
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as ValueRange | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
