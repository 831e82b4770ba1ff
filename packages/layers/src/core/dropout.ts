import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { nextSeed } from '../engine/random';
import type { LayerConfig } from '../engine/config-types';

export interface DropoutArgs extends LayerArgs {
  /** The shape of the binary dropout mask, broadcast over the input; `null` entries take the input's size (`[batch, 1, features]` drops the same features at every timestep). Default `null` (the input's shape). */
  noiseShape?: Array<number | null> | null;
  /** Seed of the random mask, for reproducible runs. Default `null` (a fresh seed). */
  seed?: number | null;
}

/** Dropout's config as Keras 3 writes it. */
export type DropoutConfig = LayerConfig & {
  /** Fraction of the inputs dropped, in [0, 1). */
  rate: number;
  /** The seed of the random draws, or null (a fresh seed). */
  seed: number | null;
  /** The shape of the binary mask (null entries follow the input), or null for the input's shape. */
  noise_shape: Array<number | null> | null;
};

/** Sets inputs to 0 with probability `rate` in training and scales the rest by 1/(1 - rate); does nothing in inference. */
export class Dropout extends Layer {
  static override className = 'Dropout';
  readonly rate: number;
  readonly noiseShape: Array<number | null> | null;
  readonly seed: number | null;

  constructor(rate: number, args: DropoutArgs = {}) {
    super(args);
    if (!(rate >= 0 && rate <= 1)) {
      throw new Error(`Invalid value received for argument \`rate\`. Expected a float value between 0 and 1. Received: rate=${rate}`);
    }
    this.rate = rate;
    this.noiseShape = args.noiseShape ?? null;
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
    this.hasBuildConfig = false;
    this.symbolicCallKwargs = { training: false };
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    if (!options.training || this.rate === 0) return input;
    const shape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? input.shape[i]) : input.shape;
    const keep = tf.less(tf.randomUniform(shape, 0, 1, 'float32', nextSeed(this.seed, this)), 1 - this.rate);
    return tf.mul(input, tf.mul(tf.cast(keep, input.dtype), 1 / (1 - this.rate)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): DropoutConfig {
    return { ...(super.getConfig() as LayerConfig), rate: this.rate, seed: this.seed, noise_shape: this.noiseShape };
  }

  static fromConfig(config: Record<string, unknown>): Dropout {
    return new Dropout(config.rate as number, {
      ...layerArgsFromConfig(config),
      seed: config.seed as number | null,
      noiseShape: config.noise_shape as Array<number | null> | null,
    });
  }
}
