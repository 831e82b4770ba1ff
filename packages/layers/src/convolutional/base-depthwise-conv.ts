import * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, type ActivationIdentifier, getActivation, serializeActivation } from '../activations';
import { type Constraint, serializeConstraint } from '../constraints';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { type Regularizer, serializeRegularizer } from '../regularizers';
import { constraintFromConfig, regularizerFromConfig } from './base-conv';
import {
  convOutputLength,
  type DataFormat,
  dilateKernel,
  inChannelsLast,
  normalizeDataFormat,
  normalizePadding,
  normalizeTuple,
  shapeFromChannelsLast,
  shapeToChannelsLast,
} from './conv-utils';

export interface DepthwiseConvArgs extends LayerArgs {
  /** The number of output channels per input channel. Default `1`. */
  depthMultiplier?: number;
  /** The step of the window along each spatial axis. Default `1`. */
  strides?: number | number[];
  /** `'valid'` (no padding) or `'same'` (pad so the output has `ceil(input / strides)` positions). Default `'valid'`. */
  padding?: string;
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: string | null;
  /** The dilation of the kernel along each spatial axis. Default `1`. */
  dilationRate?: number | number[];
  /** The activation applied to the output, or its Keras name. Default `null` (linear). */
  activation?: ActivationIdentifier;
  /** Whether the layer adds a bias per output channel. Default `true`. */
  useBias?: boolean;
  /** Initializer of the depthwise kernel. Default `'glorot_uniform'`. */
  depthwiseInitializer?: InitializerIdentifier;
  /** Initializer of the bias. Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  /** Regularizer applied to the depthwise kernel. Default `null`. */
  depthwiseRegularizer?: Regularizer | string | null;
  /** Regularizer applied to the bias. Default `null`. */
  biasRegularizer?: Regularizer | string | null;
  /** Regularizer applied to the layer's output. Default `null`. */
  activityRegularizer?: Regularizer | string | null;
  /** Constraint applied to the depthwise kernel after each update. Default `null`. */
  depthwiseConstraint?: Constraint | string | null;
  /** Constraint applied to the bias after each update. Default `null`. */
  biasConstraint?: Constraint | string | null;
}

/**
 * Each input channel convolved on its own with `depthMultiplier` filters
 * (tfjs's depthwiseConv2d; 1D runs as 2D with a height of one). The kernel has
 * shape `[...kernelSize, inputChannels, depthMultiplier]`; output channel
 * `c * depthMultiplier + m` comes from input channel c.
 */
export function depthwiseConvolve(input: tf.Tensor, kernel: tf.Tensor, strides: number[], padding: 'valid' | 'same'): tf.Tensor {
  if (input.rank === 3) {
    const output = tf.depthwiseConv2d(
      tf.expandDims(input, 1) as tf.Tensor4D,
      tf.expandDims(kernel, 0) as tf.Tensor4D,
      [1, strides[0]],
      padding,
    );
    return tf.squeeze(output, [1]);
  }
  return tf.depthwiseConv2d(input as tf.Tensor4D, kernel as tf.Tensor4D, strides as [number, number], padding);
}

/** Keras's BaseDepthwiseConv, for 1 or 2 spatial axes. */
export abstract class BaseDepthwiseConv extends Layer {
  readonly rank: number;
  readonly depthMultiplier: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: ActivationFunction;
  readonly useBias: boolean;
  readonly depthwiseInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly activityRegularizer: Regularizer | null;
  readonly depthwiseConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  depthwiseKernel?: LayerVariable;
  bias?: LayerVariable;

  constructor(rank: number, kernelSize: number | number[], args: DepthwiseConvArgs = {}) {
    super(args);
    this.rank = rank;
    this.depthMultiplier = args.depthMultiplier ?? 1;
    if (!Number.isInteger(this.depthMultiplier) || this.depthMultiplier <= 0) {
      throw new Error(`Invalid value for argument \`depth_multiplier\`. Expected a strictly positive value. Received depth_multiplier=${this.depthMultiplier}.`);
    }
    this.kernelSize = normalizeTuple(kernelSize, rank, 'kernel_size');
    this.strides = normalizeTuple(args.strides ?? 1, rank, 'strides');
    this.dilationRate = normalizeTuple(args.dilationRate ?? 1, rank, 'dilation_rate');
    this.padding = normalizePadding(args.padding) as 'valid' | 'same';
    this.dataFormat = normalizeDataFormat(args.dataFormat);
    if (Math.max(...this.strides) > 1 && Math.max(...this.dilationRate) > 1) {
      throw new Error(
        `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${JSON.stringify(this.strides)} and dilation_rate=${JSON.stringify(this.dilationRate)}`,
      );
    }
    this.activation = getActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.depthwiseRegularizer = regularizerFromConfig(args.depthwiseRegularizer);
    this.biasRegularizer = regularizerFromConfig(args.biasRegularizer);
    this.activityRegularizer = regularizerFromConfig(args.activityRegularizer);
    this.depthwiseConstraint = constraintFromConfig(args.depthwiseConstraint);
    this.biasConstraint = constraintFromConfig(args.biasConstraint);
    this.inputSpec = { ndim: rank + 2 };
  }

