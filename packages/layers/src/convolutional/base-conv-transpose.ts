import * as tf from '@tensorflow/tfjs-core';
import { serializeActivation } from '../activations';
import { serializeConstraint } from '../constraints';
import type { CallOptions, Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { serializeInitializer } from '../initializers';
import { serializeRegularizer } from '../regularizers';
import { BaseConv, type ConvArgs, type ConvConfig, convArgsFromConfig } from './base-conv';
import {
  convolve,
  deconvOutputLength,
  dilateKernel,
  inChannelsLast,
  samePaddingBefore,
  shapeFromChannelsLast,
  shapeToChannelsLast,
  spreadAxes,
} from './conv-utils';

export interface ConvTransposeArgs extends Omit<ConvArgs, 'groups'> {
  /** Extra length added at the end of each spatial axis; null lets Keras's rule choose. */
  outputPadding?: number | number[] | null;
}

/**
 * Keras's BaseConvTranspose (TensorFlow's conv_transpose): each input element
 * adds `x * kernel` to the output window it maps to. The kernel has shape
 * `[...kernelSize, filters, inputChannels]`.
 *
 * It runs as an ordinary convolution: the input is spread `stride` apart,
 * padded so the windows line up with the transposed ones, and convolved with
 * the flipped kernel. That keeps one differentiable path for 1D and 2D, every
 * padding, dilation and output_padding.
 */
export abstract class BaseConvTranspose extends BaseConv {
  readonly outputPadding: number[] | null;

  constructor(rank: number, filters: number, kernelSize: number | number[], args: ConvTransposeArgs = {}) {
    super(rank, filters, kernelSize, { ...args, groups: 1 });
    if (this.padding === 'causal') throw new Error('The `padding` argument of a transposed convolution must be "valid" or "same".');
    const outputPadding = args.outputPadding ?? null;
    this.outputPadding = outputPadding === null ? null : normalizeOutputPadding(outputPadding, rank, this.strides);
  }

  override build(inputShape: Shape): void {
    const axis = this.channelAxis();
    const inputChannels = inputShape[axis < 0 ? inputShape.length + axis : axis];
    if (inputChannels === null || inputChannels === undefined) {
      throw new Error(`Layer "${this.name}" needs a known channel dimension to build; received input shape ${JSON.stringify(inputShape)}.`);
    }
    this.kernel = this.addWeight('kernel', {
      shape: [...this.kernelSize, this.filters, inputChannels],
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

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const output = inChannelsLast(inputs as tf.Tensor, this.dataFormat, (input) => this.transposeChannelsLast(input));
    if (this.activityRegularizer) this.addLoss(this.activityRegularizer.call(output));
    return output;
  }

  private transposeChannelsLast(input: tf.Tensor): tf.Tensor {
    const spatialIn = input.shape.slice(1, -1);
    const paddings: Array<[number, number]> = [[0, 0]];
    spatialIn.forEach((length, i) => {
      const effectiveKernel = (this.kernelSize[i] - 1) * this.dilationRate[i] + 1;
      const outputLength = this.outputLength(length, i);
      const before = this.padding === 'same' ? samePaddingBefore(length, outputLength, effectiveKernel, this.strides[i]) : 0;
      const left = effectiveKernel - 1 - before;
      const right = outputLength + effectiveKernel - 1 - left - ((length - 1) * this.strides[i] + 1);
      paddings.push([left, right]);
    });
    paddings.push([0, 0]);
    const spread = spreadAxes(input, this.strides, 1);
    const kernel = tf.reverse(this.kernel!.read(), this.kernelSize.map((_, i) => i));
    const swapped = tf.transpose(kernel, [...this.kernelSize.map((_, i) => i), this.rank + 1, this.rank]);
    const convolved = convolve(padOrCrop(spread, paddings), dilateKernel(swapped, this.dilationRate), [1, 1, 1].slice(0, this.rank), 'valid');
    const bias = this.bias?.read();
    return this.activation(bias ? tf.add(convolved, bias) : convolved);
  }

  private outputLength(length: number, axis: number): number {
    const padding = this.padding as 'valid' | 'same';
    const extra = this.outputPadding ? this.outputPadding[axis] : null;
    return deconvOutputLength(length, this.kernelSize[axis], this.strides[axis], padding, extra, this.dilationRate[axis]) as number;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const channelsLast = shapeToChannelsLast(inputShape, this.dataFormat);
    const spatial = channelsLast.slice(1, -1).map((length, i) => (length === null ? null : this.outputLength(length, i)));
    return shapeFromChannelsLast([channelsLast[0], ...spatial, this.filters], this.dataFormat);
  }

  override getConfig(): ConvTransposeConfig {
    const config: ConvTransposeConfig = {
      ...(super.getConfig() as ConvConfig),
      filters: this.filters,
      kernel_size: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      output_padding: this.outputPadding ? [...this.outputPadding] : null,
      data_format: this.dataFormat,
      dilation_rate: [...this.dilationRate],
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
    // Keras's transposed convolutions have no `groups` argument.
    delete config.groups;
    return config;
  }
}

/** The config Keras 3 writes for Conv1DTranspose, Conv2DTranspose and Conv3DTranspose: a convolution's, without `groups`. */
export type ConvTransposeConfig = ConvConfig & {
  /** The extra length added to one side of each spatial output axis, or null (inferred). */
  output_padding: number[] | null;
};

function normalizeOutputPadding(value: number | number[], rank: number, strides: number[]): number[] {
  const tuple = typeof value === 'number' ? new Array<number>(rank).fill(value) : [...value];
  if (tuple.length !== rank || tuple.some((p, i) => !Number.isInteger(p) || p < 0 || p >= strides[i])) {
    throw new Error(
      `The \`output_padding\` argument must be ${rank} non-negative integers, each smaller than its stride ${JSON.stringify(strides)}. Received: output_padding=${JSON.stringify(value)}`,
    );
  }
  return tuple;
}

/** tf.pad for non-negative amounts, then a slice for negative ones (a crop). */
function padOrCrop(tensor: tf.Tensor, paddings: Array<[number, number]>): tf.Tensor {
  const padded = tf.pad(tensor, paddings.map(([before, after]) => [Math.max(before, 0), Math.max(after, 0)] as [number, number]));
  if (paddings.every(([before, after]) => before >= 0 && after >= 0)) return padded;
  const begin = paddings.map(([before]) => Math.max(-before, 0));
  const size = padded.shape.map((d, i) => d - begin[i] - Math.max(-paddings[i][1], 0));
  return tf.slice(padded, begin, size);
}

export function convTransposeArgsFromConfig(config: Record<string, unknown>): ConvTransposeArgs {
  const { groups: _groups, ...args } = convArgsFromConfig(config);
  return { ...args, outputPadding: (config.output_padding ?? null) as number[] | null };
}
