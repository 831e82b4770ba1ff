import { checkNoSnakeCaseKeys } from '@strata/ops/options';
import { Operation, tensorsIn } from '@strata/ops/graph';
import * as tf from '@tensorflow/tfjs-core';
import { type Constraint, getConstraint } from '../constraints';
import { getInitializer, type InitializerIdentifier } from '../initializers';
import { getRegularizer, type Regularizer } from '../regularizers';
import { assertInputCompatibility, type InputSpecLike } from './input-spec';
import { scopedPath, withNameScope } from './scope';
import { registrationOf } from './object-registration';
import { chargeWeight } from './weight-budget';
import { formatShape, isShapeList, type Shape } from './shape';
import { isSymbolic, SymbolicTensor } from './symbolic-tensor';
import { toCamelCase, toSnakeCase } from '../serialization';
import { LayerVariable } from './variable';

export interface LayerArgs {
  /** The layer's name, unique within a model; it prefixes the weights' paths in saved files. Default: the snake_case class name with a counter (`dense`, `dense_1`...). */
  name?: string;
  /** Whether the layer's weights are updated by training (`false` freezes them). Default `true`. */
  trainable?: boolean;
  /** The dtype of the layer's weights and computations, or Keras's `DTypePolicy` config. Default `'float32'`. */
  dtype?: string | { config?: { name?: string } } | null;
  /** Shape of one sample (no batch dimension); only meaningful on a model's first layer. */
  inputShape?: Shape;
  /** Shape including the batch dimension. */
  batchInputShape?: Shape;
  /** With `inputShape`, fixes the batch dimension of a model's first layer. Default `null` (any batch size). */
  batchSize?: number | null;
  /** Legacy Keras argument: `inputDim: 784` is `inputShape: [784]`. */
  inputDim?: number;
}

export interface CallOptions {
  /** Whether the call is for training (dropout, noise and batch statistics are on) or inference. Default: inference, unless `fit` calls. */
  training?: boolean;
  /** A boolean mask of the input's timesteps (or one per input), as Keras propagates from `Embedding(maskZero)` or `Masking`. Default: the mask the inputs carry, if any. */
  mask?: tf.Tensor | Array<tf.Tensor | null> | null;
}

export type Tensors = tf.Tensor | tf.Tensor[];

/**
 * How a layer takes part in the fused training step of a chain of Dense layers
 * (@strata/models, training/dense-chain-step.ts): it flattens its input to
 * [batch, features] and nothing else (Flatten), or it is a plain Dense layer
 * whose activation is relu or linear (`fused`), or another activation applied
 * after the chain (allowed on the last layer only: softmax, sigmoid, ...).
 */
export type DenseChainLink =
  | { kind: 'flatten' }
  | { kind: 'dense'; kernel: LayerVariable; bias: LayerVariable | undefined; fused: 'relu' | 'linear' | null; activation: (x: tf.Tensor) => tf.Tensor };

/** Call options on symbolic tensors: a layer's own options, where tensors may be symbolic (`{ attentionMask: maskInput }`). */
export type SymbolicCallOptions = {
  /** Whether the call runs in training mode (Dropout drops, BatchNormalization uses the batch's statistics). */
  training?: boolean;
} & Record<string, unknown>;

export interface AddWeightOptions {
  /** The weight's shape. */
  shape: number[];
  /** How the weight is filled when created: an initializer or its Keras name. Default `'glorot_uniform'` for float weights. */
  initializer?: InitializerIdentifier;
  /** A penalty on the weight added to the model's losses, or its Keras name. Default `null`. */
  regularizer?: Regularizer | string | null;
  /** A projection applied to the weight after each optimizer update, or its Keras name. Default `null`. */
  constraint?: Constraint | string | null;
  /** Whether training updates the weight. Default `true`. */
  trainable?: boolean;
  /** The weight's dtype. Default: the layer's dtype (`'float32'`). */
  dtype?: tf.DataType;
}

export const FLOAT32_POLICY = {
  module: 'keras',
  class_name: 'DTypePolicy',
  config: { name: 'float32' },
  registered_name: null,
} as const;

/**
 * The Keras layer contract: weights are created lazily by `build(inputShape)`
 * on the first call, `call` holds the math, `computeOutputShape` answers for
 * symbolic tensors, `getConfig` returns Keras's own config.
 *
 * A custom layer subclasses Layer, sets `static className`, creates weights in
 * `build` with `addWeight`, and implements `call` (and `getConfig` when it has
 * arguments): see the README of @strata/layers.
 */
