import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

export interface LeakyReLUArgs extends LayerArgs {
  /** Slope below zero; Keras's default is 0.3. */
  negativeSlope?: number;
  /** Keras 2's name for negativeSlope. */
  alpha?: number;
}

/** Keras's LeakyReLU layer: x for x >= 0, `negative_slope * x` below. */
export class LeakyReLU extends Layer {
  static override className = 'LeakyReLU';
  readonly negativeSlope: number;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    // Keras marks this layer built in its constructor, so it writes no build_config.
    this.hasBuildConfig = false;
    this.negativeSlope = args.negativeSlope ?? args.alpha ?? 0.3;
    if (this.negativeSlope < 0) {
      throw new Error(
        `The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope=${this.negativeSlope}`,
      );
    }
    this.supportsMasking = true;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return tf.leakyRelu(inputs as tf.Tensor, this.negativeSlope);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), negative_slope: this.negativeSlope };
  }

  static fromConfig(config: Record<string, unknown>): LeakyReLU {
    return new LeakyReLU({
      ...layerArgsFromConfig(config),
      negativeSlope: (config.negative_slope ?? config.alpha) as number | undefined,
    });
  }
}
