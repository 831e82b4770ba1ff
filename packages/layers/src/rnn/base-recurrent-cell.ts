import * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, type ActivationIdentifier, getActivation, serializeActivation } from '../activations';
import { type Constraint, type ConstraintIdentifier, getConstraint, serializeConstraint } from '../constraints';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type Regularizer, type RegularizerIdentifier, serializeRegularizer } from '../regularizers';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import { nextSeed } from '../engine/random';
import { isShapeList, type Shape } from '../engine/shape';

/** Options of one step of a cell. */
export interface CellStepOptions {
  /** Whether the step is a training step (dropout on). Default `false`. */
  training?: boolean;
}

/**
 * What the RNN layer needs of a cell (Keras's RNN cell protocol): the sizes of
 * its states and a `call(inputs, states, {training})` that returns the step's
 * output and new states. Strata's cells are layers; a plain object works too.
 */
export interface RecurrentCell {
  /** The size of the state, or one size per state (an LSTM has two). */
  stateSize: number | number[];
  /** The size of the cell's output. Default: the first state's size. */
  outputSize?: number;
  /** One timestep: takes `[batch, features]` inputs and the states, returns the output and the new states. */
  call(inputs: tf.Tensor, states: tf.Tensor[], options?: CellStepOptions): [tf.Tensor, tf.Tensor | tf.Tensor[]];
  /** The states before the first timestep. Default: zeros of `stateSize`. */
  getInitialState?(batchSize: number): tf.Tensor[];
  /** Creates the cell's weights from the shape of one timestep's input, before the first call. */
  build?(inputShape: Shape): void;
}

/**
 * A cell that takes the input part of every step in one product before the RNN's loop (the built-in
 * dense cells, ConvLSTM's cell, StackedRNNCells of them): `projectInputs` over `[batch, time, ...]`, then
 * `stepProjected` per step, with the dropout masks of one sequence fixed between `beginSequence` and
 * `endSequence`.
 */
export interface ProjectingCell {
  projectInputs(inputs: tf.Tensor, training: boolean | undefined): tf.Tensor;
  stepProjected(projected: tf.Tensor, states: tf.Tensor[], options?: CellStepOptions): [tf.Tensor, tf.Tensor[]];
  beginSequence(stepShape: number[], training: boolean): void;
  endSequence(): void;
}

export function isProjectingCell(cell: unknown): cell is ProjectingCell {
  const candidate = cell as Partial<ProjectingCell> | null;
  return (
    typeof candidate?.projectInputs === 'function' &&
    typeof candidate.stepProjected === 'function' &&
    typeof candidate.beginSequence === 'function' &&
    typeof candidate.endSequence === 'function'
  );
}

export interface BaseCellArgs extends LayerArgs {
  /** The activation of the candidate state and output, or its Keras name. Default `'tanh'`. */
  activation?: ActivationIdentifier;
  /** Whether the cell adds bias vectors. Default `true`. */
  useBias?: boolean;
  /** Initializer of the input kernel. Default `'glorot_uniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Initializer of the recurrent kernel. Default `'orthogonal'`. */
  recurrentInitializer?: InitializerIdentifier;
  /** Initializer of the bias. Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  /** Regularizer applied to the input kernel. Default `null`. */
  kernelRegularizer?: RegularizerIdentifier;
  /** Regularizer applied to the recurrent kernel. Default `null`. */
  recurrentRegularizer?: RegularizerIdentifier;
  /** Regularizer applied to the bias. Default `null`. */
  biasRegularizer?: RegularizerIdentifier;
  /** Constraint applied to the input kernel after each update. Default `null`. */
  kernelConstraint?: ConstraintIdentifier;
  /** Constraint applied to the recurrent kernel after each update. Default `null`. */
  recurrentConstraint?: ConstraintIdentifier;
  /** Constraint applied to the bias after each update. Default `null`. */
  biasConstraint?: ConstraintIdentifier;
  /** Fraction of the inputs dropped during training, in [0, 1]. Default `0`. */
  dropout?: number;
  /** Fraction of the recurrent state dropped during training, in [0, 1]. Default `0`. */
  recurrentDropout?: number;
  /** Seed of the dropout masks. Default `null` (a fresh seed). */
  seed?: number | null;
}

const serializeOrNull = <T>(value: T | null, serialize: (v: T) => unknown) => (value ? serialize(value) : null);

