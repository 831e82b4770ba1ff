import type * as tf from '@tensorflow/tfjs-core';
import { relu } from '../activations';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

export interface ReLUArgs extends LayerArgs {
  /** Upper bound of the output; null for none. */
  maxValue?: number | null;
  /** Slope below the threshold (a leaky ReLU when positive). Default `0`. */
  negativeSlope?: number;
  /** Values below this are cut (or scaled by `negativeSlope`). Default `0`. */
  threshold?: number;
}

/**
 * Keras's ReLU layer: `max_value` when x >= max_value, x when threshold <= x,
 * `negative_slope * (x - threshold)` below the threshold.
 */
export class ReLU extends Layer {
  static override className = 'ReLU';
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    super(args);
    // Keras marks this layer built in its constructor, so it writes no build_config.
    this.hasBuildConfig = false;
    this.maxValue = args.maxValue ?? null;
    this.negativeSlope = args.negativeSlope ?? 0;
    this.threshold = args.threshold ?? 0;
    if (this.maxValue !== null && this.maxValue < 0) {
      throw new Error(`max_value of a ReLU layer cannot be a negative value. Received: max_value=${this.maxValue}`);
    }
    if (this.negativeSlope < 0) {
      throw new Error(`negative_slope of a ReLU layer cannot be a negative value. Received: negative_slope=${this.negativeSlope}`);
    }
    this.supportsMasking = true;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return relu(inputs as tf.Tensor, { negativeSlope: this.negativeSlope, maxValue: this.maxValue, threshold: this.threshold });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), max_value: this.maxValue, negative_slope: this.negativeSlope, threshold: this.threshold };
  }

  static fromConfig(config: Record<string, unknown>): ReLU {
    return new ReLU({
      ...layerArgsFromConfig(config),
      maxValue: config.max_value as number | null,
      negativeSlope: config.negative_slope as number,
      threshold: config.threshold as number,
    });
  }
}
