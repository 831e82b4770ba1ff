import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { resolveAxis } from './normalization-utils';

export interface UnitNormalizationArgs extends LayerArgs {
  /** The axis (or axes) each sample is scaled to unit L2 norm along. Default `-1`. */
  axis?: number | number[];
}

/** Keras's UnitNormalization: each sample scaled to unit L2 norm over `axis`. */
export class UnitNormalization extends Layer {
  static override className = 'UnitNormalization';
  readonly axis: number | number[];

  constructor(args: UnitNormalizationArgs = {}) {
    super(args);
    this.axis = Array.isArray(args.axis) ? [...args.axis] : (args.axis ?? -1);
    this.supportsMasking = true;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    const axes = (Array.isArray(this.axis) ? this.axis : [this.axis]).map((a) => resolveAxis(a, input.rank, this.name));
    // Keras's ops.normalize: x * rsqrt(max(sum(x^2), 1e-12)), so a zero vector stays zero.
    const squareSum = tf.sum(tf.square(input), axes, true);
    return tf.mul(input, tf.rsqrt(tf.maximum(squareSum, 1e-12)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: Array.isArray(this.axis) ? [...this.axis] : this.axis };
  }

  static fromConfig(config: Record<string, unknown>): UnitNormalization {
    return new UnitNormalization({ ...layerArgsFromConfig(config), axis: config.axis as number | number[] });
  }
}