export abstract class Layer extends Operation {
  /** Keras's class name, used by configs and summaries. Subclasses set it. */
  static override className = 'Layer';
  /**
   * The Python module a saved config names for the class. Keras's public
   * layers live in `keras.layers`; a class Keras defines elsewhere (ConvNeXt's
   * LayerScale in `keras.src.applications.convnext`) names its module, and then
   * Keras writes its registered name too (see `registeredName`).
   */
  static kerasModule = 'keras.layers';

  built = false;
  dtype: tf.DataType = 'float32';
  supportsMasking = false;
  inputSpec: InputSpecLike | null = null;
  /** The batch input shape given by inputShape / batchInputShape / inputDim, if any. */
  batchInputShape: Shape | null = null;
  /** The input shape `build` ran with (Keras's build_config). */
  buildInputShape: Shape | Shape[] | null = null;
  /**
   * Whether Keras writes a build_config for this layer: layers that Keras marks
   * built in their constructor (Activation, Dropout, pooling...) have none.
   */
  hasBuildConfig = true;
  /** The keyword arguments Keras records for a symbolic call of this layer (Softmax: {mask: null}). */
  symbolicCallKwargs: Record<string, unknown> = {};
  /**
   * Keras's names of `call`'s positional tensor arguments, for a layer that takes several
   * (MultiHeadAttention: query, value, key). Strata takes them as one inputs list, which a graph node
   * spreads over these arguments as Keras writes them. Null: the inputs are `call`'s first argument.
   */
  static callArgumentNames: readonly string[] | null = null;
  private ownTrainable: boolean;
  private readonly ownWeights: LayerVariable[] = [];
  private readonly callLosses: tf.Tensor[] = [];

  constructor(args: LayerArgs = {}) {
    super(args.name);
    // The base sees every layer's options but not the subclass's list: it refuses the keys that are never right,
    // Keras's snake_case names (`{ pool_size }`, `{ use_bias }`), rather than let the layer run with defaults.
    checkNoSnakeCaseKeys((this.constructor as typeof Layer).className, args);
    this.ownTrainable = args.trainable ?? true;
    if (args.batchInputShape) {
      this.batchInputShape = [...args.batchInputShape];
    } else if (args.inputShape || args.inputDim !== undefined) {
      const sampleShape = args.inputShape ?? [args.inputDim as number];
      this.batchInputShape = [args.batchSize ?? null, ...sampleShape];
    }
  }

  /**
   * The module a saved config names: the one given at registration for a registered class (null by default,
   * as Keras writes for a class of the saving script), else the class's kerasModule.
   */
  get kerasModule(): string | null {
    const registration = registrationOf(this.constructor);
    return registration ? registration.module : (this.constructor as typeof Layer).kerasModule;
  }

  /**
   * Keras's registered_name in a saved config: `'package>Name'` for a class the user registered
   * (registerKerasSerializable), null for Keras's public layers, the class name for those of other modules.
   */
  get registeredName(): string | null {
    const registration = registrationOf(this.constructor);
    if (registration) return registration.registeredName;
    return this.kerasModule === 'keras.layers' ? null : this.className;
  }

  /** Creates the layer's weights for inputs of `inputShape`. Override; call `super.build` is not needed. */
  build(_inputShape: Shape | Shape[]): void {}

  /** The layer's math. Runs on concrete tensors only. */
  abstract call(inputs: Tensors, options?: CallOptions): Tensors;

  /**
   * The output shape for an input shape. The default runs `call` once on a
   * batch of one (unknown sizes set to 1) and reads the result: correct for any
   * layer whose output shape does not depend on unknown input sizes.
   */
  computeOutputShape(inputShape: Shape | Shape[], _options?: CallOptions): Shape | Shape[] {
    const concrete = (s: Shape) => s.map((d) => d ?? 1);
    let shape: Shape | Shape[] = [];
    tf.tidy(() => {
      const inputs = isShapeList(inputShape)
        ? inputShape.map((s) => tf.zeros(concrete(s), this.dtype))
        : tf.zeros(concrete(inputShape as Shape), this.dtype);
      const outputs = this.call(inputs, { training: false });
      const batchUnknown = (isShapeList(inputShape) ? inputShape[0] : (inputShape as Shape))[0] === null;
      const toShape = (t: tf.Tensor): Shape => (batchUnknown ? [null, ...t.shape.slice(1)] : [...t.shape]);
      shape = Array.isArray(outputs) ? outputs.map(toShape) : toShape(outputs);
    });
    return shape;
  }

