import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { BaseImageAugmentation, type ImageAugmentationArgs } from './augmentation-base';
import { inNHWC } from './augmentation-helpers';
import { checkChoice, type DataFormat, FILL_MODES, type FillMode, INTERPOLATIONS, type Interpolation } from './image-utils';
import { pixelGrid, sampleImages } from './map-coordinates';

/** Keras's RandomShear transformation: `shear_factor`, [batch, 2] of (x, y) shears. */
export interface RandomShearTransformation {
  shear_factor: tf.Tensor2D;
}

export interface RandomShearArgs extends ImageAugmentationArgs {
  /** Horizontal shear range: one number f in [0, 1] for U(-f, f), or [lower, upper] in [-1, 1]. Default `0`. */
  xFactor?: number | [number, number];
  /** Vertical shear range, as `xFactor`. Default `0`. */
  yFactor?: number | [number, number];
  /** `'bilinear'` or `'nearest'`. Default `'bilinear'`. */
  interpolation?: Interpolation;
  /** `'reflect'`, `'wrap'`, `'constant'` or `'nearest'`. Default `'reflect'`. */
  fillMode?: FillMode;
  /** The value outside the input with `fillMode: 'constant'`. Default `0`. */
  fillValue?: number;
}

/**
 * Keras's `_set_factor_with_name`: one number f in [0, 1] gives [-f, f]. A pair is
 * sorted; its bounds may be in [-1, 1] so that the [-f, f] of a saved config reads
 * back (Keras's own from_config refuses its negative bound).
 */
function shearRange(name: string, factor: number | [number, number]): [number, number] {
  const message = (received: unknown) =>
    `RandomShear: the \`${name}\` argument should be a number (or a list of two numbers) in the range [0, 1.0]. Received: ${name}=${JSON.stringify(received)}.`;
  const inRange = (v: unknown, low: number) => typeof v === 'number' && v >= low && v <= 1;
  if (Array.isArray(factor) ? factor.length !== 2 || !factor.every((v) => inRange(v, -1)) : !inRange(factor, 0)) {
    throw new Error(message(factor));
  }
  return Array.isArray(factor) ? [Math.min(...factor), Math.max(...factor)] : [-factor, factor];
}

/**
 * Shears each image by random x and y factors during training (Keras 3's
 * RandomShear): the output pixel (x, y) reads the input at
 * (x + sx·y, y + sy·x), the sign of both flipped on a coin toss; identity in
 * inference.
 */
export class RandomShear extends BaseImageAugmentation<RandomShearTransformation | null> {
  static override className = 'RandomShear';
  readonly xFactor: [number, number];
  readonly yFactor: [number, number];
  readonly interpolation: Interpolation;
  readonly fillMode: FillMode;
  readonly fillValue: number;

  constructor(args: RandomShearArgs = {}) {
    super(args);
    this.xFactor = shearRange('x_factor', args.xFactor ?? 0);
    this.yFactor = shearRange('y_factor', args.yFactor ?? 0);
    this.interpolation = checkChoice('RandomShear', 'interpolation', args.interpolation ?? 'bilinear', INTERPOLATIONS);
    this.fillMode = checkChoice('RandomShear', 'fill_mode', args.fillMode ?? 'reflect', FILL_MODES);
    this.fillValue = args.fillValue ?? 0;
  }

  override getRandomTransformation(images: tf.Tensor4D, training = true, seed?: number): RandomShearTransformation | null {
    const next = this.seeds(seed);
    if (!training) return null;
    return tf.tidy(() => {
      const batch = images.shape[0];
      const invert = tf.where(tf.greater(tf.randomUniform([batch, 1], 0, 1, 'float32', next()), 0.5), -1, 1);
      const shearY = tf.randomUniform([batch, 1], this.yFactor[0], this.yFactor[1], 'float32', next());
      const shearX = tf.randomUniform([batch, 1], this.xFactor[0], this.xFactor[1], 'float32', next());
      return { shear_factor: tf.mul(tf.concat([shearX, shearY], 1), invert) as tf.Tensor2D };
    });
  }

  override transformImages(images: tf.Tensor4D, transformation: RandomShearTransformation | null, training = true): tf.Tensor4D {
    if (!training || transformation === null) return tf.cast(images, 'float32');
    return inNHWC(images, this.dataFormat, (nhwc) => {
      const [batch, height, width] = nhwc.shape;
      const grid = pixelGrid(height, width);
      const [shearX, shearY] = tf.split(tf.reshape(transformation.shear_factor, [batch, 2, 1, 1]), 2, 1).map((t) => tf.reshape(t, [batch, 1, 1]));
      // Keras's shear matrix [1, sx, 0, sy, 1, 0, 0, 0], output (x, y) to input (x + sx·y, sy·x + y).
      const x = tf.add(grid.x, tf.mul(shearX, grid.y)) as tf.Tensor3D;
      const y = tf.add(tf.mul(shearY, grid.x), grid.y) as tf.Tensor3D;
      return sampleImages(nhwc, y, x, this.interpolation, this.fillMode, this.fillValue);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      x_factor: this.xFactor,
      y_factor: this.yFactor,
      fill_mode: this.fillMode,
      interpolation: this.interpolation,
      seed: this.seed,
      fill_value: this.fillValue,
    };
  }

  static fromConfig(config: Record<string, unknown>): RandomShear {
    return new RandomShear({
      ...layerArgsFromConfig(config),
      xFactor: (config.x_factor as [number, number]) ?? 0,
      yFactor: (config.y_factor as [number, number]) ?? 0,
      interpolation: (config.interpolation as Interpolation) ?? 'bilinear',
      fillMode: (config.fill_mode as FillMode) ?? 'reflect',
      fillValue: (config.fill_value as number) ?? 0,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
