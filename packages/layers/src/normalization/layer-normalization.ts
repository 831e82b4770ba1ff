import * as tf from '@tensorflow/tfjs-core';
import type { Constraint } from '../constraints';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import type { Regularizer } from '../regularizers';
import {
  broadcastAlong,
  constraintOrNull,
  normalize,
  regularizerOrNull,
  resolveAxis,
  serializeOptionalConstraint,
  serializeOptionalRegularizer,
} from './normalization-utils';

export interface LayerNormalizationArgs extends LayerArgs {
  axis?: number | number[];
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  /** Scale by the root mean square only, without centering (RMSNorm). */
  rmsScaling?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: Regularizer | string | null;
  gammaRegularizer?: Regularizer | string | null;
  betaConstraint?: Constraint | string | null;
  gammaConstraint?: Constraint | string | null;
}

/** Keras's LayerNormalization: each sample normalized over `axis` (the features), then scaled by gamma and shifted by beta. */
export class LayerNormalization extends Layer {
  static override className = 'LayerNormalization';
  readonly axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly rmsScaling: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  gamma?: LayerVariable;
  beta?: LayerVariable;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    this.axis = Array.isArray(args.axis) ? [...args.axis] : (args.axis ?? -1);
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.rmsScaling = args.rmsScaling ?? false;
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
    this.betaRegularizer = regularizerOrNull(args.betaRegularizer);
    this.gammaRegularizer = regularizerOrNull(args.gammaRegularizer);
    this.betaConstraint = constraintOrNull(args.betaConstraint);
    this.gammaConstraint = constraintOrNull(args.gammaConstraint);
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
    if (this.scale) {
      this.gamma = this.addWeight('gamma', {
        shape: paramShape,
        initializer: this.gammaInitializer,
        regularizer: this.gammaRegularizer,
        constraint: this.gammaConstraint,
      });
    }
    if (this.center) {
      this.beta = this.addWeight('beta', {
        shape: paramShape,
        initializer: this.betaInitializer,
        regularizer: this.betaRegularizer,
        constraint: this.betaConstraint,
      });
    }
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

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: Array.isArray(this.axis) ? [...this.axis] : this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      rms_scaling: this.rmsScaling,
      beta_initializer: serializeInitializer(this.betaInitializer),
      gamma_initializer: serializeInitializer(this.gammaInitializer),
      beta_regularizer: serializeOptionalRegularizer(this.betaRegularizer),
      gamma_regularizer: serializeOptionalRegularizer(this.gammaRegularizer),
      beta_constraint: serializeOptionalConstraint(this.betaConstraint),
      gamma_constraint: serializeOptionalConstraint(this.gammaConstraint),
    };
  }

  static fromConfig(config: Record<string, unknown>): LayerNormalization {
    return new LayerNormalization({
      ...layerArgsFromConfig(config),
      axis: config.axis as number | number[],
      epsilon: config.epsilon as number,
      center: config.center as boolean,
      scale: config.scale as boolean,
      rmsScaling: config.rms_scaling as boolean,
      betaInitializer: config.beta_initializer as InitializerIdentifier,
      gammaInitializer: config.gamma_initializer as InitializerIdentifier,
      betaRegularizer: regularizerOrNull(config.beta_regularizer),
      gammaRegularizer: regularizerOrNull(config.gamma_regularizer),
      betaConstraint: constraintOrNull(config.beta_constraint),
      gammaConstraint: constraintOrNull(config.gamma_constraint),
    });
  }
}
