import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { BaseImageAugmentation, type ImageAugmentationArgs, parseFactor } from './augmentation-base';
import { imageSize } from './augmentation-helpers';
import { boxMasks, randomSpan } from './box-masks';
import type { DataFormat } from './image-utils';

/** Keras's RandomErasing transformation (Keras's keys). */
export interface RandomErasingTransformation {
  /** [batch] booleans: which images are erased. */
  apply_erasing: tf.Tensor1D;
  /** Booleans of the images' shape: the erased pixels. */
  batch_masks: tf.Tensor4D;
  /** The values written in the erased pixels, of the images' shape. */
  fill_value: tf.Tensor4D;
}

export interface RandomErasingArgs extends ImageAugmentationArgs {
  /** Probability of erasing an image: p ~ U(lower, upper), or U(0, f) for one number. Default `1`. */
  factor?: number | [number, number];
  /** Range of the erased box's side as a fraction of the image's (squared): U(lower, upper). Default `[0.02, 0.33]`. */
  scale?: number | [number, number];
  /** The value written in the box: a number, one per channel, or `null` for Gaussian noise × valueRange[1]. Default `null`. */
  fillValue?: number | number[] | null;
  /** The images' value range `[low, high]`; the fill values are clipped to it. Default `[0, 255]`. */
  valueRange?: [number, number];
}

/**
 * Erases a random box of each image with probability p ~ U(factor) during
 * training (Random Erasing, Zhong et al. 2017): the box's sides are
 * √U(scale) of the image's, its pixels are set to `fillValue` (or noise);
 * identity in inference.
 */
export class RandomErasing extends BaseImageAugmentation<RandomErasingTransformation | null> {
  static override className = 'RandomErasing';
  readonly factor: [number, number];
  readonly scale: [number, number];
  readonly fillValue: number | number[] | null;
  readonly valueRange: [number, number];

  constructor(args: RandomErasingArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomErasing', args.factor ?? 1, [0, 1], 'factor');
    this.scale = parseFactor('RandomErasing', args.scale ?? [0.02, 0.33], [0, 1], 'scale');
    this.fillValue = args.fillValue ?? null;
    if (Array.isArray(this.fillValue) && this.fillValue.length !== 3) {
      throw new Error(`RandomErasing: the \`fillValue\` argument should be a number or a list of three numbers; received fillValue=${JSON.stringify(this.fillValue)}.`);
    }
    this.valueRange = args.valueRange ?? [0, 255];
  }

  override getRandomTransformation(images: tf.Tensor4D, training = true, seed?: number): RandomErasingTransformation | null {
    const next = this.seeds(seed);
    if (!training) return null;
    return tf.tidy(() => {
      const batch = images.shape[0];
      const [height, width] = imageSize(images, this.dataFormat);
      const sides = tf.sqrt(tf.randomUniform([batch, 2], this.scale[0], this.scale[1], 'float32', next()));
      const [widthRatio, heightRatio] = tf.unstack(sides, 1) as [tf.Tensor1D, tf.Tensor1D];
      const [x0, x1] = randomSpan(width, widthRatio, next());
      const [y0, y1] = randomSpan(height, heightRatio, next());
      const batchMasks = boxMasks(images.shape, this.dataFormat, { x0, x1, y0, y1 });
      const probability = tf.randomUniform([batch], this.factor[0], this.factor[1], 'float32', next());
      const threshold = tf.randomUniform([batch], 0, 1, 'float32', next());
      return { apply_erasing: tf.less(threshold, probability) as tf.Tensor1D, batch_masks: batchMasks, fill_value: this.fillValues(images.shape, next) };
    });
  }

  /** Keras's `_get_fill_value`: the constant (per channel) or noise N(0, 1) × valueRange[1], clipped to valueRange. */
  private fillValues(shape: [number, number, number, number], next: () => number): tf.Tensor4D {
    return tf.tidy(() => {
      let values: tf.Tensor;
      if (this.fillValue === null) {
        values = tf.mul(tf.randomNormal(shape, 0, 1, 'float32', next()), this.valueRange[1]);
      } else {
        const perChannel = Array.isArray(this.fillValue) ? this.fillValue : [this.fillValue];
        const channelShape = this.dataFormat === 'channels_last' ? [1, 1, 1, perChannel.length] : [1, perChannel.length, 1, 1];
        values = tf.broadcastTo(tf.tensor(perChannel, channelShape, 'float32'), shape);
      }
      return tf.clipByValue(values, this.valueRange[0], this.valueRange[1]) as tf.Tensor4D;
    });
  }

  override transformImages(images: tf.Tensor4D, transformation: RandomErasingTransformation | null, training = true): tf.Tensor4D {
    return tf.tidy(() => {
      const source = tf.cast(images, 'float32') as tf.Tensor4D;
      if (!training || transformation === null) return source;
      const erased = tf.where(transformation.batch_masks, transformation.fill_value, source);
      const apply = tf.reshape(transformation.apply_erasing, [-1, 1, 1, 1]);
      return tf.where(tf.broadcastTo(apply, source.shape), erased, source) as tf.Tensor4D;
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      factor: this.factor,
      scale: this.scale,
      fill_value: this.fillValue,
      value_range: this.valueRange,
      seed: this.seed,
    };
  }

  static fromConfig(config: Record<string, unknown>): RandomErasing {
    return new RandomErasing({
      ...layerArgsFromConfig(config),
      factor: (config.factor as [number, number]) ?? 1,
      scale: (config.scale as [number, number]) ?? [0.02, 0.33],
      fillValue: (config.fill_value as number | number[] | null) ?? null,
      valueRange: (config.value_range as [number, number]) ?? [0, 255],
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