/**
 * What SimpleRNNCell, LSTMCell and GRUCell share: the three weights' options,
 * dropout on the inputs and on the recurrent state, and Keras's common config.
 *
 * A step is `projectInputs` (inputs · kernel + input bias) then
 * `stepProjected` (the recurrent part). The RNN layer projects every time
 * step in one matrix product before its loop, which is the same math as
 * Keras's per-step product and much faster. `step(inputs, states, options)`
 * does both for one step. The Layer contract's `call` takes
 * `[inputs, ...states]` and returns `[output, ...newStates]`, so that a cell
 * can also be applied on its own like any layer.
 */
export abstract class BaseRecurrentCell extends Layer {
  readonly units: number;
  readonly activation: ActivationFunction;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly recurrentRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly recurrentConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly seed: number | null;
  abstract readonly stateSize: number | number[];
  /**
   * Keras draws one dropout mask per sequence, not per step (variational
   * dropout): the RNN layer fixes them before its loop and clears them after.
   */
  private dropoutMask: tf.Tensor | null = null;
  private recurrentDropoutMask: tf.Tensor | null = null;

  constructor(units: number, args: BaseCellArgs = {}) {
    super(args);
    if (!Number.isInteger(units) || units <= 0) {
      throw new Error(`Received an invalid value for argument \`units\`, expected a positive integer, got ${units}.`);
    }
    this.units = units;
    this.activation = getActivation(args.activation === undefined ? 'tanh' : args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorot_uniform');
    this.recurrentInitializer = getInitializer(args.recurrentInitializer ?? 'orthogonal');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.recurrentRegularizer = getRegularizer(args.recurrentRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.recurrentConstraint = getConstraint(args.recurrentConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    // Keras clips both rates into [0, 1].
    this.dropout = Math.min(1, Math.max(0, args.dropout ?? 0));
    this.recurrentDropout = Math.min(1, Math.max(0, args.recurrentDropout ?? 0));
    this.seed = args.seed ?? null;
  }

  get outputSize(): number {
    return this.units;
  }

  kernel?: tf.Variable;
  recurrentKernel?: tf.Variable;
  bias?: tf.Variable;

  /** The bias added to the input product (all of it, or GRU's input row). */
  protected inputBias(): tf.Tensor | undefined {
    return this.bias;
  }

  /**
   * `inputs · kernel + input bias` on the last axis, for one step `[batch,
   * features]` or a whole sequence `[batch, time, features]`, with this
   * sequence's input dropout.
   */
  projectInputs(inputs: tf.Tensor, training: boolean | undefined): tf.Tensor {
    const dropped = this.dropInputs(inputs, training);
    const features = dropped.shape[dropped.rank - 1];
    const flat = tf.reshape(dropped, [-1, features]) as tf.Tensor2D;
    let projected: tf.Tensor = tf.matMul(flat, this.kernel as tf.Tensor2D);
    const bias = this.inputBias();
    if (bias) projected = tf.add(projected, bias);
    return tf.reshape(projected, [...dropped.shape.slice(0, -1), projected.shape[1] as number]);
  }

  /** The recurrent part of a step, given the step's projected inputs: the output and the new states. */
  abstract stepProjected(projected: tf.Tensor, states: tf.Tensor[], options?: CellStepOptions): [tf.Tensor, tf.Tensor[]];

  /** One time step: the output and the new states. */
  step(inputs: tf.Tensor, states: tf.Tensor[], options: CellStepOptions = {}): [tf.Tensor, tf.Tensor[]] {
    return this.stepProjected(this.projectInputs(inputs, options.training), states, options);
  }

  getInitialState(batchSize: number): tf.Tensor[] {
    const sizes = Array.isArray(this.stateSize) ? this.stateSize : [this.stateSize];
    return sizes.map((size) => tf.zeros([batchSize, size]));
  }

  /** `[inputs, ...states]` → `[output, ...newStates]`. */
  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor[] {
    const [stepInputs, ...states] = Array.isArray(inputs) ? inputs : [inputs];
    const given = states.length > 0 ? states : this.getInitialState(stepInputs.shape[0]);
    const [output, newStates] = this.step(stepInputs, given, { training: options.training });
    return [output, ...newStates];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
    const first = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const sizes = Array.isArray(this.stateSize) ? this.stateSize : [this.stateSize];
    return [[first[0], this.units], ...sizes.map((size) => [first[0], size])];
  }

  /** Fixes the dropout masks of one sequence (called by the RNN layer before its loop). */
  beginSequence(inputShape: number[], training: boolean): void {
    this.endSequence();
    if (!training) return;
    const batch = inputShape[0];
    if (this.dropout > 0 && this.dropout < 1) this.dropoutMask = this.makeMask([batch, inputShape[inputShape.length - 1]], this.dropout);
    if (this.recurrentDropout > 0 && this.recurrentDropout < 1) {
      this.recurrentDropoutMask = this.makeMask([batch, this.units], this.recurrentDropout);
    }
  }

  endSequence(): void {
    this.dropoutMask = null;
    this.recurrentDropoutMask = null;
  }

  /**
   * The inputs with this sequence's dropout applied (a fresh mask when the cell
   * runs outside an RNN); the `[batch, features]` mask is the same at every step.
   */
  protected dropInputs(inputs: tf.Tensor, training: boolean | undefined): tf.Tensor {
    if (!training || !(this.dropout > 0 && this.dropout < 1)) return inputs;
    const [batch, features] = [inputs.shape[0], inputs.shape[inputs.rank - 1]];
    const mask = this.dropoutMask ?? this.makeMask([batch, features], this.dropout);
    return tf.mul(inputs, inputs.rank === 3 ? tf.expandDims(mask, 1) : mask);
  }

  protected dropState(state: tf.Tensor, training: boolean | undefined): tf.Tensor {
    if (!training || !(this.recurrentDropout > 0 && this.recurrentDropout < 1)) return state;
    const mask = this.recurrentDropoutMask ?? this.makeMask(state.shape, this.recurrentDropout);
    return tf.mul(state, mask);
  }

  private makeMask(shape: number[], rate: number): tf.Tensor {
    const keep = tf.less(tf.randomUniform(shape, 0, 1, 'float32', nextSeed(this.seed, this)), 1 - rate);
    return tf.mul(tf.cast(keep, 'float32'), 1 / (1 - rate));
  }

  /** The feature size of the step inputs; applied on its own, a cell is built from `[inputs, ...states]` shapes. */
  protected featureDim(inputShape: Shape | Shape[]): number {
    const stepShape = isShapeList(inputShape) ? inputShape[0] : inputShape;
    const dim = stepShape[stepShape.length - 1];
    if (dim === null) throw new Error(`Layer "${this.name}" needs a known last input dimension to build; received ${JSON.stringify(stepShape)}.`);
    return dim;
  }

  protected addKernels(inputDim: number, gates: number): void {
    const kernel = this.addWeight('kernel', {
      shape: [inputDim, this.units * gates],
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    const recurrentKernel = this.addWeight('recurrent_kernel', {
      shape: [this.units, this.units * gates],
      initializer: this.recurrentInitializer,
      regularizer: this.recurrentRegularizer,
      constraint: this.recurrentConstraint,
    });
    this.kernel = kernel.value;
    this.recurrentKernel = recurrentKernel.value;
  }

  protected addBias(shape: number[], initializer: InitializerIdentifier): void {
    this.bias = this.addWeight('bias', { shape, initializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint }).value;
  }

  /** The config keys every Keras cell writes (SimpleRNNCell's full set). */
  protected cellConfig(): Record<string, unknown> {
    return {
      units: this.units,
      activation: serializeActivation(this.activation, this.name),
      use_bias: this.useBias,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      recurrent_initializer: serializeInitializer(this.recurrentInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: serializeOrNull(this.kernelRegularizer, serializeRegularizer),
      recurrent_regularizer: serializeOrNull(this.recurrentRegularizer, serializeRegularizer),
      bias_regularizer: serializeOrNull(this.biasRegularizer, serializeRegularizer),
      kernel_constraint: serializeOrNull(this.kernelConstraint, serializeConstraint),
      recurrent_constraint: serializeOrNull(this.recurrentConstraint, serializeConstraint),
      bias_constraint: serializeOrNull(this.biasConstraint, serializeConstraint),
      dropout: this.dropout,
      recurrent_dropout: this.recurrentDropout,
      seed: this.seed,
    };
  }
}

/** Keras snake_case cell config → the camelCase arguments shared by every cell. */
export function cellArgsFromConfig(config: Record<string, unknown>): BaseCellArgs {
  return {
    activation: config.activation as string | null | undefined,
    useBias: config.use_bias as boolean | undefined,
    kernelInitializer: config.kernel_initializer as InitializerIdentifier,
    recurrentInitializer: config.recurrent_initializer as InitializerIdentifier,
    biasInitializer: config.bias_initializer as InitializerIdentifier,
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
