import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { broadcastAlong, normalize, resolveAxis } from './normalization-utils';
import { ScaleAndCenter, type ScaleAndCenterArgs, type ScaleAndCenterConfig } from './scale-and-center';
import type { LayerConfig } from '../engine/config-types';

export interface LayerNormalizationArgs extends LayerArgs, ScaleAndCenterArgs {
  /** The axis (or axes) normalised over, per sample. Default `-1`. */
  axis?: number | number[];
  /** Added to the variance before the square root. Default `0.001`. */
  epsilon?: number;
  /** Scale by the root mean square only, without centering (RMSNorm). */
  rmsScaling?: boolean;
}

/** LayerNormalization's config as Keras 3 writes it. */
export type LayerNormalizationConfig = LayerConfig &
  ScaleAndCenterConfig & {
    /** The normalized axis or axes. */
    axis: number | number[];
    /** Added to the variance to avoid dividing by zero. */
    epsilon: number;
    /** Whether the layer normalizes by the root mean square only (RMS normalization). */
    rms_scaling: boolean;
  };
/** Keras's LayerNormalization: each sample normalized over `axis` (the features), then scaled by gamma and shifted by beta. */
export class LayerNormalization extends Layer {
  static override className = 'LayerNormalization';
  readonly axis: number | number[];
  readonly epsilon: number;
  readonly rmsScaling: boolean;
  /** gamma and beta's arguments (`center`, `scale`, their initializers, regularizers and constraints). */
  readonly scaleAndCenter: ScaleAndCenter;
  gamma?: LayerVariable;
  beta?: LayerVariable;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    this.axis = Array.isArray(args.axis) ? [...args.axis] : (args.axis ?? -1);
    this.epsilon = args.epsilon ?? 1e-3;
    this.rmsScaling = args.rmsScaling ?? false;
    this.scaleAndCenter = new ScaleAndCenter(args);
    this.supportsMasking = true;
  }

  private axes(rank: number): number[] {
    const list = Array.isArray(this.axis) ? this.axis : [this.axis];
    return list.map((a) => resolveAxis(a, rank, this.name)).sort((a, b) => a - b);
  }

  override build(inputShape: Shape): void {
    const axes = this.axes(inputShape.length);
    const shape = axes.map((a) => inputShape[a]);
    if (shape.some((d) => d === null)) throw new Error(`Layer "${this.name}" needs known sizes on the normalized axes.`);
    const paramShape = shape as number[];
    ({ gamma: this.gamma, beta: this.beta } = this.scaleAndCenter.addWeights(this, paramShape));
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    const axes = this.axes(input.rank);
    const along = (v: tf.Tensor) => broadcastAlong(v, axes, input.shape);
    const gamma = this.gamma ? along(this.gamma.read()) : null;
    if (this.rmsScaling) {
      // RMSNorm: x / sqrt(mean(x^2) + epsilon) * gamma, no centering and no beta (Keras).
      const meanSquare = tf.mean(tf.square(input), axes, true);
      const scaled = tf.mul(input, tf.rsqrt(tf.add(meanSquare, this.epsilon)));
      return gamma ? tf.mul(scaled, gamma) : scaled;
    }
    const { mean, variance } = tf.moments(input, axes, true);
    const beta = this.beta ? along(this.beta.read()) : null;
    return normalize(input, mean, variance, this.epsilon, gamma, beta);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): LayerNormalizationConfig {
    return {
      ...(super.getConfig() as LayerConfig),
      axis: Array.isArray(this.axis) ? [...this.axis] : this.axis,
      epsilon: this.epsilon,
      ...this.scaleAndCenter.getConfig(),
      rms_scaling: this.rmsScaling,
    };
  }

  static fromConfig(config: Record<string, unknown>): LayerNormalization {
    return new LayerNormalization({
      ...layerArgsFromConfig(config),
      axis: config.axis as number | number[],
      epsilon: config.epsilon as number,
      ...ScaleAndCenter.argsFromConfig(config),
      rmsScaling: config.rms_scaling as boolean,
    });
  }
}
