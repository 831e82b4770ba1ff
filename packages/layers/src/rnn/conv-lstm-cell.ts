import * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, type ActivationIdentifier, getActivation, serializeActivation } from '../activations';
import { type Constraint, type ConstraintIdentifier, getConstraint, serializeConstraint } from '../constraints';
import {
  convolve,
  convOutputLength,
  type DataFormat,
  dilateKernel,
  normalizeDataFormat,
  normalizePadding,
  normalizeTuple,
  shapeToChannelsLast,
} from '../convolutional/conv-utils';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import { nextSeed } from '../engine/random';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type Regularizer, type RegularizerIdentifier, serializeRegularizer } from '../regularizers';
import type { CellStepOptions } from './base-recurrent-cell';
import { UnitForgetBias } from './lstm-cell';

export interface ConvLSTMCellArgs extends LayerArgs {
  /** The step of the input convolution along each spatial axis. Default `1`. */
  strides?: number | number[];
  /** `'valid'` or `'same'` for the input convolution; the recurrent one is always `'same'`. Default `'valid'`. */
  padding?: string;
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: string | null;
  /** The dilation of the input convolution. Default `1`. */
  dilationRate?: number | number[];
  /** The activation of the candidate state and output. Default `'tanh'`. */
  activation?: ActivationIdentifier;
  /** The activation of the gates. Default `'sigmoid'`. */
  recurrentActivation?: ActivationIdentifier;
  /** Whether the cell adds a bias per gate and filter. Default `true`. */
  useBias?: boolean;
  /** Default `'glorot_uniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Default `'orthogonal'`. */
  recurrentInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  /** Adds 1 to the forget gate's bias at initialisation. Default `true`. */
  unitForgetBias?: boolean;
  /** Regularizer applied to the kernel. Default `null`. */
  kernelRegularizer?: RegularizerIdentifier;
  /** Regularizer applied to the recurrent kernel. Default `null`. */
  recurrentRegularizer?: RegularizerIdentifier;
  /** Regularizer applied to the bias. Default `null`. */
  biasRegularizer?: RegularizerIdentifier;
  /** Constraint applied to the kernel after each update. Default `null`. */
  kernelConstraint?: ConstraintIdentifier;
  /** Constraint applied to the recurrent kernel after each update. Default `null`. */
  recurrentConstraint?: ConstraintIdentifier;
  /** Constraint applied to the bias after each update. Default `null`. */
  biasConstraint?: ConstraintIdentifier;
  /** Fraction of the inputs dropped during training. Default `0`. */
  dropout?: number;
  /** Fraction of the recurrent state dropped during training. Default `0`. */
  recurrentDropout?: number;
  /** Seed of the dropout masks. Default `null`. */
  seed?: number | null;
}

const orNull = <T>(value: T | null, serialize: (v: T) => unknown) => (value ? serialize(value) : null);

/**
 * One step of a convolutional LSTM (Keras's ConvLSTMCell, Shi et al. 2015): the LSTM's gates i, f, c, o
 * (in that order along the kernels' last axis) computed by convolutions, the input one with the layer's
 * strides, padding and dilation, the recurrent one with stride 1 and 'same' padding.
 *
 * The cell works channels_last (ConvLSTM transposes around it). Like the dense cells it projects every
 * time step's input in one convolution over the time-folded batch before the loop (`projectInputs`),
 * then runs only the recurrent convolution per step (`stepProjected`): the same sums as Keras's per-step
 * convolution, one large convolution instead of `time` small ones.
 */
export class ConvLSTMCell extends Layer {
  static override className = 'ConvLSTMCell';
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: ActivationFunction;
  readonly recurrentActivation: ActivationFunction;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly unitForgetBias: boolean;
  readonly kernelRegularizer: Regularizer | null;
  readonly recurrentRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly recurrentConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly seed: number | null;
  readonly stateSize: number;
  kernel?: LayerVariable;
  recurrentKernel?: LayerVariable;
  bias?: LayerVariable;
  /** One dropout mask per sequence (Keras's variational dropout), fixed by beginSequence. */
  private dropoutMask: tf.Tensor | null = null;
  private recurrentDropoutMask: tf.Tensor | null = null;
  private sequenceTraining = false;

