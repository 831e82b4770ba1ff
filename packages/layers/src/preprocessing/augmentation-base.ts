import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type DataFormat, standardizeDataFormat } from './image-utils';
import { LayerSeedGenerator } from './seed-generator';

/** The [low, high] range pixel values lie in (Keras's `value_range`). */
export type ValueRange = [number, number];
/** A number `f` (the range Keras derives from it) or an explicit [lower, upper]. */
export type FactorArg = number | [number, number];

export interface ImageAugmentationArgs extends LayerArgs {
  /** Seed of the random draws. Default `null` (the global stream, which `setRandomSeed` makes reproducible). */
  seed?: number | null;
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: DataFormat | null;
}

/**
 * Keras 3's BaseImagePreprocessingLayer for the layers that change pixel
 * values: `call` draws a transformation with `getRandomTransformation` and
 * applies it with `transformImages`, so that a caller (or a test) can apply a
 * chosen transformation. `transformImages` takes a batch (rank 4) in the
 * layer's data format, as Keras's; a single image (rank 3) passed to `call`
 * is batched around it. Outside training the images pass through as float32.
 */
export abstract class BaseImageAugmentation<Transformation> extends Layer {
  readonly dataFormat: DataFormat;
  readonly seed: number | null;
  protected readonly generator: LayerSeedGenerator;

  constructor(args: ImageAugmentationArgs = {}) {
    super(args);
    this.seed = args.seed ?? null;
    this.dataFormat = standardizeDataFormat(this.className, args.dataFormat);
    this.generator = new LayerSeedGenerator(this.seed);
    this.hasBuildConfig = false;
    this.symbolicCallKwargs = { training: false };
  }

  /** Draws the random parameters for a batch of `images` (rank 3 or 4), as tensors under Keras's keys. */
  abstract getRandomTransformation(images: tf.Tensor, training?: boolean, seed?: number): Transformation;

  /** Applies `transformation` to a batch of images (rank 4, the layer's data format); float32 out. */
  abstract transformImages(images: tf.Tensor, transformation: Transformation, training?: boolean): tf.Tensor;

  /** Whether `call` transforms: in training only, as the random layers of Keras under `fit` and `predict`. */
  protected isActive(options: CallOptions): boolean {
    return options.training === true;
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    if (input.rank !== 3 && input.rank !== 4) {
      throw new Error(
        `${this.className} expects images of rank 3 (one image) or 4 (a batch); received a tensor of shape [${input.shape}].`,
      );
    }
    if (!this.isActive(options)) return tf.cast(input, 'float32');
    return tf.tidy(() => {
      const images = input.rank === 3 ? tf.expandDims(input, 0) : input;
      const transformation = this.getRandomTransformation(images, true);
      const output = this.transformImages(images, transformation, true);
      return input.rank === 3 ? tf.squeeze(output, [0]) : output;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), data_format: this.dataFormat };
  }

  /**
   * The seeds of one transformation's draws: from the caller's `seed` when
   * given (the same seed, the same transformation), else from this layer's stream.
   */
  protected seeds(seed?: number): () => number {
    if (seed === undefined) return () => this.generator.next();
    const local = new LayerSeedGenerator(seed);
    return () => local.next();
  }

  /** The batch size of images of rank 3 (1) or 4. */
  protected batchSize(images: tf.Tensor): number {
    if (images.rank !== 3 && images.rank !== 4) {
      throw new Error(
        `${this.className} expects images of rank 3 (one image) or 4 (a batch); received a tensor of shape [${images.shape}].`,
      );
    }
    return images.rank === 4 ? images.shape[0] : 1;
  }

  /** `f(images)` on channels-last images whatever the layer's data format. */
  protected onChannelsLast(images: tf.Tensor, f: (nhwc: tf.Tensor4D) => tf.Tensor): tf.Tensor {
    if (this.dataFormat === 'channels_last') return f(images as tf.Tensor4D);
    return tf.tidy(() => tf.transpose(f(tf.transpose(images, [0, 2, 3, 1]) as tf.Tensor4D), [0, 3, 1, 2]));
  }
}

/**
 * Keras's `_set_factor`: a number `f` in `bounds` gives
 * [max(-|f|, bounds[0]), |f|]; a pair must overlap `bounds` and is sorted.
 */
export function parseFactor(layer: string, factor: FactorArg, bounds: [number, number], name = 'factor'): [number, number] {
  const message = () =>
    `${layer} expects \`${name}\` to be a number (or a list of two numbers) in the range [${bounds[0]}, ${bounds[1]}]; received ${name}=${JSON.stringify(factor)}.`;
  if (Array.isArray(factor)) {
    if (factor.length !== 2 || !factor.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new Error(message());
    if (factor[0] > bounds[1] || factor[1] < bounds[0]) throw new Error(message());
    return [Math.min(factor[0], factor[1]), Math.max(factor[0], factor[1])];
  }
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < bounds[0] || factor > bounds[1]) throw new Error(message());
  const magnitude = Math.abs(factor);
  return [Math.max(-magnitude, bounds[0]), magnitude];
}

/** Keras's `_set_value_range`: two numbers, sorted unless `sort` is false (layers that keep the order given). */
export function parseValueRange(layer: string, valueRange: unknown, sort = true): ValueRange {
  if (!Array.isArray(valueRange) || valueRange.length !== 2 || !valueRange.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new Error(`${layer} expects \`valueRange\` to be a list of two numbers [low, high]; received ${JSON.stringify(valueRange)}.`);
  }
  const [a, b] = valueRange as [number, number];
  return sort ? [Math.min(a, b), Math.max(a, b)] : [a, b];
}

/** Keras's `_transform_value_range`: maps `images` linearly from one [low, high] range onto another. */
export function transformValueRange(images: tf.Tensor, from: ValueRange, to: ValueRange): tf.Tensor {
  if (from[0] === to[0] && from[1] === to[1]) return images;
  return tf.tidy(() => tf.add(tf.mul(tf.div(tf.sub(tf.cast(images, 'float32'), from[0]), from[1] - from[0]), to[1] - to[0]), to[0]));
}

/** A per-image value of shape [batch] reshaped to broadcast over a batch of images, [batch, 1, 1, 1]. */
export function perImage(values: tf.Tensor): tf.Tensor {
  return tf.reshape(values, [-1, 1, 1, 1]);
}
