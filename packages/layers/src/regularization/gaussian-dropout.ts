import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import { nextSeed } from '../engine/random';
import type { Shape } from '../engine/shape';

export interface GaussianDropoutArgs extends LayerArgs {
  /** Seed of the random noise. Default `null` (a fresh seed). */
  seed?: number | null;
}

/** Keras's GaussianDropout: multiplies by normal noise of mean 1 and stddev `sqrt(rate / (1 - rate))` in training. */
export class GaussianDropout extends Layer {
  static override className = 'GaussianDropout';
  readonly rate: number;
  readonly seed: number | null;

  constructor(rate: number, args: GaussianDropoutArgs = {}) {
    super(args);
    // Keras marks this layer built in its constructor, so it writes no build_config.
    this.hasBuildConfig = false;
    if (!(rate >= 0 && rate <= 1)) {
      throw new Error(`Invalid value received for argument \`rate\`. Expected a float value between 0 and 1. Received: rate=${rate}`);
    }
    this.rate = rate;
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    if (!options.training || this.rate === 0) return input;
    const stddev = Math.sqrt(this.rate / (1 - this.rate));
    return tf.mul(input, tf.randomNormal(input.shape, 1, stddev, 'float32', nextSeed(this.seed, this)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): GaussianDropout {
    return new GaussianDropout(config.rate as number, { ...layerArgsFromConfig(config), seed: config.seed as number | null });
  }
}
