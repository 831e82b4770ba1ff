import type * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { BaseImageAugmentation, type ImageAugmentationArgs } from './augmentation-base';
import { randomBeta, randomPermutation } from './augmentation-helpers';
import { mixWithPermutation } from './cut-mix';
import type { DataFormat } from './image-utils';

/** Keras's MixUp transformation (Keras's keys). */
export interface MixUpTransformation {
  /** `[batch]`: λ, the weight of each image against its partner. */
  mix_weight: tf.Tensor1D;
  /** [batch] int32: image i mixes with image permutation_order[i]. */
  permutation_order: tf.Tensor1D;
}

export interface MixUpArgs extends ImageAugmentationArgs {
  /** α of the Beta(α, α) distribution of the mixing weights. Default `0.2`. */
  alpha?: number;
}

/**
 * Blends each image with another of the batch during training (mixup, Zhang
 * et al. 2017): λ · image + (1 − λ) · partner with λ ~ Beta(α, α);
 * `transformLabels` blends the labels alike. Identity in inference.
 */
export class MixUp extends BaseImageAugmentation<MixUpTransformation | null> {
  static override className = 'MixUp';
  readonly alpha: number;

  constructor(args: MixUpArgs = {}) {
    super(args);
    this.alpha = args.alpha ?? 0.2;
    if (typeof this.alpha !== 'number' || !(this.alpha > 0)) {
      throw new Error(`MixUp expects \`alpha\` to be a positive number (the Beta distribution's parameter); received alpha=${JSON.stringify(args.alpha)}.`);
    }
  }

  override getRandomTransformation(images: tf.Tensor4D, _training = true, seed?: number): MixUpTransformation {
    const next = this.seeds(seed);
    const batch = images.shape[0];
    return {
      permutation_order: randomPermutation(batch, next()),
      mix_weight: randomBeta(batch, this.alpha, [next(), next()]),
    };
  }

  override transformImages(images: tf.Tensor4D, transformation: MixUpTransformation | null, training = true): tf.Tensor4D {
    return mixWithPermutation(images, transformation, training) as tf.Tensor4D;
  }

  /** The labels blended alike: λ · labels + (1 − λ) · labels[permutation]. */
  transformLabels(labels: tf.Tensor, transformation: MixUpTransformation | null, training = true): tf.Tensor {
    return mixWithPermutation(labels, transformation, training);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha, seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): MixUp {
    return new MixUp({
      ...layerArgsFromConfig(config),
      alpha: (config.alpha as number) ?? 0.2,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
