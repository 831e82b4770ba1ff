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

export interface GroupNormalizationArgs extends LayerArgs {
  groups?: number;
  axis?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: Regularizer | string | null;
  gammaRegularizer?: Regularizer | string | null;
  betaConstraint?: Constraint | string | null;
  gammaConstraint?: Constraint | string | null;
}

/**
 * Keras's GroupNormalization: the channels (on `axis`) are split into
 * `groups`; each sample is normalized over every other axis within a group,
 * then scaled and shifted per channel.
 */
export class GroupNormalization extends Layer {
  static override className = 'GroupNormalization';
  readonly groups: number;
  readonly axis: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  gamma?: LayerVariable;
  beta?: LayerVariable;

  constructor(args: GroupNormalizationArgs = {}) {
    super(args);
    this.groups = args.groups ?? 32;
    this.axis = args.axis ?? -1;
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
    this.betaRegularizer = regularizerOrNull(args.betaRegularizer);
    this.gammaRegularizer = regularizerOrNull(args.gammaRegularizer);
    this.betaConstraint = constraintOrNull(args.betaConstraint);
    this.gammaConstraint = constraintOrNull(args.gammaConstraint);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const channels = inputShape[resolveAxis(this.axis, inputShape.length, this.name)];
    if (channels === null) {
      throw new Error(`Axis ${this.axis} of input tensor should have a defined dimension but the layer received an input with shape ${JSON.stringify(inputShape)}.`);
    }
    if (this.groups > channels) {
      throw new Error(`Number of groups (${this.groups}) cannot be more than the number of channels (${channels}).`);
    }
    if (channels % this.groups !== 0) {
      throw new Error(`Number of groups (${this.groups}) must be a multiple of the number of channels (${channels}).`);
    }
    this.inputSpec = { ndim: inputShape.length, axes: { [this.axis]: channels } };
    if (this.scale) {
      this.gamma = this.addWeight('gamma', {
        shape: [channels],
        initializer: this.gammaInitializer,
        regularizer: this.gammaRegularizer,
        constraint: this.gammaConstraint,
      });
    }
    if (this.center) {
      this.beta = this.addWeight('beta', {
        shape: [channels],
        initializer: this.betaInitializer,
        regularizer: this.betaRegularizer,
        constraint: this.betaConstraint,
      });
    }
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    const axis = resolveAxis(this.axis, input.rank, this.name);
    const channels = input.shape[axis];
    // Split the channel axis into [groups, channels / groups]; statistics cover all but batch and group.
    const grouped = tf.reshape(input, [
      ...input.shape.slice(0, axis),
      this.groups,
      channels / this.groups,
      ...input.shape.slice(axis + 1),
    ]);
    const reductionAxes = grouped.shape.map((_, i) => i).filter((i) => i !== 0 && i !== axis);
    const { mean, variance } = tf.moments(grouped, reductionAxes, true);
    const normalized = tf.reshape(normalize(grouped, mean, variance, this.epsilon, null, null), input.shape);
    const along = (v: tf.Tensor) => broadcastAlong(v, [axis], input.shape);
    const scaled = this.gamma ? tf.mul(normalized, along(this.gamma.read())) : normalized;
    return this.beta ? tf.add(scaled, along(this.beta.read())) : scaled;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      groups: this.groups,
      axis: this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: serializeInitializer(this.betaInitializer),
      gamma_initializer: serializeInitializer(this.gammaInitializer),
      beta_regularizer: serializeOptionalRegularizer(this.betaRegularizer),
      gamma_regularizer: serializeOptionalRegularizer(this.gammaRegularizer),
      beta_constraint: serializeOptionalConstraint(this.betaConstraint),
      gamma_constraint: serializeOptionalConstraint(this.gammaConstraint),
    };
  }

  static fromConfig(config: Record<string, unknown>): GroupNormalization {
    return new GroupNormalization({
      ...layerArgsFromConfig(config),
      groups: config.groups as number,
      axis: config.axis as number,
      epsilon: config.epsilon as number,
      center: config.center as boolean,
      scale: config.scale as boolean,
      betaInitializer: config.beta_initializer as InitializerIdentifier,
      gammaInitializer: config.gamma_initializer as InitializerIdentifier,
      betaRegularizer: regularizerOrNull(config.beta_regularizer),
      gammaRegularizer: regularizerOrNull(config.gamma_regularizer),
      betaConstraint: constraintOrNull(config.beta_constraint),
      gammaConstraint: constraintOrNull(config.gamma_constraint),
    });
  }
}
