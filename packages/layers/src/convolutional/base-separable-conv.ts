import * as tf from '@tensorflow/tfjs-core';
import type { Constraint } from '../constraints';
import { serializeConstraint } from '../constraints';
import type { CallOptions, Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { type Regularizer, serializeRegularizer } from '../regularizers';
import { constraintFromConfig, regularizerFromConfig } from './base-conv';
import { BaseDepthwiseConv, type DepthwiseConvArgs, depthwiseArgsFromConfig, depthwiseConvolve } from './base-depthwise-conv';
import { convolve, dilateKernel, inChannelsLast, shapeFromChannelsLast, shapeToChannelsLast } from './conv-utils';

export interface SeparableConvArgs extends DepthwiseConvArgs {
  /** Initializer of the 1×1 pointwise kernel. Default `'glorot_uniform'`. */
  pointwiseInitializer?: InitializerIdentifier;
  /** Regularizer applied to the pointwise kernel. Default `null`. */
  pointwiseRegularizer?: Regularizer | string | null;
  /** Constraint applied to the pointwise kernel after each update. Default `null`. */
  pointwiseConstraint?: Constraint | string | null;
}

/**
 * Keras's BaseSeparableConv: a depthwise convolution (strides, padding and
 * dilation apply here) followed by a 1x1 pointwise convolution to `filters`
 * channels, then the bias and the activation.
 */
export abstract class BaseSeparableConv extends BaseDepthwiseConv {
  readonly filters: number;
  readonly pointwiseInitializer: Initializer;
  readonly pointwiseRegularizer: Regularizer | null;
  readonly pointwiseConstraint: Constraint | null;
  pointwiseKernel?: LayerVariable;

  constructor(rank: number, filters: number, kernelSize: number | number[], args: SeparableConvArgs = {}) {
    super(rank, kernelSize, args);
    if (!Number.isInteger(filters) || filters <= 0) {
      throw new Error(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${filters}.`);
    }
    this.filters = filters;
    this.pointwiseInitializer = getInitializer(args.pointwiseInitializer ?? 'glorot_uniform');
    this.pointwiseRegularizer = regularizerFromConfig(args.pointwiseRegularizer);
    this.pointwiseConstraint = constraintFromConfig(args.pointwiseConstraint);
  }

  override build(inputShape: Shape): void {
    const channels = this.inputChannels(inputShape);
    // Keras's weight order: depthwise_kernel, pointwise_kernel, bias.
    this.depthwiseKernel = this.addWeight('depthwise_kernel', {
      shape: [...this.kernelSize, channels, this.depthMultiplier],
      initializer: this.depthwiseInitializer,
      regularizer: this.depthwiseRegularizer,
      constraint: this.depthwiseConstraint,
    });
    this.pointwiseKernel = this.addWeight('pointwise_kernel', {
      shape: [...this.kernelSize.map(() => 1), channels * this.depthMultiplier, this.filters],
      initializer: this.pointwiseInitializer,
      regularizer: this.pointwiseRegularizer,
      constraint: this.pointwiseConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', {
        shape: [this.filters],
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    this.inputSpec = { ndim: this.rank + 2, axes: { [this.dataFormat === 'channels_last' ? -1 : 1]: channels } };
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const output = inChannelsLast(inputs as tf.Tensor, this.dataFormat, (input) => {
      const depthwise = depthwiseConvolve(input, dilateKernel(this.depthwiseKernel!.read(), this.dilationRate), this.strides, this.padding);
      const pointwise = convolve(depthwise, this.pointwiseKernel!.read(), this.kernelSize.map(() => 1), 'valid');
      const bias = this.bias?.read();
      return this.activation(bias ? tf.add(pointwise, bias) : pointwise);
    });
    if (this.activityRegularizer) this.addLoss(this.activityRegularizer.call(output));
    return output;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const depthwise = shapeToChannelsLast(super.computeOutputShape(inputShape), this.dataFormat);
    return shapeFromChannelsLast([...depthwise.slice(0, -1), this.filters], this.dataFormat);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      pointwise_initializer: serializeInitializer(this.pointwiseInitializer),
      pointwise_regularizer: this.pointwiseRegularizer ? serializeRegularizer(this.pointwiseRegularizer) : null,
      pointwise_constraint: this.pointwiseConstraint ? serializeConstraint(this.pointwiseConstraint) : null,
    };
  }
}

export function separableArgsFromConfig(config: Record<string, unknown>): SeparableConvArgs {
  return {
    ...depthwiseArgsFromConfig(config),
    pointwiseInitializer: config.pointwise_initializer as InitializerIdentifier,
    pointwiseRegularizer: regularizerFromConfig(config.pointwise_regularizer),
    pointwiseConstraint: constraintFromConfig(config.pointwise_constraint),
  };
}
