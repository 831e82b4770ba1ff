import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { checkChoice, type DataFormat, onImagesNHWC, standardizeDataFormat } from './image-utils';
import { LayerSeedGenerator } from './seed-generator';

export type FlipMode = 'horizontal' | 'vertical' | 'horizontal_and_vertical';
const FLIP_MODES: readonly FlipMode[] = ['horizontal', 'vertical', 'horizontal_and_vertical'];

export interface RandomFlipArgs extends LayerArgs {
  /** Seed of the random flips. Default `null` (a fresh seed). */
  seed?: number | null;
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: DataFormat | null;
}

/**
 * Flips each image with probability 1/2 during training: left-right
 * ("horizontal"), top-bottom ("vertical"), or both at once on the same draw
 * ("horizontal_and_vertical", the default), as Keras; identity in inference.
 */
export class RandomFlip extends Layer {
  static override className = 'RandomFlip';
  readonly mode: FlipMode;
  readonly seed: number | null;
  readonly dataFormat: DataFormat;
  private readonly generator: LayerSeedGenerator;

  constructor(mode: FlipMode = 'horizontal_and_vertical', args: RandomFlipArgs = {}) {
    super(args);
    this.mode = checkChoice('RandomFlip', 'mode', mode, FLIP_MODES);
    this.seed = args.seed ?? null;
    this.dataFormat = standardizeDataFormat('RandomFlip', args.dataFormat);
    this.generator = new LayerSeedGenerator(this.seed);
    this.hasBuildConfig = false;
    this.symbolicCallKwargs = { training: false };
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    if (!options.training) return tf.cast(input, 'float32');
    return onImagesNHWC('RandomFlip', input, this.dataFormat, (images) => {
      let output = tf.cast(images, 'float32') as tf.Tensor4D;
      const flips = tf.lessEqual(tf.randomUniform([output.shape[0], 1, 1, 1], 0, 1, 'float32', this.generator.next()), 0.5);
      const where = (flipped: tf.Tensor4D) => tf.where(tf.broadcastTo(flips, output.shape), flipped, output) as tf.Tensor4D;
      if (this.mode !== 'vertical') output = where(tf.reverse(output, 2));
      if (this.mode !== 'horizontal') output = where(tf.reverse(output, 1));
      return output;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), seed: this.seed, mode: this.mode, data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): RandomFlip {
    return new RandomFlip((config.mode as FlipMode) ?? 'horizontal_and_vertical', {
      ...layerArgsFromConfig(config),
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
