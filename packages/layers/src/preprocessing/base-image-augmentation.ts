import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type DataFormat, standardizeDataFormat } from './image-utils';
import { LayerSeedGenerator } from './seed-generator';

export interface ImageAugmentationArgs extends LayerArgs {
  /** Seed of the random transformations. Default `null` (a fresh seed). */
  seed?: number | null;
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: DataFormat | null;
}

/**
 * Keras 3's BaseImagePreprocessingLayer split for the augmentation layers: a
 * call draws a transformation (`getRandomTransformation`, random numbers
 * only) and applies it (`transformImages`, deterministic), so a test or a
 * caller can apply a transformation it chose. Both take a batch of images
 * (rank 4) in the layer's data format; `call` adds and removes the batch axis
 * of a single image, as Keras's transform_single_image. Strata's layers run in
 * inference unless `training` is set (as `fit` does), like RandomFlip.
 */
export abstract class BaseImageAugmentation<Transformation> extends Layer {
  readonly seed: number | null;
  readonly dataFormat: DataFormat;
  protected readonly generator: LayerSeedGenerator;

  constructor(args: ImageAugmentationArgs) {
    super(args);
    this.seed = args.seed ?? null;
    this.dataFormat = standardizeDataFormat(this.className, args.dataFormat);
    this.generator = new LayerSeedGenerator(this.seed);
    this.hasBuildConfig = false;
    this.symbolicCallKwargs = { training: false };
  }

  /** The random transformation for a batch of images (`null` where the layer leaves them as they are). */
  abstract getRandomTransformation(images: tf.Tensor4D, training?: boolean): Transformation | null;

  /** The batch of images transformed by `transformation` (the images as float32 in inference). */
  abstract transformImages(images: tf.Tensor4D, transformation: Transformation | null, training?: boolean): tf.Tensor4D;

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    if (input.rank !== 3 && input.rank !== 4) {
      throw new Error(`${this.className} expects images of rank 3 (one image) or 4 (a batch); received a tensor of shape [${input.shape}].`);
    }
    const training = options.training ?? false;
    return tf.tidy(() => {
      const images = (input.rank === 3 ? tf.expandDims(input, 0) : input) as tf.Tensor4D;
      const output = this.transformImages(images, this.getRandomTransformation(images, training), training);
      return input.rank === 3 ? tf.squeeze(output, [0]) : output;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  /** The [height, width] of a batch of images in this layer's data format. */
  protected imageSize(images: tf.Tensor4D): [number, number] {
    const [, a, b, c] = images.shape;
    return this.dataFormat === 'channels_last' ? [a, b] : [b, c];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), data_format: this.dataFormat };
  }
}

/** `images` (rank 4, `dataFormat`) as NHWC, transformed, and back in `dataFormat`. */
export function inNHWC(images: tf.Tensor4D, dataFormat: DataFormat, transform: (nhwc: tf.Tensor4D) => tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const nhwc = dataFormat === 'channels_first' ? (tf.transpose(images, [0, 2, 3, 1]) as tf.Tensor4D) : images;
    const output = transform(nhwc);
    return dataFormat === 'channels_first' ? (tf.transpose(output, [0, 3, 1, 2]) as tf.Tensor4D) : output;
  });
}

/**
 * Keras's `_set_factor` for factors in [low, high]: one number f gives
 * [max(-|f|, low), |f|], a pair is sorted (and must overlap [low, high]).
 */
export function boundedFactor(layer: string, name: string, factor: number | [number, number], low: number, high: number): [number, number] {
  const message = `${layer}: the \`${name}\` argument should be a number (or a list of two numbers) in the range [${low}, ${high}]. Received: ${name}=${JSON.stringify(factor)}.`;
  if (Array.isArray(factor)) {
    if (factor.length !== 2 || !factor.every((v) => typeof v === 'number') || factor[0] > high || factor[1] < low) throw new Error(message);
    return [Math.min(...factor), Math.max(...factor)];
  }
  if (typeof factor !== 'number' || factor < low || factor > high) throw new Error(message);
  return [Math.max(-Math.abs(factor), low), Math.abs(factor)];
}

/** A random permutation of 0..n-1 (int32), drawn with `seed`: Keras's random.shuffle of arange(n). */
export function randomPermutation(n: number, seed: number): tf.Tensor1D {
  return tf.tidy(() => tf.topk(tf.randomUniform([n], 0, 1, 'float32', seed), n).indices as tf.Tensor1D);
}

/** `count` draws of Beta(alpha, alpha) as X / (X + Y) with X, Y ~ Gamma(alpha). */
export function randomBeta(count: number, alpha: number, seeds: [number, number]): tf.Tensor1D {
  return tf.tidy(() => {
    const x = tf.randomGamma([count], alpha, 1, 'float32', seeds[0]);
    const y = tf.randomGamma([count], alpha, 1, 'float32', seeds[1]);
    return tf.div(x, tf.add(x, y)) as tf.Tensor1D;
  });
}
