import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import type { Shape } from '../engine/shape';
import {
  BaseImageAugmentation,
  type FactorArg,
  type ImageAugmentationArgs,
  parseFactor,
  parseValueRange,
  type ValueRange,
} from './augmentation-base';
import { rgbToGrayscale } from './color-space';
import type { DataFormat } from './image-utils';

export interface RandomColorDegenerationArgs extends ImageAugmentationArgs {
  /** The range the pixel values lie in, [low, high]; outputs are clipped to it. Default `[0, 255]`. */
  valueRange?: ValueRange;
}

/** The random part of RandomColorDegeneration: Keras's `factor`, the blend towards grey per image ([batch, 1, 1, 1]). */
export interface RandomColorDegenerationTransformation {
  factor: tf.Tensor;
}

/**
 * Keras's RandomColorDegeneration: blends each RGB image towards its
 * grayscale version, `x + f (grey - x)`, with `f` drawn per image in `factor`
 * (in [-1, 1]; a number f means [-f, f]), then clips to the value range;
 * identity in inference.
 */
export class RandomColorDegeneration extends BaseImageAugmentation<RandomColorDegenerationTransformation> {
  static override className = 'RandomColorDegeneration';
  readonly factor: [number, number];
  readonly valueRange: ValueRange;

  constructor(factor: FactorArg, args: RandomColorDegenerationArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomColorDegeneration', factor, [-1, 1]);
    this.valueRange = parseValueRange('RandomColorDegeneration', args.valueRange ?? [0, 255]);
  }

  getRandomTransformation(images: tf.Tensor, _training = true, seed?: number): RandomColorDegenerationTransformation {
    const shape = [this.batchSize(images), 1, 1, 1];
    return { factor: tf.randomUniform(shape, this.factor[0], this.factor[1], 'float32', this.seeds(seed)()) };
  }

  transformImages(images: tf.Tensor, transformation: RandomColorDegenerationTransformation, training = true): tf.Tensor {
    return tf.tidy(() => {
      const floats = tf.cast(images, 'float32');
      if (!training) return floats;
      const blended = this.onChannelsLast(floats, (nhwc) => tf.add(nhwc, tf.mul(transformation.factor, tf.sub(rgbToGrayscale(nhwc), nhwc))));
      return tf.clipByValue(blended, this.valueRange[0], this.valueRange[1]);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (inputShape.length !== 3 && inputShape.length !== 4) {
      throw new Error(`RandomColorDegeneration expects an input shape of rank 3 (one image) or 4 (a batch); received [${inputShape}].`);
    }
    const channels = inputShape[this.dataFormat === 'channels_last' ? inputShape.length - 1 : inputShape.length - 3];
    if (channels !== null && channels !== 3) {
      throw new Error(`RandomColorDegeneration expects images with 3 channels (RGB); received an input shape of [${inputShape}].`);
    }
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange], seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): RandomColorDegeneration {
    return new RandomColorDegeneration(config.factor as FactorArg, {
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as ValueRange | undefined,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