  /**
   * The mask of the outputs (Keras's compute_mask): passed through when the layer supports masking. `options`
   * are the call's other options, for a layer whose mask depends on them (ReversibleEmbedding's `reverse`).
   */
  computeMask(_inputs: Tensors, mask?: CallOptions['mask'], _options?: Record<string, unknown>): tf.Tensor | Array<tf.Tensor | null> | null {
    return this.supportsMasking ? (mask ?? null) : null;
  }

  get trainable(): boolean {
    return this.ownTrainable;
  }

  /** Freezing a layer freezes its weights and those of the layers inside it, as in Keras. */
  set trainable(value: boolean) {
    this.ownTrainable = value;
    for (const layer of this.childLayers()) layer.trainable = value;
  }

  /** Layers held by this one (sub-layers of a model or a wrapper), found on its own properties as Keras tracks them. */
  childLayers(): Layer[] {
    const found: Layer[] = [];
    for (const value of Object.values(this)) {
      if (value instanceof Layer && value !== this) found.push(value);
      else if (Array.isArray(value)) for (const item of value) if (item instanceof Layer) found.push(item);
    }
    return found;
  }

  /** All weights: this layer's own, then its sub-layers', in creation order (Keras's `weights`). */
  get weights(): LayerVariable[] {
    const seen = new Set<LayerVariable>();
    const all: LayerVariable[] = [];
    const add = (v: LayerVariable) => {
      if (!seen.has(v)) {
        seen.add(v);
        all.push(v);
      }
    };
    this.ownWeights.forEach(add);
    for (const layer of this.childLayers()) layer.weights.forEach(add);
    return all;
  }

  get trainableWeights(): LayerVariable[] {
    if (!this.trainable) return [];
    return this.ownWeights
      .filter((w) => w.trainable)
      .concat(this.childLayers().flatMap((l) => l.trainableWeights))
      .filter((w, i, all) => all.indexOf(w) === i);
  }

  get nonTrainableWeights(): LayerVariable[] {
    const trainable = new Set(this.trainableWeights);
    return this.weights.filter((w) => !trainable.has(w));
  }

  /** Creates a weight in `build`; its path follows the open name scopes (`sequential/dense/kernel`). */
  addWeight(name: string, options: AddWeightOptions): LayerVariable {
    chargeWeight(scopedPath(name), options.shape, options.dtype ?? this.dtype);
    const initializer = getInitializer(options.initializer ?? 'glorot_uniform');
    const initial = tf.tidy(() => initializer.call(options.shape, options.dtype ?? this.dtype));
    const variable = new LayerVariable(initial, {
      name,
      path: scopedPath(name),
      trainable: options.trainable ?? true,
      regularizer: options.regularizer ? getRegularizer(options.regularizer) : null,
      constraint: options.constraint ? getConstraint(options.constraint) : null,
    });
    initial.dispose();
    this.ownWeights.push(variable);
    return variable;
  }

  /** Builds once, inside this layer's name scope, and records the shape for Keras's build_config. */
  maybeBuild(inputShape: Shape | Shape[]): void {
    if (this.built) return;
    withNameScope(this.name, () => this.build(inputShape));
    this.buildInputShape = inputShape;
    this.built = true;
  }

  /**
   * Calls the layer. On symbolic tensors it records a graph node and returns
   * symbolic outputs; on tensors it builds if needed and runs `call`. On
   * symbolic tensors the options may hold symbolic tensors too (an attention
   * mask, a mask), which the node records as Keras's keyword arguments.
   */
  apply(inputs: SymbolicTensor, options?: SymbolicCallOptions): SymbolicTensor;
  apply(inputs: SymbolicTensor[], options?: SymbolicCallOptions): SymbolicTensor | SymbolicTensor[];
  apply(inputs: tf.Tensor, options?: CallOptions): tf.Tensor;
  apply(inputs: Tensors, options?: CallOptions): Tensors;
  apply(
    inputs: Tensors | SymbolicTensor | SymbolicTensor[],
    options: CallOptions | SymbolicCallOptions = {},
  ): Tensors | SymbolicTensor | SymbolicTensor[] {
    if (isSymbolic(inputs)) return this.applySymbolic(inputs, options as SymbolicCallOptions);
    const shapes = Array.isArray(inputs) ? inputs.map((t) => t.shape as Shape) : (inputs.shape as Shape);
    this.checkInputs(shapes);
    this.maybeBuild(Array.isArray(inputs) ? inputs.map((t) => [null, ...t.shape.slice(1)]) : [null, ...inputs.shape.slice(1)]);
    return this.call(inputs, options as CallOptions);
  }

