import * as tf from '@tensorflow/tfjs-core';
import { type DataFormat, normalizeDataFormat } from '../convolutional/conv-utils';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import { nextSeed } from '../engine/random';
import type { Shape } from '../engine/shape';

export interface SpatialDropoutArgs extends LayerArgs {
  /** Seed of the random mask. Default `null` (a fresh seed). */
  seed?: number | null;
  /** `'channels_last'` or `'channels_first'`: where the channels that are dropped whole are. Default `null` (`'channels_last'`). */
  dataFormat?: string | null;
}

/**
 * Keras's BaseSpatialDropout: Dropout that drops whole feature maps, one
 * keep/drop draw per sample and channel, shared along the spatial axes.
 */
export abstract class BaseSpatialDropout extends Layer {
  readonly rank: number;
  readonly rate: number;
  readonly seed: number | null;
  readonly dataFormat: DataFormat;

  constructor(rank: number, rate: number, args: SpatialDropoutArgs = {}) {
    super(args);
    // Keras marks this layer built in its constructor, so it writes no build_config.
    this.hasBuildConfig = false;
    if (!(rate >= 0 && rate <= 1)) {
      throw new Error(`Invalid value received for argument \`rate\`. Expected a float value between 0 and 1. Received: rate=${rate}`);
    }
    this.rank = rank;
    this.rate = rate;
    this.seed = args.seed ?? null;
    this.dataFormat = normalizeDataFormat(args.dataFormat);
    this.inputSpec = { ndim: rank + 2 };
    this.supportsMasking = true;
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    if (!options.training || this.rate === 0) return input;
    const channelAxis = this.dataFormat === 'channels_last' ? input.rank - 1 : 1;
    const noiseShape = input.shape.map((d, i) => (i === 0 || i === channelAxis ? d : 1));
    const keep = tf.less(tf.randomUniform(noiseShape, 0, 1, 'float32', nextSeed(this.seed, this)), 1 - this.rate);
    return tf.mul(input, tf.mul(tf.cast(keep, input.dtype), 1 / (1 - this.rate)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    // Keras's BaseSpatialDropout writes only these four keys, with dtype as a plain string (no trainable).
    return { rate: this.rate, seed: this.seed, name: this.name, dtype: 'float32' };
  }
}
