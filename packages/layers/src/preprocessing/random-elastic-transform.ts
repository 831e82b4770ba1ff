import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { BaseImageAugmentation, type ImageAugmentationArgs, parseFactor } from './augmentation-base';
import { imageSize, inNHWC } from './augmentation-helpers';
import { checkChoice, type DataFormat, INTERPOLATIONS, type Interpolation } from './image-utils';
import { pixelGrid, type SampleFillMode, sampleImages } from './map-coordinates';

const ELASTIC_FILL_MODES: readonly SampleFillMode[] = ['constant', 'nearest', 'wrap', 'mirror', 'reflect'];

/**
 * RandomElasticTransform's transformation: Keras's `apply_transform` and
 * `distortion_factor`, and the two standard-normal noise fields in place of
 * Keras's `seed` (Keras draws them inside backend.image.elastic_transform;
 * Strata draws them with the transformation, so that transformImages is
 * deterministic).
 */
export interface RandomElasticTransformTransformation {
  /** [batch] booleans: which images are distorted. */
  apply_transform: tf.Tensor1D;
  /** The distortion's strength, U(scale), one for the batch. */
  distortion_factor: number;
  /** [batch, height, width] N(0, 1): the horizontal displacement before smoothing. */
  noise_x: tf.Tensor3D;
  /** [batch, height, width] N(0, 1): the vertical displacement before smoothing. */
  noise_y: tf.Tensor3D;
}

export interface RandomElasticTransformArgs extends ImageAugmentationArgs {
  /** Probability of distorting an image: p ~ U(lower, upper), or U(0, f) for one number. Default `1`. */
  factor?: number | [number, number];
  /** Range of the distortion's strength in [0, 1] (U(0, f) for one number). Default `1`. */
  scale?: number | [number, number];
  /** `'bilinear'` or `'nearest'`. Default `'bilinear'`. */
  interpolation?: Interpolation;
  /** `'reflect'`, `'mirror'`, `'wrap'`, `'constant'` or `'nearest'`. Default `'reflect'`. */
  fillMode?: SampleFillMode;
  /** The value outside the input with `fillMode: 'constant'`. Default `0`. */
  fillValue?: number;
  /** The images' value range `[low, high]`; the output is clipped to it. Default `[0, 255]`. */
  valueRange?: [number, number];
}

/**
 * Distorts each image by a smooth random displacement field with
 * probability p ~ U(factor) during training (Simard et al. 2003, Keras 3's
 * RandomElasticTransform): for a strength s ~ U(scale), the field is
 * Gaussian noise × σ blurred with a Gaussian of σ = 0.05 s · min(h, w) and
 * scaled by α = 0.1 s · max(h, w) pixels; the output is clipped to
 * `valueRange`. Identity in inference.
 */
export class RandomElasticTransform extends BaseImageAugmentation<RandomElasticTransformTransformation | null> {
  static override className = 'RandomElasticTransform';
  readonly factor: [number, number];
  readonly scale: [number, number];
  readonly interpolation: Interpolation;
  readonly fillMode: SampleFillMode;
  readonly fillValue: number;
  readonly valueRange: [number, number];

  constructor(args: RandomElasticTransformArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomElasticTransform', args.factor ?? 1, [0, 1], 'factor');
    this.scale = parseFactor('RandomElasticTransform', args.scale ?? 1, [0, 1], 'scale');
    this.interpolation = checkChoice('RandomElasticTransform', 'interpolation', args.interpolation ?? 'bilinear', INTERPOLATIONS);
    this.fillMode = checkChoice('RandomElasticTransform', 'fill_mode', args.fillMode ?? 'reflect', ELASTIC_FILL_MODES);
    this.fillValue = args.fillValue ?? 0;
    this.valueRange = args.valueRange ?? [0, 255];
  }

