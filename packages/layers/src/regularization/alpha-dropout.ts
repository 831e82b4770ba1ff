import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import { nextSeed } from '../engine/random';
import type { Shape } from '../engine/shape';

export interface AlphaDropoutArgs extends LayerArgs {
  /** The shape of the dropout mask, broadcast over the input; `null` entries take the input's size. Default `null` (the input's shape). */
  noiseShape?: Array<number | null> | null;
  /** Seed of the random mask. Default `null` (a fresh seed). */
  seed?: number | null;
}

/** SELU's constants (Klambauer et al., 2017), as Keras writes them. */
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/**
 * Keras's AlphaDropout: in training, dropped units take SELU's negative
 * saturation value and an affine map `a * x + b` restores the mean and
 * variance, so self-normalizing networks stay normalized.
 */
export class AlphaDropout extends Layer {
  static override className = 'AlphaDropout';
  readonly rate: number;
  readonly noiseShape: Array<number | null> | null;
  readonly seed: number | null;

  constructor(rate: number, args: AlphaDropoutArgs = {}) {
    super(args);
    // Keras marks this layer built in its constructor, so it writes no build_config.
    this.hasBuildConfig = false;
    if (!(rate >= 0 && rate <= 1)) {
      throw new Error(`Invalid value received for argument \`rate\`. Expected a float value between 0 and 1. Received: rate=${rate}`);
    }
    this.rate = rate;
    this.noiseShape = args.noiseShape ?? null;
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    if (!options.training || this.rate === 0) return input;
    const shape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? input.shape[i]) : input.shape;
    const alphaP = -SELU_ALPHA * SELU_SCALE;
    const kept = tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, 'float32', nextSeed(this.seed, this)), this.rate), input.dtype);
    const a = ((1 - this.rate) * (1 + this.rate * alphaP ** 2)) ** -0.5;
    const b = -a * alphaP * this.rate;
    const dropped = tf.add(tf.mul(input, kept), tf.mul(tf.sub(1, kept), alphaP));
    return tf.add(tf.mul(dropped, a), b);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed, noise_shape: this.noiseShape };
  }

  static fromConfig(config: Record<string, unknown>): AlphaDropout {
    return new AlphaDropout(config.rate as number, {
      ...layerArgsFromConfig(config),
      seed: config.seed as number | null,
      noiseShape: config.noise_shape as Array<number | null> | null,
    });
  }
}
