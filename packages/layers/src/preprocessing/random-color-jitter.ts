import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { BaseImageAugmentation, type FactorArg, type ImageAugmentationArgs, parseValueRange, type ValueRange } from './augmentation-base';
import type { DataFormat } from './image-utils';
import { RandomBrightness, type RandomBrightnessTransformation } from './random-brightness';
import { RandomContrast, type RandomContrastTransformation } from './random-contrast';
import { RandomHue, type RandomHueTransformation } from './random-hue';
import { RandomSaturation, type RandomSaturationTransformation } from './random-saturation';

export interface RandomColorJitterArgs extends ImageAugmentationArgs {
  /** The range the pixel values lie in, [low, high]. Default `[0, 255]`. */
  valueRange?: ValueRange;
  /** RandomBrightness's `factor`; `null` (the default) skips the brightness step. */
  brightnessFactor?: FactorArg | null;
  /** RandomContrast's `factor`; `null` (the default) skips the contrast step. */
  contrastFactor?: FactorArg | null;
  /** RandomSaturation's `factor`; `null` (the default) skips the saturation step. */
  saturationFactor?: FactorArg | null;
  /** RandomHue's `factor`; `null` (the default) skips the hue step. */
  hueFactor?: FactorArg | null;
}

/** The transformations of the steps that are on, by step. */
export interface RandomColorJitterTransformation {
  brightness?: RandomBrightnessTransformation;
  contrast?: RandomContrastTransformation;
  saturation?: RandomSaturationTransformation;
  hue?: RandomHueTransformation;
}

/**
 * Keras's RandomColorJitter: RandomBrightness, RandomContrast,
 * RandomSaturation and RandomHue in that order, each only when its factor is
 * given, with the layer's value range and seed; identity in inference.
 * Keras builds the four steps in channels-last whatever the layer's data
 * format; Strata gives them the layer's, so channels-first images jitter right.
 */
export class RandomColorJitter extends BaseImageAugmentation<RandomColorJitterTransformation> {
  static override className = 'RandomColorJitter';
  readonly valueRange: ValueRange;
  readonly brightnessFactor: FactorArg | null;
  readonly contrastFactor: FactorArg | null;
  readonly saturationFactor: FactorArg | null;
  readonly hueFactor: FactorArg | null;
  private readonly brightness: RandomBrightness | null;
  private readonly contrast: RandomContrast | null;
  private readonly saturation: RandomSaturation | null;
  private readonly hue: RandomHue | null;

  constructor(args: RandomColorJitterArgs = {}) {
    super(args);
    this.valueRange = parseValueRange('RandomColorJitter', args.valueRange ?? [0, 255], false);
    this.brightnessFactor = args.brightnessFactor ?? null;
    this.contrastFactor = args.contrastFactor ?? null;
    this.saturationFactor = args.saturationFactor ?? null;
    this.hueFactor = args.hueFactor ?? null;
    const step = { valueRange: this.valueRange, seed: this.seed, dataFormat: this.dataFormat };
    this.brightness = this.brightnessFactor === null ? null : new RandomBrightness(this.brightnessFactor, step);
    this.contrast = this.contrastFactor === null ? null : new RandomContrast(this.contrastFactor, step);
    this.saturation = this.saturationFactor === null ? null : new RandomSaturation(this.saturationFactor, step);
    this.hue = this.hueFactor === null ? null : new RandomHue(this.hueFactor, step);
  }

  getRandomTransformation(images: tf.Tensor, training = true, seed?: number): RandomColorJitterTransformation {
    const next = this.seeds(seed);
    const transformation: RandomColorJitterTransformation = {};
    if (this.brightness) transformation.brightness = this.brightness.getRandomTransformation(images, training, next());
    if (this.contrast) transformation.contrast = this.contrast.getRandomTransformation(images, training, next());
    if (this.saturation) transformation.saturation = this.saturation.getRandomTransformation(images, training, next());
    if (this.hue) transformation.hue = this.hue.getRandomTransformation(images, training, next());
    return transformation;
  }

  transformImages(images: tf.Tensor, transformation: RandomColorJitterTransformation, training = true): tf.Tensor {
    return tf.tidy(() => {
      let output = tf.cast(images, 'float32');
      if (!training) return output;
      if (this.brightness && transformation.brightness) output = this.brightness.transformImages(output, transformation.brightness);
      if (this.contrast && transformation.contrast) output = this.contrast.transformImages(output, transformation.contrast);
      if (this.saturation && transformation.saturation) output = this.saturation.transformImages(output, transformation.saturation);
      if (this.hue && transformation.hue) output = this.hue.transformImages(output, transformation.hue);
      return output;
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      value_range: [...this.valueRange],
      brightness_factor: this.brightnessFactor,
      contrast_factor: this.contrastFactor,
      saturation_factor: this.saturationFactor,
      hue_factor: this.hueFactor,
      seed: this.seed,
    };
  }

  static fromConfig(config: Record<string, unknown>): RandomColorJitter {
    return new RandomColorJitter({
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as ValueRange | undefined,
      brightnessFactor: (config.brightness_factor as FactorArg | null) ?? null,
      contrastFactor: (config.contrast_factor as FactorArg | null) ?? null,
      saturationFactor: (config.saturation_factor as FactorArg | null) ?? null,
      hueFactor: (config.hue_factor as FactorArg | null) ?? null,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
