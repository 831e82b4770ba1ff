import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import { nextSeed } from '../engine/random';
import type { Shape } from '../engine/shape';

export interface StochasticDepthArgs extends LayerArgs {
  /** Seed of the random residual drop. Default `null` (a fresh seed). */
  seed?: number | null;
}

/**
 * ConvNeXt's stochastic depth (keras.applications.convnext.StochasticDepth):
 * in training it drops the whole residual branch of a sample with probability
 * `dropPathRate` and scales the kept ones by 1 / (1 - dropPathRate), one draw
 * per sample (timm's DropPath); in inference it returns its input.
 */
export class StochasticDepth extends Layer {
  static override className = 'StochasticDepth';
  static override kerasModule = 'keras.src.applications.convnext';
  readonly dropPathRate: number;
  private readonly seed: number | null;

  constructor(dropPathRate: number, args: StochasticDepthArgs = {}) {
    super(args);
    if (!(dropPathRate >= 0 && dropPathRate < 1)) {
      throw new Error(`StochasticDepth "${this.name}" needs dropPathRate in [0, 1); received ${JSON.stringify(dropPathRate)}.`);
    }
    this.dropPathRate = dropPathRate;
    this.seed = args.seed ?? null;
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    if (!options.training || this.dropPathRate === 0) return input;
    const keepProbability = 1 - this.dropPathRate;
    return tf.tidy(() => {
      // One uniform draw per sample, broadcast over the other axes: floor(keep + u) is 1 with probability keep.
      const shape = [input.shape[0], ...input.shape.slice(1).map(() => 1)];
      const keep = tf.floor(tf.add(tf.randomUniform(shape, 0, 1, 'float32', nextSeed(this.seed, this)), keepProbability));
      return tf.mul(tf.div(input, keepProbability), keep);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), drop_path_rate: this.dropPathRate };
  }

  static fromConfig(config: Record<string, unknown>): StochasticDepth {
    return new StochasticDepth(config.drop_path_rate as number, layerArgsFromConfig(config));
  }
}
