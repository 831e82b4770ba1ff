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

export interface RandomGaussianBlurArgs extends ImageAugmentationArgs {
  /** The blur probability, or a range [lower, upper] it is drawn from per image, in [0, 1]. Default `1`. */
  factor?: FactorArg;
  /** The odd kernel size, or [x, y] sizes. Default `3`. */
  kernelSize?: number | [number, number];
  /** The range the standard deviations are drawn from, in [0, 1]; a number s means [0, s]. Default `1`. */
  sigma?: FactorArg;
  /** The range the pixel values lie in, [low, high]; outputs are clipped to it. Default `[0, 255]`. */
  valueRange?: ValueRange;
}

/** The random part of RandomGaussianBlur: Keras's `should_apply_blur` ([batch], boolean) and `blur_factor` ([x, y] sigmas, shared by the batch). */
export interface RandomGaussianBlurTransformation {
  should_apply_blur: tf.Tensor;
  blur_factor: tf.Tensor;
}

function kernelSizes(size: number | [number, number]): [number, number] {
  const sizes = Array.isArray(size) ? size : [size, size];
  if (sizes.length !== 2 || !sizes.every((s) => Number.isInteger(s) && s > 0 && s % 2 === 1)) {
    throw new Error(`RandomGaussianBlur expects \`kernelSize\` to be an odd positive integer or two of them; received kernelSize=${JSON.stringify(size)}.`);
  }
  return [sizes[0], sizes[1]];
}

/** The normalised 1-D Gaussian of `size` taps for the scalar `sigma`. */
function gaussian1d(size: number, sigma: tf.Tensor): tf.Tensor {
  const x = tf.sub(tf.range(0, size), (size - 1) / 2);
  const taps = tf.exp(tf.mul(-0.5, tf.square(tf.div(x, sigma))));
  return tf.div(taps, tf.sum(taps));
}

/**
 * Keras's RandomGaussianBlur: blurs each image with probability drawn in
 * `factor` (a number f means [0, f]) by a Gaussian kernel of `kernelSize`
 * with standard deviations drawn in `sigma` (one per axis, shared by the
 * batch; zero padding at the borders), then clips every image to the value
 * range; identity in inference.
 */
export class RandomGaussianBlur extends BaseImageAugmentation<RandomGaussianBlurTransformation | null> {
  static override className = 'RandomGaussianBlur';
  readonly factor: [number, number];
  readonly kernelSize: [number, number];
  readonly sigma: [number, number];
  readonly valueRange: ValueRange;

  constructor(args: RandomGaussianBlurArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomGaussianBlur', args.factor ?? 1, [0, 1]);
    this.kernelSize = kernelSizes(args.kernelSize ?? 3);
    this.sigma = parseFactor('RandomGaussianBlur', args.sigma ?? 1, [0, 1], 'sigma');
    this.valueRange = parseValueRange('RandomGaussianBlur', args.valueRange ?? [0, 255], false);
  }

  getRandomTransformation(images: tf.Tensor, training = true, seed?: number): RandomGaussianBlurTransformation | null {
    if (!training) return null;
    const batch = this.batchSize(images);
    const next = this.seeds(seed);
    return tf.tidy(() => {
      const probability = tf.randomUniform([batch], this.factor[0], this.factor[1], 'float32', next());
      const threshold = tf.randomUniform([batch], 0, 1, 'float32', next());
      return {
        should_apply_blur: tf.less(threshold, probability),
        blur_factor: tf.add(tf.randomUniform([2], this.sigma[0], this.sigma[1], 'float32', next()), 1e-6),
      };
    });
  }

  transformImages(images: tf.Tensor, transformation: RandomGaussianBlurTransformation | null, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training || transformation === null) return floats;
      const blurred = this.onChannelsLast(floats, (nhwc) => {
        const [sigmaX, sigmaY] = tf.unstack(transformation.blur_factor);
        // Rows (height) follow the y size and sigma, columns the x ones, as Keras's outer(kernel_y, kernel_x).
        const kernel2d = tf.outerProduct(gaussian1d(this.kernelSize[1], sigmaY) as tf.Tensor1D, gaussian1d(this.kernelSize[0], sigmaX) as tf.Tensor1D);
        const kernel = tf.tile(tf.reshape(kernel2d, [this.kernelSize[1], this.kernelSize[0], 1, 1]), [1, 1, nhwc.shape[3], 1]) as tf.Tensor4D;
        return tf.depthwiseConv2d(nhwc, kernel, 1, 'same');
      });
      const chosen = tf.where(tf.broadcastTo(perImage(transformation.should_apply_blur), floats.shape), blurred, floats);
      return tf.clipByValue(chosen, this.valueRange[0], this.valueRange[1]);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      factor: [...this.factor],
      kernel_size: [...this.kernelSize],
      sigma: [...this.sigma],
      value_range: [...this.valueRange],
      seed: this.seed,
    };
  }

  static fromConfig(config: Record<string, unknown>): RandomGaussianBlur {
    return new RandomGaussianBlur({
      ...layerArgsFromConfig(config),
      factor: config.factor as FactorArg | undefined,
      kernelSize: config.kernel_size as number | [number, number] | undefined,
      sigma: config.sigma as FactorArg | undefined,
      valueRange: config.value_range as ValueRange | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
