import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import {
  BaseImageAugmentation,
  type FactorArg,
  type ImageAugmentationArgs,
  parseValueRange,
  transformValueRange,
  type ValueRange,
} from './augmentation-base';
import type { DataFormat } from './image-utils';

export interface SolarizationArgs extends ImageAugmentationArgs {
  /** What is added to each image before the threshold, a fraction of 255 in [0, 1] or a range of them. Default `0`. */
  additionFactor?: FactorArg;
  /** The threshold above which pixels are inverted, a fraction of 255 in [0, 1] or a range of them. Default `0`. */
  thresholdFactor?: FactorArg;
  /** The range the pixel values lie in, [low, high]. Default `[0, 255]`. */
  valueRange?: ValueRange;
}

/** The random part of Solarization, per image ([batch, 1, 1, 1]) on the 0..255 scale: Keras's `additions` and `thresholds`. */
export interface SolarizationTransformation {
  additions: tf.Tensor;
  thresholds: tf.Tensor;
}

/** Solarization's own factor rule (Keras's Solarization._set_factor): a number f means [0, f]; both bounds in [0, 1]. */
function solarizationFactor(name: string, factor: FactorArg): [number, number] {
  const values = Array.isArray(factor) ? factor : [factor];
  if ((Array.isArray(factor) && factor.length !== 2) || !values.every((v) => typeof v === 'number' && v >= 0 && v <= 1)) {
    throw new Error(`Solarization expects \`${name}\` to be a number (or a list of two numbers) in the range [0, 1]; received ${name}=${JSON.stringify(factor)}.`);
  }
  return Array.isArray(factor) ? [Math.min(...factor), Math.max(...factor)] : [0, factor];
}

/**
 * Keras's Solarization: on the 0..255 scale, adds a random amount to each
 * image, clips, and inverts (255 - x) the pixels at or above a random
 * threshold; identity in inference. As Keras, the draws run from the lower
 * factor unscaled to the upper factor times 255 (Keras's quirk).
 */
export class Solarization extends BaseImageAugmentation<SolarizationTransformation | null> {
  static override className = 'Solarization';
  readonly additionFactor: [number, number];
  readonly thresholdFactor: [number, number];
  readonly valueRange: ValueRange;

  constructor(args: SolarizationArgs = {}) {
    super(args);
    this.additionFactor = solarizationFactor('additionFactor', args.additionFactor ?? 0);
    this.thresholdFactor = solarizationFactor('thresholdFactor', args.thresholdFactor ?? 0);
    this.valueRange = parseValueRange('Solarization', args.valueRange ?? [0, 255]);
  }

  getRandomTransformation(images: tf.Tensor, training = true, seed?: number): SolarizationTransformation | null {
    if (!training) return null;
    const shape = images.rank === 3 ? [1, 1, 1] : [this.batchSize(images), 1, 1, 1];
    const next = this.seeds(seed);
    return {
      additions: tf.randomUniform(shape, this.additionFactor[0], this.additionFactor[1] * 255, 'float32', next()),
      thresholds: tf.randomUniform(shape, this.thresholdFactor[0], this.thresholdFactor[1] * 255, 'float32', next()),
    };
  }

  transformImages(images: tf.Tensor, transformation: SolarizationTransformation | null, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training || transformation === null) return floats;
      const bytes = transformValueRange(floats, this.valueRange, [0, 255]);
      const added = tf.clipByValue(tf.add(bytes, transformation.additions), 0, 255);
      const solarized = tf.where(tf.less(added, tf.broadcastTo(transformation.thresholds, added.shape)), added, tf.sub(255, added));
      return transformValueRange(solarized, [0, 255], this.valueRange);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      value_range: [...this.valueRange],
      addition_factor: [...this.additionFactor],
      threshold_factor: [...this.thresholdFactor],
      seed: this.seed,
    };
  }

  static fromConfig(config: Record<string, unknown>): Solarization {
    return new Solarization({
      ...layerArgsFromConfig(config),
      additionFactor: config.addition_factor as FactorArg | undefined,
      thresholdFactor: config.threshold_factor as FactorArg | undefined,
      valueRange: config.value_range as ValueRange | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
