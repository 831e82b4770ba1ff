import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import {
  checkChoice,
  type DataFormat,
  FILL_MODES,
  type FillMode,
  INTERPOLATIONS,
  type Interpolation,
  onImagesNHWC,
  standardizeDataFormat,
} from './image-utils';
import { LayerSeedGenerator } from './seed-generator';

export type Factor = number | [number, number];

export interface RandomAffineArgs extends LayerArgs {
  /** How points outside the input are filled: `'constant'`, `'reflect'`, `'wrap'` or `'nearest'`. Default `'reflect'`. */
  fillMode?: FillMode;
  /** `'bilinear'` or `'nearest'`. Default `'bilinear'`. */
  interpolation?: Interpolation;
  /** Seed of the random transforms. Default `null` (a fresh seed). */
  seed?: number | null;
  /** The value outside the input with `fillMode: 'constant'`. Default `0`. */
  fillValue?: number;
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: DataFormat | null;
}

/**
 * `[lower, upper]` of a factor in [-1, 1] given as one number (±|f|) or a
 * pair (sorted), with Keras's validation.
 */
export function factorBounds(layer: string, name: string, factor: Factor): [number, number] {
  const message = `${layer}: the \`${name}\` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. Received: ${name}=${JSON.stringify(factor)}.`;
  const inRange = (v: unknown) => typeof v === 'number' && v >= -1 && v <= 1;
  if (Array.isArray(factor)) {
    if (factor.length !== 2 || !factor.every(inRange)) throw new Error(message);
    return [Math.min(...factor), Math.max(...factor)];
  }
  if (!inRange(factor)) throw new Error(message);
  return [-Math.abs(factor), Math.abs(factor)];
}

/** `count` draws of U(lower, upper) as a [count, 1] tensor. */
export function uniformColumn(count: number, lower: number, upper: number, seed: number): tf.Tensor2D {
  return tf.randomUniform([count, 1], lower, upper, 'float32', seed) as tf.Tensor2D;
}

/**
 * A random affine image augmentation (RandomRotation, RandomZoom,
 * RandomTranslation): in training, each image is resampled through its own
 * random projective transform with tf.image.transform (Keras's
 * backend.image.affine_transform, same fill modes); in inference it is the
 * identity. Images are float32 on output, as Keras's compute dtype.
 */
export abstract class BaseRandomAffine extends Layer {
  readonly fillMode: FillMode;
  readonly interpolation: Interpolation;
  readonly seed: number | null;
  readonly fillValue: number;
  readonly dataFormat: DataFormat;
  protected readonly generator: LayerSeedGenerator;

  constructor(args: RandomAffineArgs) {
    super(args);
    this.fillMode = checkChoice(this.className, 'fill_mode', args.fillMode ?? 'reflect', FILL_MODES);
    this.interpolation = checkChoice(this.className, 'interpolation', args.interpolation ?? 'bilinear', INTERPOLATIONS);
    this.seed = args.seed ?? null;
    this.fillValue = args.fillValue ?? 0;
    this.dataFormat = standardizeDataFormat(this.className, args.dataFormat);
    this.generator = new LayerSeedGenerator(this.seed);
    this.hasBuildConfig = false;
    this.symbolicCallKwargs = { training: false };
  }

  /** The [batch, 8] inverse transforms (output pixel to input pixel) for images of height × width. */
  protected abstract transforms(batch: number, height: number, width: number): tf.Tensor2D;

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    if (!options.training) return tf.cast(input, 'float32');
    return onImagesNHWC(this.className, input, this.dataFormat, (images) => {
      const [batch, height, width] = images.shape;
      return tf.image.transform(
        tf.cast(images, 'float32') as tf.Tensor4D,
        this.transforms(batch, height, width),
        this.interpolation,
        this.fillMode,
        this.fillValue,
      );
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      fill_mode: this.fillMode,
      interpolation: this.interpolation,
      seed: this.seed,
      fill_value: this.fillValue,
      data_format: this.dataFormat,
    };
  }
}

/** The affine arguments of a Keras config. */
export function affineArgsFromConfig(config: Record<string, unknown>): RandomAffineArgs {
  return {
    fillMode: (config.fill_mode as FillMode) ?? 'reflect',
    interpolation: (config.interpolation as Interpolation) ?? 'bilinear',
    seed: (config.seed as number | null) ?? null,
    fillValue: (config.fill_value as number) ?? 0,
    dataFormat: (config.data_format as DataFormat | null) ?? null,
  };
}
