import * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, type ActivationIdentifier, activationName, getActivation, serializeActivation } from '../activations';
import { type Constraint, getConstraint, serializeConstraint } from '../constraints';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type Regularizer, serializeRegularizer } from '../regularizers';
import { conv2dAffine } from '@strata/backend';
import {
  addBias,
  convOutputLength,
  type DataFormat,
  dilateKernel,
  groupedConvolve,
  inChannelsLast,
  normalizeDataFormat,
  normalizePadding,
  normalizeTuple,
  type Padding,
  shapeFromChannelsLast,
  shapeToChannelsLast,
} from './conv-utils';
import type { LayerConfig } from '../engine/config-types';
import type { KerasSerialized } from '../serialization';

export interface ConvArgs extends LayerArgs {
  /** The step of the window along each spatial axis; one number for all. Default `1`. */
  strides?: number | number[];
  /** 'valid', 'same', or for Conv1D 'causal'. */
  padding?: string;
  /** `'channels_last'` (`[batch, ...spatial, channels]`) or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: string | null;
  /** The dilation of the kernel along each spatial axis (atrous convolution); it cannot exceed 1 where `strides` does. Default `1`. */
  dilationRate?: number | number[];
  /** Splits the input channels into this many groups, each convolved with its own filters; it must divide both the input channels and `filters`. Default `1`. */
  groups?: number;
  /** The activation applied to the output, or its Keras name. Default `null` (linear). */
  activation?: ActivationIdentifier;
  /** Whether the layer adds a bias per filter. Default `true`. */
  useBias?: boolean;
  /** Initializer of the kernel. Default `'glorot_uniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Initializer of the bias. Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  /** Regularizer applied to the kernel. Default `null`. */
  kernelRegularizer?: Regularizer | string | null;
  /** Regularizer applied to the bias. Default `null`. */
  biasRegularizer?: Regularizer | string | null;
  /** Regularizer applied to the layer's output. Default `null`. */
  activityRegularizer?: Regularizer | string | null;
  /** Constraint applied to the kernel after each update. Default `null`. */
  kernelConstraint?: Constraint | string | null;
  /** Constraint applied to the bias after each update. Default `null`. */
  biasConstraint?: Constraint | string | null;
}

/** Activations that tfjs's fused conv2d can apply and also differentiate. */
const FUSABLE = new Set(['linear', 'relu']);

/** The config Keras 3 writes for Conv1D, Conv2D, Conv3D (and, with their own keys added, the transposed convolutions). */
export type ConvConfig = LayerConfig & {
  /** Number of output channels. */
  filters: number;
  /** The window length along each spatial axis. */
  kernel_size: number[];
  /** The step along each spatial axis. */
  strides: number[];
  /** `'valid'`, `'same'` (or `'causal'` for Conv1D). */
  padding: string;
  /** `'channels_last'` or `'channels_first'`. */
  data_format: string;
  /** The dilation along each spatial axis. */
  dilation_rate: number[];
  /** Written by Conv1D, Conv2D and Conv3D; Keras's transposed convolutions have no `groups`. */
  groups?: number;
  /** The activation's Keras name (`'linear'` when none). */
  activation: string;
  /** Whether the layer adds a bias vector. */
  use_bias: boolean;
  /** The kernels' initializer, serialized. */
  kernel_initializer: KerasSerialized;
  /** The biases' initializer, serialized. */
  bias_initializer: KerasSerialized;
  /** The kernels' regularizer, serialized, or null. */
  kernel_regularizer: KerasSerialized | null;
  /** The biases' regularizer, serialized, or null. */
  bias_regularizer: KerasSerialized | null;
  /** The output's regularizer, serialized, or null. */
  activity_regularizer: KerasSerialized | null;
  /** The kernels' constraint, serialized, or null. */
  kernel_constraint: KerasSerialized | null;
  /** The biases' constraint, serialized, or null. */
  bias_constraint: KerasSerialized | null;
};

/**
 * Keras's BaseConv: an N-D cross-correlation of the input with a kernel of
 * shape `[...kernelSize, inputChannels / groups, filters]`, plus a bias, then
 * the activation. Conv1D, Conv2D and Conv3D only fix the rank.
 */
