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

export interface RandomInvertArgs extends ImageAugmentationArgs {
  /** The inversion probability, or a range [lower, upper] it is drawn from per image, in [0, 1]. Default `1`. */
  factor?: FactorArg;
  /** The range the pixel values lie in, [low, high]; an inverted pixel is `high - x`. Default `[0, 255]`. */
  valueRange?: ValueRange;
}

/** The random part of RandomInvert: Keras's `apply_inversion`, a boolean per image ([batch]). */
export interface RandomInvertTransformation {
  apply_inversion: tf.Tensor;
}

/**
 * Keras's RandomInvert: replaces each image by `valueRange[1] - x` with a
 * probability drawn per image in `factor` (a number f means [0, f]); identity
 * in inference.
 */
export class RandomInvert extends BaseImageAugmentation<RandomInvertTransformation | null> {
  static override className = 'RandomInvert';
  readonly factor: [number, number];
  readonly valueRange: ValueRange;

  constructor(args: RandomInvertArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomInvert', args.factor ?? 1, [0, 1]);
    this.valueRange = parseValueRange('RandomInvert', args.valueRange ?? [0, 255], false);
  }

  getRandomTransformation(images: tf.Tensor, training = true, seed?: number): RandomInvertTransformation | null {
    if (!training) return null;
    const batch = this.batchSize(images);
    const next = this.seeds(seed);
    return tf.tidy(() => {
      const probability = tf.randomUniform([batch], this.factor[0], this.factor[1], 'float32', next());
      const threshold = tf.randomUniform([batch], 0, 1, 'float32', next());
      return { apply_inversion: tf.less(threshold, probability) };
    });
  }

  transformImages(images: tf.Tensor, transformation: RandomInvertTransformation | null, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training || transformation === null) return floats;
      const apply = tf.broadcastTo(perImage(transformation.apply_inversion), floats.shape);
      return tf.where(apply, tf.sub(this.valueRange[1], floats), floats);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange], seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): RandomInvert {
    return new RandomInvert({
      ...layerArgsFromConfig(config),
      factor: config.factor as FactorArg | undefined,
      valueRange: config.value_range as ValueRange | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
