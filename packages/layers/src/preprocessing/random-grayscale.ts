import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { BaseImageAugmentation, type ImageAugmentationArgs } from './augmentation-base';
import { rgbToGrayscale } from './color-space';
import type { DataFormat } from './image-utils';

export interface RandomGrayscaleArgs extends ImageAugmentationArgs {
  /** The probability that an image turns grey, in [0, 1]. Default `0.5`. */
  factor?: number;
}

/**
 * Keras's RandomGrayscale: turns each image grey (0.2989 R + 0.587 G +
 * 0.114 B in every channel) with probability `factor`; identity in inference.
 * Its transformation is, as Keras's, a boolean tensor [batch, 1, 1, 1] (true:
 * make this image grey), not a dict; Keras's config has no `seed`.
 */
export class RandomGrayscale extends BaseImageAugmentation<tf.Tensor> {
  static override className = 'RandomGrayscale';
  readonly factor: number;

  constructor(args: RandomGrayscaleArgs = {}) {
    super(args);
    const factor = args.factor ?? 0.5;
    if (typeof factor !== 'number' || !(factor >= 0 && factor <= 1)) {
      throw new Error(`RandomGrayscale expects \`factor\` to be a probability in [0, 1]; received factor=${JSON.stringify(factor)}.`);
    }
    this.factor = factor;
  }

  getRandomTransformation(images: tf.Tensor, _training = true, seed?: number): tf.Tensor {
    return tf.tidy(() =>
      tf.reshape(tf.less(tf.randomUniform([this.batchSize(images)], 0, 1, 'float32', this.seeds(seed)()), this.factor), [-1, 1, 1, 1]),
    );
  }

  transformImages(images: tf.Tensor, transformation: tf.Tensor, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training) return floats;
      const grey = this.onChannelsLast(floats, (nhwc) => tf.broadcastTo(rgbToGrayscale(nhwc), nhwc.shape));
      return tf.where(tf.broadcastTo(transformation, floats.shape), grey, floats);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: this.factor };
  }

  static fromConfig(config: Record<string, unknown>): RandomGrayscale {
    return new RandomGrayscale({
      ...layerArgsFromConfig(config),
      factor: config.factor as number | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