  private applySymbolic(inputs: SymbolicTensor | SymbolicTensor[], options: SymbolicCallOptions): SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const inputShapes = Array.isArray(inputs) ? list.map((t) => t.shape) : list[0].shape;
    this.checkInputs(inputShapes);
    this.maybeBuild(inputShapes);
    const outputShape = this.computeOutputShape(inputShapes, options as CallOptions);
    const nodeIndex = this.inboundNodes.length;
    const outputShapes = isShapeList(outputShape) ? outputShape : [outputShape as Shape];
    const outputs = outputShapes.map(
      (shape, i) =>
        new SymbolicTensor(shape, this.outputDtype(list[0].dtype), this, nodeIndex, i, `${this.name}/output_${i}`),
    );
    const { args, kwargs } = this.nodeArguments(inputs, options);
    this.inboundNodes.push({ operation: this, inputs: tensorsIn([args, kwargs]), outputs, args, kwargs });
    return isShapeList(outputShape) ? outputs : outputs[0];
  }

  /**
   * A call's arguments as Keras's `call` takes them, for the graph node (and so the saved config): the inputs
   * as the first argument (one tensor, or the list a merge layer takes), or spread over the positional
   * arguments of `callArgumentNames`; the options as keyword arguments with Keras's snake_case names.
   */
  nodeArguments(inputs: SymbolicTensor | SymbolicTensor[], options: SymbolicCallOptions = {}): { args: unknown[]; kwargs: Record<string, unknown> } {
    const spread = (this.constructor as typeof Layer).callArgumentNames !== null && Array.isArray(inputs);
    const kwargs: Record<string, unknown> = { ...this.symbolicCallKwargs };
    for (const [key, value] of Object.entries(options)) if (value !== undefined) kwargs[toSnakeCase(key)] = value;
    return { args: spread ? [...(inputs as SymbolicTensor[])] : [inputs], kwargs };
  }

  /**
   * The inverse of `nodeArguments`, for a node read from a config or run by a model: the inputs to `apply` and
   * the call options (camelCase), with the tensors of `args` and `kwargs` in place.
   */
  callFromNode<T>(args: unknown[], kwargs: Record<string, unknown>): { inputs: T | T[]; options: Record<string, unknown> } {
    const names = (this.constructor as typeof Layer).callArgumentNames;
    const rest: Record<string, unknown> = { ...kwargs };
    const take = (name: string) => {
      const value = rest[name];
      delete rest[name];
      return value;
    };
    let inputs: unknown;
    if (names !== null) {
      const list = names.map((name, i) => (i < args.length ? args[i] : take(name)));
      while (list.length > 1 && (list[list.length - 1] === undefined || list[list.length - 1] === null)) list.pop();
      inputs = list.length === 1 ? list[0] : list;
    } else {
      inputs = args.length > 0 ? args[0] : take('inputs');
    }
    if (inputs === undefined || inputs === null) throw new Error(`A call of layer "${this.name}" in the model config has no inputs: ${JSON.stringify(Object.keys(kwargs))}.`);
    const options: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) options[toCamelCase(key)] = value;
    return { inputs: inputs as T | T[], options };
  }

  /** The dtype of outputs for an input dtype; layers like Embedding override. */
  protected outputDtype(_inputDtype: tf.DataType): tf.DataType {
    return this.dtype;
  }

  private checkInputs(shapes: Shape | Shape[]): void {
    if (isShapeList(shapes)) shapes.forEach((s, i) => assertInputCompatibility(this.name, this.inputSpec, s, i));
    else assertInputCompatibility(this.name, this.inputSpec, shapes);
  }

  /** Copies of the weights' values, in `weights` order; the caller disposes them. */
  getWeights(): tf.Tensor[] {
    return this.weights.map((w) => tf.clone(w.read()));
  }

  /** Sets every weight from values in `weights` order; the shapes must match exactly. */
  setWeights(values: Array<tf.Tensor | tf.TensorLike>): void {
    const weights = this.weights;
    if (values.length !== weights.length) {
      throw new Error(
        `Layer "${this.name}" expects ${weights.length} weight${weights.length === 1 ? '' : 's'}, but received ${values.length}.`,
      );
    }
    tf.tidy(() => {
      weights.forEach((weight, i) => {
        const value = values[i] instanceof tf.Tensor ? (values[i] as tf.Tensor) : tf.tensor(values[i] as tf.TensorLike);
        if (!tf.util.arraysEqual(value.shape, weight.shape)) {
          throw new Error(
            `Layer "${this.name}" weight shape ${formatShape(weight.shape)} is not compatible with provided weight shape ${formatShape(value.shape)} (weight ${weight.path}).`,
          );
        }
        weight.assign(value.dtype === weight.dtype ? value : tf.cast(value, weight.dtype));
      });
    });
  }

  countParams(): number {
    return this.weights.reduce((total, w) => total + w.shape.reduce((a, b) => a * b, 1), 0);
  }

  /** Records a loss during `call` (activity regularization), as Keras's add_loss. */
  protected addLoss(loss: tf.Tensor): void {
    this.callLosses.push(loss);
  }

  /**
   * The regularization losses of the last call and of the weights, this layer's
   * and its sub-layers'. Call inside a tidy: the penalties are new tensors.
   */
  regularizationLosses(): tf.Tensor[] {
    const penalties: tf.Tensor[] = [...this.callLosses];
    for (const layer of this.childLayers()) penalties.push(...layer.regularizationLosses());
    for (const weight of this.ownWeights) {
      if (weight.regularizer) penalties.push(weight.regularizer.call(weight.read()));
    }
    return penalties;
  }

  /** Forgets the losses recorded by previous calls; the training step clears them before each forward pass. */
  clearCallLosses(): void {
    this.callLosses.length = 0;
    for (const layer of this.childLayers()) layer.clearCallLosses();
  }

  /**
   * This layer's part in a fused Dense-chain training step, or null (the
   * default): the model then trains through the gradient tape. A layer says
   * so only when the fused step computes exactly what its `call` does.
   */
  denseChainLink(): DenseChainLink | null {
    return null;
  }

  /** Applies the weights' constraints, after an optimizer step (Keras does it in apply_gradients). */
  applyConstraints(): void {
    for (const weight of this.weights) {
      if (weight.constraint) {
        const constraint = weight.constraint;
        tf.tidy(() => weight.assign(constraint.call(weight.read())));
      }
    }
  }

  /**
   * The mask a call in a functional graph runs with: the one the call gave explicitly (`explicit`, from the
   * node's kwargs), else the masks its inputs carry (`implicit`, Keras's `_keras_mask`), as Keras's Layer.__call__
   * passes them when the call's mask is None.
   */
  resolveCallMask(explicit: CallOptions['mask'], implicit: CallOptions['mask']): CallOptions['mask'] {
    return explicit === undefined || explicit === null ? implicit : explicit;
  }

  /**
   * Keras's build_config: `{input_shape}`, or, for a layer whose call takes several positional tensors
   * (`callArgumentNames`), `{shapes_dict: {query_shape, value_shape, ...}}` as Keras records the shapes of each
   * argument. Null for a layer Keras writes none for, or one not built.
   */
  getBuildConfig(): Record<string, unknown> | null {
    if (!this.hasBuildConfig || !this.buildInputShape) return null;
    const names = (this.constructor as typeof Layer).callArgumentNames;
    if (names !== null && isShapeList(this.buildInputShape)) {
      return { shapes_dict: Object.fromEntries(this.buildInputShape.map((shape, i) => [`${names[i]}_shape`, shape])) };
    }
    return { input_shape: this.buildInputShape };
  }

  /** Keras's base layer config: name, trainable and the dtype policy. */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { name: this.name, trainable: this.trainable, dtype: { ...FLOAT32_POLICY } };
    return config;
  }

  /** Frees the weights. */
  dispose(): void {
    for (const weight of this.weights) weight.dispose();
  }
}

/** The sample shape (no batch) of a Keras config: `batch_shape`, `batch_input_shape` or `input_shape`. */
export function layerArgsFromConfig(config: Record<string, unknown>): LayerArgs {
  const args: LayerArgs = {};
  if (typeof config.name === 'string') args.name = config.name;
  if (typeof config.trainable === 'boolean') args.trainable = config.trainable;
  const batchShape = (config.batch_shape ?? config.batch_input_shape) as Shape | undefined;
  if (batchShape) args.batchInputShape = batchShape;
  else if (config.input_shape) args.inputShape = config.input_shape as Shape;
  return args;
}