  override getRandomTransformation(images: tf.Tensor4D, training = true, seed?: number): RandomElasticTransformTransformation | null {
    const next = this.seeds(seed);
    if (!training || this.scale[1] === 0 || this.factor[1] === 0) return null;
    const batch = images.shape[0];
    const [height, width] = imageSize(images, this.dataFormat);
    const distortion = tf.tidy(() => tf.randomUniform([], this.scale[0], this.scale[1], 'float32', next()).dataSync()[0]);
    return tf.tidy(() => {
      const probability = tf.randomUniform([batch], this.factor[0], this.factor[1], 'float32', next());
      const threshold = tf.randomUniform([batch], 0, 1, 'float32', next());
      return {
        apply_transform: tf.less(threshold, probability) as tf.Tensor1D,
        distortion_factor: distortion,
        noise_x: tf.randomNormal([batch, height, width], 0, 1, 'float32', next()) as tf.Tensor3D,
        noise_y: tf.randomNormal([batch, height, width], 0, 1, 'float32', next()) as tf.Tensor3D,
      };
    });
  }

  override transformImages(images: tf.Tensor4D, transformation: RandomElasticTransformTransformation | null, training = true): tf.Tensor4D {
    if (!training || transformation === null) return tf.cast(images, 'float32');
    return inNHWC(images, this.dataFormat, (nhwc) => {
      const [batch, height, width] = nhwc.shape;
      const source = tf.cast(nhwc, 'float32') as tf.Tensor4D;
      const strength = transformation.distortion_factor;
      const alpha = Math.max(height, width) * 0.1 * strength;
      const sigma = Math.min(height, width) * 0.05 * strength;
      // A strength of 0 moves nothing (the Gaussian of σ = 0 is undefined).
      const displacement = (noise: tf.Tensor3D) => (sigma === 0 ? tf.zerosLike(noise) : tf.mul(alpha, gaussianBlur(tf.mul(noise, sigma) as tf.Tensor3D, sigma)));
      const grid = pixelGrid(height, width);
      const x = tf.add(grid.x, displacement(transformation.noise_x)) as tf.Tensor3D;
      const y = tf.add(grid.y, displacement(transformation.noise_y)) as tf.Tensor3D;
      const distorted = sampleImages(source, y, x, this.interpolation, this.fillMode, this.fillValue);
      const apply = tf.broadcastTo(tf.reshape(transformation.apply_transform, [batch, 1, 1, 1]), source.shape);
      return tf.clipByValue(tf.where(apply, distorted, source), this.valueRange[0], this.valueRange[1]) as tf.Tensor4D;
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      factor: this.factor,
      scale: this.scale,
      interpolation: this.interpolation,
      fill_mode: this.fillMode,
      fill_value: this.fillValue,
      value_range: this.valueRange,
      seed: this.seed,
    };
  }

  static fromConfig(config: Record<string, unknown>): RandomElasticTransform {
    return new RandomElasticTransform({
      ...layerArgsFromConfig(config),
      factor: (config.factor as [number, number]) ?? 1,
      scale: (config.scale as [number, number]) ?? 1,
      interpolation: (config.interpolation as Interpolation) ?? 'bilinear',
      fillMode: (config.fill_mode as SampleFillMode) ?? 'reflect',
      fillValue: (config.fill_value as number) ?? 0,
      valueRange: (config.value_range as [number, number]) ?? [0, 255],
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}

/**
 * Keras's backend gaussian_blur as elastic_transform calls it: a normalised
 * Gaussian of `sigma` over int(6σ) | 1 pixels, zero padding, on each field.
 */
function gaussianBlur(fields: tf.Tensor3D, sigma: number): tf.Tensor3D {
  return tf.tidy(() => {
    const size = Math.trunc(6 * sigma) | 1;
    const offsets = Array.from({ length: size }, (_, i) => i - (size - 1) / 2);
    const weights = offsets.map((x) => Math.exp(-0.5 * (x / sigma) ** 2));
    const total = weights.reduce((a, b) => a + b, 0);
    const kernel1d = tf.tensor1d(weights.map((w) => w / total));
    const kernel = tf.reshape(tf.outerProduct(kernel1d, kernel1d), [size, size, 1, 1]) as tf.Tensor4D;
    const blurred = tf.conv2d(tf.expandDims(fields, -1) as tf.Tensor4D, kernel, 1, 'same');
    return tf.squeeze(blurred, [3]) as tf.Tensor3D;
  });
}
