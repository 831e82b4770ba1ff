import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { BaseImageAugmentation, type ImageAugmentationArgs, parseFactor } from './augmentation-base';
import { imageSize, randomBeta, randomPermutation } from './augmentation-helpers';
import { boxMasks, randomSpan } from './box-masks';
import type { DataFormat } from './image-utils';

/** Keras's CutMix transformation (Keras's keys). */
export interface CutMixTransformation {
  /** [batch] int32: image i takes its patch from image permutation_order[i]. */
  permutation_order: tf.Tensor1D;
  /** Booleans of the images' shape: the pasted pixels. */
  batch_masks: tf.Tensor4D;
  /** `[batch]`: the share of each image kept (1 − the patch's area share), the weight of its own label. */
  mix_weight: tf.Tensor1D;
}

export interface CutMixArgs extends ImageAugmentationArgs {
  /** Range of the Beta distribution's α (U(0, f) for one number f in [0, 1]). Default `1`. */
  factor?: number | [number, number];
}

/**
 * Pastes a random box of another image of the batch into each image during
 * training (CutMix, Yun et al. 2019): the box covers 1 − λ of the image with
 * λ ~ Beta(α, α); `transformLabels` mixes the labels by the areas. Identity in
 * inference and on a single image.
 */
export class CutMix extends BaseImageAugmentation<CutMixTransformation | null> {
  static override className = 'CutMix';
  readonly factor: [number, number];

  constructor(args: CutMixArgs = {}) {
    super(args);
    this.factor = parseFactor('CutMix', args.factor ?? 1, [0, 1], 'factor');
  }

  override getRandomTransformation(images: tf.Tensor4D, training = true, seed?: number): CutMixTransformation | null {
    const next = this.seeds(seed);
    if (!training) return null;
    return tf.tidy(() => {
      const batch = images.shape[0];
      const [height, width] = imageSize(images, this.dataFormat);
      const alpha = tf.randomUniform([], this.factor[0], this.factor[1], 'float32', next()).dataSync()[0] + 1e-6;
      const lambda = randomBeta(batch, alpha, [next(), next()]);
      const ratio = tf.sqrt(tf.sub(1, lambda)) as tf.Tensor1D;
      const [x0, x1] = randomSpan(width, ratio, next());
      const [y0, y1] = randomSpan(height, ratio, next());
      const area = tf.mul(tf.sub(x1, x0), tf.sub(y1, y0));
      return {
        permutation_order: randomPermutation(batch, next()),
        batch_masks: boxMasks(images.shape, this.dataFormat, { x0, x1, y0, y1 }),
        mix_weight: tf.sub(1, tf.div(area, width * height)) as tf.Tensor1D,
      };
    });
  }

  override transformImages(images: tf.Tensor4D, transformation: CutMixTransformation | null, training = true): tf.Tensor4D {
    return tf.tidy(() => {
      const source = tf.cast(images, 'float32') as tf.Tensor4D;
      if (!training || transformation === null) return source;
      return tf.where(transformation.batch_masks, tf.gather(source, transformation.permutation_order), source) as tf.Tensor4D;
    });
  }

  /** The labels mixed by area: λ · labels + (1 − λ) · labels[permutation]. */
  transformLabels(labels: tf.Tensor, transformation: CutMixTransformation | null, training = true): tf.Tensor {
    return mixWithPermutation(labels, transformation, training);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: this.factor, seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): CutMix {
    return new CutMix({
      ...layerArgsFromConfig(config),
      factor: (config.factor as [number, number]) ?? 1,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}

/** Keras's mixing of CutMix's labels and MixUp's images and labels: mix_weight · labels + (1 − mix_weight) · labels[permutation_order]. */
export function mixWithPermutation(
  labels: tf.Tensor,
  transformation: { permutation_order: tf.Tensor1D; mix_weight: tf.Tensor1D } | null,
  training: boolean,
): tf.Tensor {
  return tf.tidy(() => {
    const source = tf.cast(labels, 'float32');
    if (!training || transformation === null) return source;
    const weight = tf.reshape(transformation.mix_weight, [-1, ...Array(source.rank - 1).fill(1)]);
    const other = tf.gather(source, transformation.permutation_order);
    return tf.add(tf.mul(weight, source), tf.mul(tf.sub(1, weight), other));
  });
}