export abstract class BaseConv extends Layer {
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: Padding;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly groups: number;
  readonly activation: ActivationFunction;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly activityRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  kernel?: LayerVariable;
  bias?: LayerVariable;
  private readonly fusedActivation: tf.fused.Activation | null;

  constructor(rank: number, filters: number, kernelSize: number | number[], args: ConvArgs = {}) {
    super(args);
    this.rank = rank;
    if (!Number.isInteger(filters) || filters <= 0) {
      throw new Error(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${filters}.`);
    }
    this.filters = filters;
    this.groups = args.groups ?? 1;
    if (!Number.isInteger(this.groups) || this.groups <= 0) {
      throw new Error(`The number of groups must be a positive integer. Received: groups=${this.groups}.`);
    }
    if (filters % this.groups !== 0) {
      throw new Error(
        `The number of filters must be evenly divisible by the number of groups. Received: groups=${this.groups}, filters=${filters}.`,
      );
    }
    this.kernelSize = normalizeTuple(kernelSize, rank, 'kernel_size');
    this.strides = normalizeTuple(args.strides ?? 1, rank, 'strides');
    this.dilationRate = normalizeTuple(args.dilationRate ?? 1, rank, 'dilation_rate');
    this.padding = normalizePadding(args.padding, rank === 1);
    this.dataFormat = normalizeDataFormat(args.dataFormat);
    if (Math.max(...this.strides) > 1 && Math.max(...this.dilationRate) > 1) {
      throw new Error(
        `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${JSON.stringify(this.strides)} and dilation_rate=${JSON.stringify(this.dilationRate)}`,
      );
    }
    this.activation = getActivation(args.activation);
    const fusable = activationName(this.activation);
    this.fusedActivation = fusable && FUSABLE.has(fusable) ? (fusable as tf.fused.Activation) : null;
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = args.kernelRegularizer ? getRegularizer(args.kernelRegularizer) : null;
    this.biasRegularizer = args.biasRegularizer ? getRegularizer(args.biasRegularizer) : null;
    this.activityRegularizer = args.activityRegularizer ? getRegularizer(args.activityRegularizer) : null;
    this.kernelConstraint = args.kernelConstraint ? getConstraint(args.kernelConstraint) : null;
    this.biasConstraint = args.biasConstraint ? getConstraint(args.biasConstraint) : null;
    this.inputSpec = { minNdim: rank + 2 };
  }

  protected channelAxis(): number {
    return this.dataFormat === 'channels_last' ? -1 : 1;
  }

  override build(inputShape: Shape): void {
    const axis = this.channelAxis();
    const inputChannels = inputShape[axis < 0 ? inputShape.length + axis : axis];
    if (inputChannels === null || inputChannels === undefined) {
      throw new Error(`Layer "${this.name}" needs a known channel dimension to build; received input shape ${JSON.stringify(inputShape)}.`);
    }
    if (inputChannels % this.groups !== 0) {
      throw new Error(
        `The number of input channels must be evenly divisible by the number of groups. Received groups=${this.groups}, but the input has ${inputChannels} channels (full input shape is ${JSON.stringify(inputShape)}).`,
      );
    }
    this.computeOutputShape(inputShape);
    this.kernel = this.addWeight('kernel', {
      shape: [...this.kernelSize, inputChannels / this.groups, this.filters],
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', {
        shape: [this.filters],
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    this.inputSpec = { minNdim: this.rank + 2, axes: { [axis]: inputChannels } };
  }

  override call(inputs: Tensors, _options: CallOptions = {}): tf.Tensor {
    const output = inChannelsLast(inputs as tf.Tensor, this.dataFormat, (input) => this.convolveChannelsLast(input));
    if (this.activityRegularizer) this.addLoss(this.activityRegularizer.call(output));
    return output;
  }

  private convolveChannelsLast(input: tf.Tensor): tf.Tensor {
    const kernel = dilateKernel(this.kernel!.read(), this.dilationRate);
    const bias = this.bias?.read();
    if (this.rank === 2 && this.groups === 1 && this.padding !== 'causal') {
      // Strata's Conv2D op (@strata/backend's conv2dAffine): one kernel for convolution, bias and relu (the backend's fused
      // convolution, or Strata's own on cpu), and in training one-pass relu and bias gradients.
      const fuseRelu = this.fusedActivation === 'relu';
      const affine = conv2dAffine(
        input as tf.Tensor4D,
        kernel as tf.Tensor4D,
        bias as tf.Tensor1D | undefined,
        this.strides as [number, number],
        this.padding,
        fuseRelu ? 'relu' : 'linear',
      );
      return fuseRelu ? affine : this.activation(affine);
    }
    let source = input;
    let padding = this.padding;
    if (padding === 'causal') {
      // Causal: pad only the start of the sequence so output t sees inputs up to t (Keras's Conv1D).
      const left = (this.kernelSize[0] - 1) * this.dilationRate[0];
      source = tf.pad(input, [[0, 0], [left, 0], [0, 0]]);
      padding = 'valid';
    }
    const convolved = groupedConvolve(source, kernel, this.strides, padding, this.groups);
    return this.activation(bias ? addBias(convolved, bias) : convolved);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const channelsLast = shapeToChannelsLast(inputShape, this.dataFormat);
    const spatial = channelsLast.slice(1, -1).map((length, i) => {
      const output = convOutputLength(length, this.kernelSize[i], this.strides[i], this.padding, this.dilationRate[i]);
      if (output !== null && output <= 0) {
        throw new Error(
          `Computed output size would be negative. Received \`inputs shape=${JSON.stringify(inputShape)}\`, \`kernel shape=${JSON.stringify(this.kernelSize)}\`, \`dilation_rate=${JSON.stringify(this.dilationRate)}\`.`,
        );
      }
      return output;
    });
    return shapeFromChannelsLast([channelsLast[0], ...spatial, this.filters], this.dataFormat);
  }

  override getConfig(): ConvConfig {
    return {
      ...(super.getConfig() as LayerConfig),
      filters: this.filters,
      kernel_size: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      data_format: this.dataFormat,
      dilation_rate: [...this.dilationRate],
      groups: this.groups,
      activation: serializeActivation(this.activation, this.name),
      use_bias: this.useBias,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: this.kernelRegularizer ? serializeRegularizer(this.kernelRegularizer) : null,
      bias_regularizer: this.biasRegularizer ? serializeRegularizer(this.biasRegularizer) : null,
      activity_regularizer: this.activityRegularizer ? serializeRegularizer(this.activityRegularizer) : null,
      kernel_constraint: this.kernelConstraint ? serializeConstraint(this.kernelConstraint) : null,
      bias_constraint: this.biasConstraint ? serializeConstraint(this.biasConstraint) : null,
    };
  }
}