  protected inputChannels(inputShape: Shape): number {
    const channels = shapeToChannelsLast(inputShape, this.dataFormat).at(-1);
    if (channels === null || channels === undefined) {
      throw new Error(`Layer "${this.name}" needs a known channel dimension to build; received input shape ${JSON.stringify(inputShape)}.`);
    }
    return channels;
  }

  override build(inputShape: Shape): void {
    const channels = this.inputChannels(inputShape);
    this.depthwiseKernel = this.addWeight('kernel', {
      shape: [...this.kernelSize, channels, this.depthMultiplier],
      initializer: this.depthwiseInitializer,
      regularizer: this.depthwiseRegularizer,
      constraint: this.depthwiseConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', {
        shape: [channels * this.depthMultiplier],
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    this.inputSpec = { ndim: this.rank + 2, axes: { [this.dataFormat === 'channels_last' ? -1 : 1]: channels } };
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const output = inChannelsLast(inputs as tf.Tensor, this.dataFormat, (input) => {
      const kernel = dilateKernel(this.depthwiseKernel!.read(), this.dilationRate);
      const convolved = depthwiseConvolve(input, kernel, this.strides, this.padding);
      const bias = this.bias?.read();
      return this.activation(bias ? tf.add(convolved, bias) : convolved);
    });
    if (this.activityRegularizer) this.addLoss(this.activityRegularizer.call(output));
    return output;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const channelsLast = shapeToChannelsLast(inputShape, this.dataFormat);
    const spatial = channelsLast
      .slice(1, -1)
      .map((length, i) => convOutputLength(length, this.kernelSize[i], this.strides[i], this.padding, this.dilationRate[i]));
    const channels = channelsLast.at(-1) ?? null;
    return shapeFromChannelsLast([channelsLast[0], ...spatial, channels === null ? null : channels * this.depthMultiplier], this.dataFormat);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      depth_multiplier: this.depthMultiplier,
      kernel_size: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      data_format: this.dataFormat,
      dilation_rate: [...this.dilationRate],
      activation: serializeActivation(this.activation, this.name),
      use_bias: this.useBias,
      depthwise_initializer: serializeInitializer(this.depthwiseInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      depthwise_regularizer: this.depthwiseRegularizer ? serializeRegularizer(this.depthwiseRegularizer) : null,
      bias_regularizer: this.biasRegularizer ? serializeRegularizer(this.biasRegularizer) : null,
      activity_regularizer: this.activityRegularizer ? serializeRegularizer(this.activityRegularizer) : null,
      depthwise_constraint: this.depthwiseConstraint ? serializeConstraint(this.depthwiseConstraint) : null,
      bias_constraint: this.biasConstraint ? serializeConstraint(this.biasConstraint) : null,
    };
  }
}

export function depthwiseArgsFromConfig(config: Record<string, unknown>): DepthwiseConvArgs {
  return {
    ...layerArgsFromConfig(config),
    depthMultiplier: config.depth_multiplier as number,
    strides: config.strides as number[],
    padding: config.padding as string,
    dataFormat: config.data_format as string,
    dilationRate: config.dilation_rate as number[],
    activation: config.activation as string,
    useBias: config.use_bias as boolean,
    depthwiseInitializer: config.depthwise_initializer as InitializerIdentifier,
    biasInitializer: config.bias_initializer as InitializerIdentifier,
    depthwiseRegularizer: regularizerFromConfig(config.depthwise_regularizer),
    biasRegularizer: regularizerFromConfig(config.bias_regularizer),
    activityRegularizer: regularizerFromConfig(config.activity_regularizer),
    depthwiseConstraint: constraintFromConfig(config.depthwise_constraint),
    biasConstraint: constraintFromConfig(config.bias_constraint),
  };
}
