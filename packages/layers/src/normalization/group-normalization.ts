import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { broadcastAlong, normalize, resolveAxis } from './normalization-utils';
import { ScaleAndCenter, type ScaleAndCenterArgs } from './scale-and-center';

export interface GroupNormalizationArgs extends LayerArgs, ScaleAndCenterArgs {
  /** The number of groups the channels are split into (it must divide them); `-1` makes one group per channel (instance normalisation). Default `32`. */
  groups?: number;
  /** The channels axis. Default `-1`. */
  axis?: number;
  /** Added to the variance before the square root. Default `0.001`. */
  epsilon?: number;
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
  /** gamma and beta's arguments (`center`, `scale`, their initializers, regularizers and constraints). */
  readonly scaleAndCenter: ScaleAndCenter;
  gamma?: LayerVariable;
  beta?: LayerVariable;

  constructor(args: GroupNormalizationArgs = {}) {
    super(args);
    this.groups = args.groups ?? 32;
    this.axis = args.axis ?? -1;
    this.epsilon = args.epsilon ?? 1e-3;
    this.scaleAndCenter = new ScaleAndCenter(args);
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
    ({ gamma: this.gamma, beta: this.beta } = this.scaleAndCenter.addWeights(this, [channels]));
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
      ...this.scaleAndCenter.getConfig(),
    };
  }

  static fromConfig(config: Record<string, unknown>): GroupNormalization {
    return new GroupNormalization({
      ...layerArgsFromConfig(config),
      groups: config.groups as number,
      axis: config.axis as number,
      epsilon: config.epsilon as number,
      ...ScaleAndCenter.argsFromConfig(config),
    });
  }
}