/** Regularizer or constraint entries of a Keras config, resolved (null stays null). */
export function regularizerFromConfig(value: unknown): Regularizer | null {
  return value ? getRegularizer(value as never) : null;
}

export function constraintFromConfig(value: unknown): Constraint | null {
  return value ? getConstraint(value as never) : null;
}

/** The options of a BaseConv subclass from its Keras config (filters and kernel_size are positional). */
export function convArgsFromConfig(config: Record<string, unknown>): ConvArgs {
  return {
    ...layerArgsFromConfig(config),
    strides: config.strides as number[] | undefined,
    padding: config.padding as string | undefined,
    dataFormat: config.data_format as string | undefined,
    dilationRate: config.dilation_rate as number[] | undefined,
    groups: config.groups as number | undefined,
    activation: config.activation as string | undefined,
    useBias: config.use_bias as boolean | undefined,
    kernelInitializer: config.kernel_initializer as InitializerIdentifier,
    biasInitializer: config.bias_initializer as InitializerIdentifier,
    kernelRegularizer: regularizerFromConfig(config.kernel_regularizer),
    biasRegularizer: regularizerFromConfig(config.bias_regularizer),
    activityRegularizer: regularizerFromConfig(config.activity_regularizer),
    kernelConstraint: constraintFromConfig(config.kernel_constraint),
    biasConstraint: constraintFromConfig(config.bias_constraint),
  };
}
