import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import { nextSeed } from '../engine/random';
import type { Shape } from '../engine/shape';

export interface GaussianNoiseArgs extends LayerArgs {
  /** Seed of the random noise. Default `null` (a fresh seed). */
  seed?: number | null;
}

/** Keras's GaussianNoise: adds zero-centered normal noise of `stddev` in training; the identity in inference. */
export class GaussianNoise extends Layer {
  static override className = 'GaussianNoise';
  readonly stddev: number;
  readonly seed: number | null;

  constructor(stddev: number, args: GaussianNoiseArgs = {}) {
    super(args);
    // Keras marks this layer built in its constructor, so it writes no build_config.
    this.hasBuildConfig = false;
    if (!(stddev >= 0 && stddev <= 1)) {
      throw new Error(`Invalid value received for argument \`stddev\`. Expected a float value between 0 and 1. Received: stddev=${stddev}`);
    }
    this.stddev = stddev;
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    if (!options.training || this.stddev === 0) return input;
    return tf.add(input, tf.randomNormal(input.shape, 0, this.stddev, 'float32', nextSeed(this.seed, this)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): GaussianNoise {
    return new GaussianNoise(config.stddev as number, { ...layerArgsFromConfig(config), seed: config.seed as number | null });
  }
}