  constructor(rank: number, filters: number, kernelSize: number | number[], args: ConvLSTMCellArgs = {}) {
    super(args);
    if (!Number.isInteger(filters) || filters <= 0) {
      throw new Error(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${filters}.`);
    }
    this.rank = rank;
    this.filters = filters;
    this.stateSize = filters;
    this.kernelSize = normalizeTuple(kernelSize, rank, 'kernel_size');
    this.strides = normalizeTuple(args.strides ?? 1, rank, 'strides');
    this.padding = normalizePadding(args.padding) as 'valid' | 'same';
    this.dataFormat = normalizeDataFormat(args.dataFormat);
    this.dilationRate = normalizeTuple(args.dilationRate ?? 1, rank, 'dilation_rate');
    this.activation = getActivation(args.activation === undefined ? 'tanh' : args.activation);
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorot_uniform');
    this.recurrentInitializer = getInitializer(args.recurrentInitializer ?? 'orthogonal');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.unitForgetBias = args.unitForgetBias ?? true;
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.recurrentRegularizer = getRegularizer(args.recurrentRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.recurrentConstraint = getConstraint(args.recurrentConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.dropout = Math.min(1, Math.max(0, args.dropout ?? 0));
    this.recurrentDropout = Math.min(1, Math.max(0, args.recurrentDropout ?? 0));
    this.seed = args.seed ?? null;
  }

  /** Built from one channels_last step shape `[batch, ...spatial, channels]`. */
  override build(stepShape: Shape): void {
    const spatial = stepShape.slice(1, -1);
    const inputDim = stepShape[stepShape.length - 1];
    if (spatial.includes(null)) {
      throw new Error(`ConvLSTM layers only support static input shapes for the spatial dimension. Received invalid input shape: input_shape=${JSON.stringify(stepShape)}`);
    }
    if (inputDim === null) {
      throw new Error(`The channel dimension of the inputs should be defined. Found None. Full input shape received: input_shape=${JSON.stringify(stepShape)}`);
    }
    this.kernel = this.addWeight('kernel', {
      shape: [...this.kernelSize, inputDim, this.filters * 4],
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    this.recurrentKernel = this.addWeight('recurrent_kernel', {
      shape: [...this.kernelSize, this.filters, this.filters * 4],
      initializer: this.recurrentInitializer,
      regularizer: this.recurrentRegularizer,
      constraint: this.recurrentConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', {
        shape: [this.filters * 4],
        initializer: this.unitForgetBias ? new UnitForgetBias(this.biasInitializer, this.filters) : this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
  }

  /** The spatial shape of the states for a channels_last input step shape (the input convolution's output). */
  stateShape(stepShape: Shape): Shape {
    const spatial = stepShape.slice(1, -1).map((length, i) => convOutputLength(length, this.kernelSize[i], this.strides[i], this.padding, this.dilationRate[i]));
    return [stepShape[0], ...spatial, this.filters];
  }

  /** The input convolution of every step of `[batch, time, ...spatial, channels]` sequences, bias included. */
  projectInputs(sequences: tf.Tensor, training: boolean | undefined): tf.Tensor {
    const [batch, time, ...step] = sequences.shape;
    let folded = tf.reshape(sequences, [batch * time, ...step]);
    if (training && this.dropoutMask) {
      folded = tf.reshape(tf.mul(tf.reshape(folded, sequences.shape), tf.expandDims(this.dropoutMask, 1)), folded.shape);
    }
    const kernel = dilateKernel(this.kernel!.read(), this.dilationRate);
    let projected = convolve(folded, kernel, this.strides, this.padding);
    if (this.bias) projected = tf.add(projected, this.bias.read());
    return tf.reshape(projected, [batch, time, ...projected.shape.slice(1)]);
  }

  /** One step's recurrent convolution and gates, given its projected input: the output and `[h, c]`. */
  stepProjected(projected: tf.Tensor, states: tf.Tensor[], _options: CellStepOptions = {}): [tf.Tensor, tf.Tensor[]] {
    const [previousOutput, previousCarry] = states;
    const h = this.dropState(previousOutput);
    const recurrent = convolve(h, this.recurrentKernel!.read(), this.strides.map(() => 1), 'same');
    const [zInput, zForget, zCell, zOutput] = tf.split(tf.add(projected, recurrent), 4, projected.rank - 1);
    const inputGate = this.recurrentActivation(zInput);
    const forgetGate = this.recurrentActivation(zForget);
    const carry = tf.add(tf.mul(forgetGate, previousCarry), tf.mul(inputGate, this.activation(zCell)));
    const output = tf.mul(this.recurrentActivation(zOutput), this.activation(carry));
    return [output, [output, carry]];
  }

  /**
   * The Layer contract, for the cell applied on its own: channels_last `[inputs, h, c]` (zero states when
   * only the inputs are given) → `[output, h, c]`.
   */
  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor[] {
    const [stepInputs, ...given] = Array.isArray(inputs) ? inputs : [inputs];
    const zeros = () => tf.zeros(this.stateShape(stepInputs.shape) as number[]);
    const states = given.length === 2 ? given : [zeros(), zeros()];
    const projected = tf.squeeze(this.projectInputs(tf.expandDims(stepInputs, 1), options.training), [1]);
    const [output, newStates] = this.stepProjected(projected, states, { training: options.training });
    return [output, ...newStates];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
    const step = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const state = this.stateShape(step);
    return [state, state, [...state]];
  }

  /** Fixes the dropout masks of one sequence; `stepShape` is `[batch, ...spatial, channels]`. */
  beginSequence(stepShape: number[], training: boolean): void {
    this.endSequence();
    this.sequenceTraining = training;
    if (training && this.dropout > 0 && this.dropout < 1) this.dropoutMask = this.makeMask(stepShape, this.dropout);
  }

  endSequence(): void {
    this.dropoutMask = null;
    this.recurrentDropoutMask = null;
    this.sequenceTraining = false;
  }

  private dropState(state: tf.Tensor): tf.Tensor {
    if (!this.sequenceTraining || !(this.recurrentDropout > 0 && this.recurrentDropout < 1)) return state;
    this.recurrentDropoutMask ??= this.makeMask(state.shape, this.recurrentDropout);
    return tf.mul(state, this.recurrentDropoutMask);
  }

  private makeMask(shape: number[], rate: number): tf.Tensor {
    const keep = tf.less(tf.randomUniform(shape, 0, 1, 'float32', nextSeed(this.seed, this)), 1 - rate);
    return tf.mul(tf.cast(keep, 'float32'), 1 / (1 - rate));
  }

  /** The channels_last form of a step shape in this cell's data format. */
  toChannelsLast(shape: Shape): Shape {
    return shapeToChannelsLast(shape, this.dataFormat);
  }

  /** The keys Keras's ConvLSTM layers write for their cell's arguments. */
  cellConfig(): Record<string, unknown> {
    return {
      filters: this.filters,
      kernel_size: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      data_format: this.dataFormat,
      dilation_rate: [...this.dilationRate],
      activation: serializeActivation(this.activation, this.name),
      recurrent_activation: serializeActivation(this.recurrentActivation, this.name),
      use_bias: this.useBias,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      recurrent_initializer: serializeInitializer(this.recurrentInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      unit_forget_bias: this.unitForgetBias,
      kernel_regularizer: orNull(this.kernelRegularizer, serializeRegularizer),
      recurrent_regularizer: orNull(this.recurrentRegularizer, serializeRegularizer),
      bias_regularizer: orNull(this.biasRegularizer, serializeRegularizer),
      kernel_constraint: orNull(this.kernelConstraint, serializeConstraint),
      recurrent_constraint: orNull(this.recurrentConstraint, serializeConstraint),
      bias_constraint: orNull(this.biasConstraint, serializeConstraint),
      dropout: this.dropout,
      recurrent_dropout: this.recurrentDropout,
      seed: this.seed,
    };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), ...this.cellConfig() };
  }
}

/** ConvLSTM's snake_case config → the cell's camelCase arguments. */
export function convLstmCellArgsFromConfig(config: Record<string, unknown>): ConvLSTMCellArgs {
  return {
    strides: config.strides as number[] | undefined,
    padding: config.padding as string | undefined,
    dataFormat: config.data_format as string | null | undefined,
    dilationRate: config.dilation_rate as number[] | undefined,
    activation: config.activation as string | null | undefined,
    recurrentActivation: config.recurrent_activation as string | null | undefined,
    useBias: config.use_bias as boolean | undefined,
    kernelInitializer: config.kernel_initializer as InitializerIdentifier,
    recurrentInitializer: config.recurrent_initializer as InitializerIdentifier,
    biasInitializer: config.bias_initializer as InitializerIdentifier,
    unitForgetBias: config.unit_forget_bias as boolean | undefined,
    kernelRegularizer: config.kernel_regularizer as RegularizerIdentifier,
    recurrentRegularizer: config.recurrent_regularizer as RegularizerIdentifier,
    biasRegularizer: config.bias_regularizer as RegularizerIdentifier,
    kernelConstraint: config.kernel_constraint as ConstraintIdentifier,
    recurrentConstraint: config.recurrent_constraint as ConstraintIdentifier,
    biasConstraint: config.bias_constraint as ConstraintIdentifier,
    dropout: config.dropout as number | undefined,
    recurrentDropout: config.recurrent_dropout as number | undefined,
    seed: config.seed as number | null | undefined,
  };
}
