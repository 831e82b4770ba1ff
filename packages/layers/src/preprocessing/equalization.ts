import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, layerArgsFromConfig } from '../engine/layer';
import { BaseImageAugmentation, type ImageAugmentationArgs, parseValueRange, type ValueRange } from './augmentation-base';
import type { DataFormat } from './image-utils';

export interface EqualizationArgs extends Omit<ImageAugmentationArgs, 'seed'> {
  /** The range the pixel values lie in, [low, high]. Default `[0, 255]`. */
  valueRange?: ValueRange;
  /** The number of histogram bins. Default `256`. */
  bins?: number;
}

/**
 * Keras's Equalization: histogram equalization of each channel on the 0..255
 * scale, through a lookup table built from the cumulative histogram; a
 * channel whose values fall in one bin is left as it was. Nothing is random:
 * it runs on direct calls and in training, and passes images through when
 * called with `training: false` (Keras's `predict`). As Keras, the histogram
 * of a channel is taken over the whole batch, not image by image.
 */
export class Equalization extends BaseImageAugmentation<null> {
  static override className = 'Equalization';
  readonly valueRange: ValueRange;
  readonly bins: number;

  constructor(args: EqualizationArgs = {}) {
    super(args);
    this.valueRange = parseValueRange('Equalization', args.valueRange ?? [0, 255]);
    const bins = args.bins ?? 256;
    if (!Number.isInteger(bins) || bins < 2) {
      throw new Error(`Equalization expects \`bins\` to be an integer of at least 2; received bins=${bins}.`);
    }
    this.bins = bins;
  }

  protected override isActive(options: CallOptions): boolean {
    return options.training !== false;
  }

  getRandomTransformation(): null {
    return null;
  }

  transformImages(images: tf.Tensor, _transformation: null = null, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training) return floats;
      return this.onChannelsLast(floats, (nhwc) => tf.concat(tf.split(nhwc, nhwc.shape[3], 3).map((c) => this.equalizeChannel(c)), 3));
    });
  }

  /** One channel of the batch, [batch, height, width, 1]. */
  private equalizeChannel(channel: tf.Tensor): tf.Tensor {
    const [low, high] = this.valueRange;
    const bins = this.bins;
    const scale = 255 / (high - low);
    const bytes = tf.add(tf.mul(channel, scale), -low * scale);
    const binOf = tf.clipByValue(tf.cast(tf.div(tf.mul(bytes, bins - 1), 255), 'int32'), 0, bins - 1);
    const histogram = tf.bincount(tf.reshape(binOf, [-1]) as tf.Tensor1D, tf.tensor1d([], 'float32'), bins);
    const filledBins = tf.sum(tf.cast(tf.greater(histogram, 0), 'int32'));
    const cdf = tf.cumsum(histogram);
    const cdfMin = tf.min(tf.where(tf.greater(cdf, 0), cdf, tf.fill(cdf.shape, Number.POSITIVE_INFINITY)));
    const spread = tf.sub(tf.max(cdf), cdfMin);
    const denominator = tf.where(tf.equal(spread, 0), tf.onesLike(spread), spread);
    const lookup = tf.clipByValue(tf.round(tf.div(tf.mul(tf.sub(cdf, cdfMin), 255), denominator)), 0, 255);
    const indices = tf.cast(tf.clipByValue(tf.mul(tf.div(bytes, 255), bins - 1), 0, bins - 1), 'int32');
    const equalized = tf.reshape(tf.gather(lookup, tf.reshape(indices, [-1])), bytes.shape);
    const kept = tf.where(tf.broadcastTo(tf.lessEqual(filledBins, 1), bytes.shape), bytes, equalized);
    return tf.add(tf.mul(kept, (high - low) / 255), low);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), bins: this.bins, value_range: [...this.valueRange] };
  }

  static fromConfig(config: Record<string, unknown>): Equalization {
    return new Equalization({
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as ValueRange | undefined,
      bins: config.bins as number | undefined,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
