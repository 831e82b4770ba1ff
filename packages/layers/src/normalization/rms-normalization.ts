import * as tf from '@tensorflow/tfjs-core';
import { rmsNormalization } from '@strata/ops';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { broadcastAlong, resolveAxis } from './normalization-utils';

export interface RMSNormalizationArgs extends LayerArgs {
  /** The axis (or axes) normalized. Default `-1`. */
  axis?: number | number[];
  /** Added to the mean square. Default `1e-6`. */
  epsilon?: number;
}

/**
 * Keras's RMSNormalization: `x / sqrt(mean(x²) + epsilon) * scale` over `axis`,
 * with a trainable `scale` (initialized to ones) of the normalized axes' shape.
 */
export class RMSNormalization extends Layer {
  static override className = 'RMSNormalization';
  axis: number | number[];
  readonly epsilon: number;
  scale?: LayerVariable;

  constructor(args: RMSNormalizationArgs = {}) {
    super(args);
    this.axis = Array.isArray(args.axis) ? [...args.axis].sort((a, b) => a - b) : (args.axis ?? -1);
    this.epsilon = args.epsilon ?? 1e-6;
    this.supportsMasking = true;
  }

  private axes(rank: number): number[] {
    const list = Array.isArray(this.axis) ? this.axis : [this.axis];
    return list.map((a) => resolveAxis(a, rank, this.name)).sort((a, b) => a - b);
  }

  override build(inputShape: Shape): void {
    const shape = this.axes(inputShape.length).map((a) => inputShape[a]);
    if (shape.some((d) => d === null)) throw new Error(`Layer "${this.name}" needs known sizes on the normalized axes; received input shape [${inputShape.join(', ')}].`);
    this.scale = this.addWeight('scale', { shape: shape as number[], initializer: 'ones' });
    // Keras turns an int axis into a one-element list when it builds, and writes it so.
    if (!Array.isArray(this.axis)) this.axis = [this.axis];
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    const axes = this.axes(input.rank);
    return tf.tidy(() => {
      const scale = broadcastAlong((this.scale as LayerVariable).read(), axes, input.shape);
      return rmsNormalization(input, { scale, axis: axes, epsilon: this.epsilon }) as tf.Tensor;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: Array.isArray(this.axis) ? [...this.axis] : this.axis, epsilon: this.epsilon };
  }

  static fromConfig(config: Record<string, unknown>): RMSNormalization {
    return new RMSNormalization({ ...layerArgsFromConfig(config), axis: config.axis as number | number[], epsilon: config.epsilon as number });
  }
}
