import {
  type CallOptions,
  InputLayer,
  Layer,
  registrationOf,
  type LayerArgs,
  type Shape,
  type LayerNode,
  type SymbolicTensor,
  type Tensors,
  withNameScope,
} from '@strata/layers';
import { historyOf, KerasOperation, type Operation, serializeNodeArgs } from '@strata/ops/graph';
import type { Optimizer } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { FunctionalGraph } from './functional-graph';
import { type ModelInputSpec, adjustInputRank, checkInputShapes } from './input-shapes';
import type { ModelSaver, SaveOptions } from './saver';
import { type SummaryOptions, summarize } from './summary';
import type { DenseChainLink, LayerVariable } from '@strata/layers';
import type { Metric } from '@strata/metrics';
import { type CompileArgs, type CompiledState, compileModel } from './training/compile';
import { compileArgsFromConfig, compileConfigOf } from './compile-config';
import type { BuildConfig, CompileConfig, FunctionalConfig, KerasHistory, ModelConfig, SerializedEntry, SerializedModel } from './json-types';
import {
  type ComputeLossArgs,
  type ForwardResult,
  type StepData,
  computeGradients,
  defaultComputeLoss,
  defaultComputeMetrics,
  defaultMetrics,
  defaultMetricsNames,
  defaultMetricsResult,
  defaultPredictStep,
  defaultResetMetrics,
  defaultTestStep,
  defaultTrainStep,
} from './training/step-methods';
import type { StepLogs } from './training/step';
import { type EvaluateArgs, type EvaluateResult, evaluateModel } from './training/evaluate';
import { type FitArgs, fitModel } from './training/fit';
import type { History } from '@strata/callbacks';
import { type PredictArgs, predictModel } from './training/predict';
import { predictOnBatch, testOnBatch, trainOnBatch } from './training/on-batch';
import type { DataInput, DatasetLike, TargetInput } from './training/data';

export interface ModelArgs extends LayerArgs {
  inputs?: SymbolicTensor | SymbolicTensor[];
  outputs?: SymbolicTensor | SymbolicTensor[];
}

/** A model that is a chain of Dense layers: its declared input shape (if any) and each layer's link. */
export interface DenseChain {
  inputShape: Shape | null;
  links: DenseChainLink[];
}

/**
 * A Keras model. Given `inputs` and `outputs` it is a functional model over
 * the graph between them; subclassed, it runs its own `call` over the layers
 * it holds as properties. Either way it trains with compile / fit.
 */
export class Model extends Layer {
  static override className = 'Functional';
  /** Set by callbacks (EarlyStopping) to end `fit` after the current epoch. */
  stopTraining = false;
  compiled: CompiledState | null = null;
  /** Plugged in by @strata/io-h5 (or @strata/keras) so that `save` writes Keras files. */
  saver: ModelSaver | null = null;
  protected graph: FunctionalGraph | null = null;
  private readonly singleInput: boolean;
  private readonly singleOutput: boolean;

  constructor(args: ModelArgs = {}) {
    super({ ...args, name: args.name ?? (args.inputs ? undefined : undefined) });
    this.singleInput = !Array.isArray(args.inputs);
    this.singleOutput = !Array.isArray(args.outputs);
    if (args.inputs && args.outputs) {
      const inputs = Array.isArray(args.inputs) ? args.inputs : [args.inputs];
      const outputs = Array.isArray(args.outputs) ? args.outputs : [args.outputs];
      this.graph = new FunctionalGraph(inputs, outputs);
      this.built = true;
      this.buildInputShape = this.singleInput ? inputs[0].shape : inputs.map((t) => t.shape);
      // Lets a Sequential that starts with this model know its input shape.
      if (this.singleInput) this.batchInputShape = inputs[0].shape;
    } else if (args.inputs || args.outputs) {
      throw new Error('A functional model needs both `inputs` and `outputs`.');
    }
  }

  /** The model's layers: the graph's for a functional model (inputs included), the held ones for a subclass. */
  get layers(): Layer[] {
    return this.graph ? this.graph.layers : this.childLayers();
  }

  /** The layers and ops of a functional model in Keras's order (Keras's `_operations`); the layers otherwise. */
  get operations(): Operation[] {
    return this.graph ? this.graph.operations : this.layers;
  }

  override childLayers(): Layer[] {
    if (this.graph) return this.graph.layers;
    return super.childLayers();
  }

  /** A functional model's calls of layers and ops, each after the calls it reads (empty for other models). */
  get graphNodes(): readonly LayerNode[] {
    return this.graph?.nodes ?? [];
  }

  /** Whether a functional model was given one input tensor (not a list), as its config records. */
  get isSingleInput(): boolean {
    return this.singleInput;
  }

  /** Whether a functional model was given one output tensor (not a list). */
  get isSingleOutput(): boolean {
    return this.singleOutput;
  }

  get inputs(): SymbolicTensor[] {
    return this.graph?.inputs ?? [];
  }

  get outputs(): SymbolicTensor[] {
    return this.graph?.outputs ?? [];
  }

  /** Finds a layer by name (Keras's get_layer). */
  getLayer(name: string): Layer {
    const layer = this.layers.find((l) => l.name === name);
    if (!layer) throw new Error(`No such layer: ${name}. Existing layers are: ${this.layers.map((l) => l.name).join(', ')}.`);
    return layer;
  }

  override build(inputShape: Shape | Shape[]): void {
    if (this.graph) return;
    // A subclassed model creates its weights by running once on zeros, inside its name scope.
    const concrete = (s: Shape) => s.map((d) => d ?? 1);
    tf.tidy(() => {
      const inputs = Array.isArray(inputShape[0])
        ? (inputShape as Shape[]).map((s) => tf.zeros(concrete(s)))
        : tf.zeros(concrete(inputShape as Shape));
      this.call(inputs, { training: false });
    });
  }

  override call(inputs: Tensors, options: CallOptions = {}): Tensors {
    if (!this.graph) {
      throw new Error(`Model "${this.name}" has no inputs and outputs: a subclassed model must implement call().`);
    }
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const declared = this.graph.inputs.map((t) => t.shape);
    checkInputShapes(
      this.name,
      declared,
      list.map((t) => t.shape),
    );
    const adjusted = list.map((t, i) => adjustInputRank(t, declared[i]));
    const outputs = withNameScope(this.name, () => this.graph!.run(adjusted, options));
    return this.singleOutput ? outputs[0] : outputs;
  }

  /**
   * The shape and dtype of each input the model declares (its `Input`s), or
   * null when it declares none (a subclassed model). The training entry
   * points check data against these shapes and cast it to these dtypes, as
   * Keras's Functional converts its inputs to the `Input`s' dtypes.
   */
  inputSpecs(): ModelInputSpec[] | null {
    return this.graph ? this.graph.inputs.map((t) => ({ shape: t.shape, dtype: t.dtype })) : null;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    if (!this.graph) return super.computeOutputShape(inputShape);
    const shapes = this.graph.outputs.map((o) => o.shape);
    return this.singleOutput ? shapes[0] : shapes;
  }

  /** Collects the regularization losses of every layer after a forward pass. */
  override regularizationLosses(): tf.Tensor[] {
    return super.regularizationLosses();
  }

  compile(args: CompileArgs = {}): void {
    this.compiled = compileModel(this, args);
  }

  // The training step as methods a subclass overrides, as in Keras 3 (see ./training/step-methods).

  /** One training step on a batch (`[x, y]` or `[x, y, sampleWeight]`); returns the logs (tensors or numbers) by name. Runs inside a tidy. */
  trainStep(data: StepData): StepLogs {
    return defaultTrainStep(this, data);
  }

  /** One evaluation step on a batch; returns the logs by name. Runs inside a tidy. */
  testStep(data: StepData): StepLogs {
    return defaultTestStep(this, data);
  }

  /** One prediction step on a batch (`[x]`); returns the outputs. Runs inside a tidy. */
  predictStep(data: StepData): Tensors {
    return defaultPredictStep(this, data);
  }

  /** The total loss of a batch: the compiled losses and the layers' regularization losses. */
  computeLoss(args: ComputeLossArgs): tf.Scalar {
    return defaultComputeLoss(this, args);
  }

  /** Updates the compiled metrics with a batch and returns every metric's value (`getMetricsResult`). */
  computeMetrics(_x: Tensors, y: Tensors | undefined, yPred: Tensors, sampleWeight?: tf.Tensor): StepLogs {
    return defaultComputeMetrics(this, y, yPred, sampleWeight);
  }

  /** The loss tracker, the compiled metrics and the Metrics the model holds as properties; `fit` resets them each epoch. */
  get metrics(): Metric[] {
    return defaultMetrics(this);
  }

  /** The log names of `metrics`, in order ("loss" first). */
  get metricsNames(): string[] {
    return defaultMetricsNames(this);
  }

  resetMetrics(): void {
    defaultResetMetrics(this);
  }

  /** Each metric's current value by log name, as new tensors the caller disposes. */
  getMetricsResult(): Record<string, tf.Tensor> {
    return defaultMetricsResult(this);
  }

  /**
   * For a custom `trainStep`: runs `forward` on the gradient tape and returns
   * the loss, the gradient of each weight (the trainable weights by default)
   * in order, and any other tensors forward returned beside `loss`. Pass them
   * to `optimizer.apply(gradients, weights)`.
   */
  computeGradients<T extends Record<string, Tensors>>(
    forward: () => ForwardResult<T>,
    weights: ReadonlyArray<LayerVariable | tf.Variable> = this.trainableWeights,
  ): { loss: tf.Scalar; gradients: Array<tf.Tensor | null> } & Partial<T> {
    return computeGradients(forward, weights);
  }

  /** Which step methods a subclass overrides: the trainer runs its fused built-in step for the others. */
  overriddenSteps(): { trainStep: boolean; testStep: boolean; predictStep: boolean; computeMetrics: boolean; computeLoss: boolean } {
    const base = Model.prototype;
    return {
      trainStep: this.trainStep !== base.trainStep,
      testStep: this.testStep !== base.testStep,
      predictStep: this.predictStep !== base.predictStep,
      computeMetrics: this.computeMetrics !== base.computeMetrics,
      computeLoss: this.computeLoss !== base.computeLoss,
    };
  }

  /**
   * The model as a chain of Dense layers for the fused training step
   * (training/dense-chain-step.ts), or null. A functional model is one when
   * its one input runs through each layer once, in a line, each a link
   * (Sequential has its own), and `call` is Model's own (not a subclass's).
   */
  denseChain(): DenseChain | null {
    const graph = this.graph;
    if (graph === null || this.call !== Model.prototype.call || graph.inputs.length !== 1 || graph.outputs.length !== 1) return null;
    let current = graph.inputs[0];
    const links: DenseChainLink[] = [];
    for (const node of graph.nodes) {
      if (node.operation instanceof InputLayer) continue;
      if (!(node.operation instanceof Layer) || node.args.length !== 1 || node.args[0] !== current || node.outputs.length !== 1) return null;
      if (Object.keys(node.kwargs).length > 0) return null;
      const link = node.operation.denseChainLink();
      if (link === null) return null;
      links.push(link);
      current = node.outputs[0];
    }
    return links.length > 0 && current === graph.outputs[0] ? { inputShape: graph.inputs[0].shape, links } : null;
  }

  get optimizer(): Optimizer | undefined {
    return this.compiled?.optimizer;
  }

  fit(x: DataInput, y?: TargetInput | FitArgs, args: FitArgs = {}): Promise<History> {
    return fitModel(this, x, y, args);
  }

  /**
   * Keras's evaluate: the loss alone without metrics, `[loss, ...metrics]`
   * with them (see {@link EvaluateResult} for how that is typed), or the logs by name with `returnDict`.
   */
  evaluate(x: DataInput, y: TargetInput | undefined, args: EvaluateArgs & { returnDict: true }): Promise<Record<string, number>>;
  evaluate(x: DatasetLike, args: EvaluateArgs & { returnDict: true }): Promise<Record<string, number>>;
  evaluate(x: DataInput, y?: TargetInput | EvaluateArgs, args?: EvaluateArgs & { returnDict?: false }): Promise<EvaluateResult>;
  evaluate(x: DataInput, y?: TargetInput | EvaluateArgs, args?: EvaluateArgs): Promise<EvaluateResult | Record<string, number>>;
  evaluate(x: DataInput, y?: TargetInput | EvaluateArgs, args: EvaluateArgs = {}): Promise<EvaluateResult | Record<string, number>> {
    return evaluateModel(this, x, y, args);
  }

  predict(x: DataInput, args: PredictArgs = {}): Promise<tf.Tensor | tf.Tensor[]> {
    return predictModel(this, x, args);
  }

  trainOnBatch(x: DataInput, y: TargetInput, sampleWeight?: tf.Tensor) {
    return trainOnBatch(this, x, y, sampleWeight);
  }

  testOnBatch(x: DataInput, y: TargetInput, sampleWeight?: tf.Tensor) {
    return testOnBatch(this, x, y, sampleWeight);
  }

  predictOnBatch(x: DataInput): tf.Tensor | tf.Tensor[] {
    return predictOnBatch(this, x);
  }

  /** Prints Keras's summary table, or returns it when `printFn` is given or `returnString` is set. */
  summary(options: SummaryOptions = {}): string {
    const text = summarize(this, options);
    if (!options.returnString) (options.printFn ?? console.log)(text);
    return text;
  }

  /** Saves the whole model; the file kind follows the extension (.keras, .h5). Needs a saver (see @strata/io-h5). */
  async save(path: string, options: SaveOptions = {}): Promise<void> {
    return this.requireSaver().saveModel(this, path, options);
  }

  async saveWeights(path: string, options: SaveOptions = {}): Promise<void> {
    return this.requireSaver().saveWeights(this, path, options);
  }

  async loadWeights(path: string, options: { byName?: boolean; skipMismatch?: boolean } = {}): Promise<void> {
    return this.requireSaver().loadWeights(this, path, options);
  }

  private requireSaver(): ModelSaver {
    if (!this.saver) {
      throw new Error(
        'This model has no saver: import { Sequential, ... } from "@strata/keras", or call useKerasFiles(model) from "@strata/io-h5", to save Keras files.',
      );
    }
    return this.saver;
  }

  /** Keras's optimizer state interface for callbacks (BackupAndRestore). */
  optimizerState(): tf.Tensor[] {
    return this.compiled?.optimizer.variables().map((v) => tf.clone(v.tensor)) ?? [];
  }

  setOptimizerState(values: tf.Tensor[]): void {
    const optimizer = this.compiled?.optimizer;
    if (!optimizer) return;
    // A fresh process restores before the first step has built the slots: build them as that step would.
    if (!optimizer.isBuilt) {
      const weights = this.trainableWeights;
      optimizer.build(
        weights.map((w) => w.value),
        weights.map((w) => w.path),
      );
    }
    optimizer.setVariableValues(values);
  }

  /**
   * Keras's `serialize_keras_object(model)`: module, class_name, config,
   * registered_name, build_config and compile_config. A subclassed model has no
   * config Keras can rebuild, and is refused.
   */
  serialize(): SerializedModel {
    if (!this.graph) {
      throw new Error(
        `Model "${this.name}" is a subclassed model (no inputs and outputs), which has no config Keras can rebuild; save its weights with saveWeights, or build it as a Sequential or functional model.`,
      );
    }
    return {
      module: 'keras.src.models.functional',
      class_name: this.className,
      config: this.getConfig(),
      registered_name: this.className,
      // Keras writes a functional model's build_config as {input_shape: null}: it is built by construction.
      build_config: { input_shape: null },
      compile_config: this.getCompileConfig(),
    };
  }

  /** Keras's `model.to_json()`: the model's architecture and compile config as JSON, no weights (`modelFromJson` reads it). */
  toJSON(space?: number): string {
    return JSON.stringify(this.serialize(), null, space);
  }

  /** Keras's `get_compile_config`: the arguments `compile` was given, as Keras writes them; `{}` when not compiled. */
  getCompileConfig(): CompileConfig {
    return compileConfigOf(this.compiled);
  }

  /** Keras's `compile_from_config`: compiles the model from a compile config Keras or Strata wrote. */
  compileFromConfig(config: Record<string, unknown>): void {
    const args = compileArgsFromConfig(config);
    this.compile(args);
    // Keep the config as given (a loss named by a string stays a string), with the optimizer as now built.
    const { optimizer: _optimizer, ...rest } = config;
    (this.compiled as CompiledState).compileConfig = { ...(this.compiled as CompiledState).compileConfig, ...rest };
  }

  /** Keras's `get_build_config`: the input shape the model was built with, or null when it is not built. */
  override getBuildConfig(): BuildConfig | null {
    return this.built && this.buildInputShape !== null ? { input_shape: this.buildInputShape } : null;
  }

  /** Keras's `build_from_config`: builds the model (creates its weights) for the recorded input shape. */
  buildFromConfig(config: { input_shape?: Shape | Shape[] | null }): void {
    if (config?.input_shape) this.maybeBuild(config.input_shape);
  }

  override getConfig(): ModelConfig {
    // A subclassed model: Keras's base config (name, trainable, dtype), which the subclass's getConfig extends.
    if (!this.graph) return super.getConfig() as ModelConfig;
    return functionalConfig(this, this.graph, this.singleInput, this.singleOutput);
  }

  override dispose(): void {
    // Each layer's own dispose too: some hold tensors besides their weights (Normalization's given mean and variance).
    for (const layer of this.layers) layer.dispose();
    super.dispose();
    this.compiled?.dispose();
  }
}

/**
 * The module and registered_name Keras writes for a layer or model: a class the user registered gives its
 * registration ('package>Name'); a nested Sequential is public Keras ("keras", no registered name); a functional
 * model is not public ("keras.src.models.functional", registered as "Functional"); a layer names its own.
 */
export function serializedIdentity(layer: Layer): { module: string | null; registered_name: string | null } {
  const registration = registrationOf(layer.constructor);
  if (registration) return { module: registration.module, registered_name: registration.registeredName };
  if (layer instanceof Model && layer.className === 'Sequential') return { module: 'keras', registered_name: null };
  if (layer instanceof Model) return { module: 'keras.src.models.functional', registered_name: layer.className };
  return { module: layer.kerasModule, registered_name: layer.registeredName };
}

/** Keras 3's Functional config: layers and ops with their inbound nodes, and the input and output layers. */
function functionalConfig(model: Model, graph: FunctionalGraph, singleInput: boolean, singleOutput: boolean): FunctionalConfig {
  const layers = graph.operations.map((operation): SerializedEntry => {
    if (operation instanceof KerasOperation) return opEntry(operation, graph);
    const layer = operation as Layer;
    const nodes = graph.nodes.filter((n) => n.operation === layer && !(layer instanceof InputLayer));
    const { module, registered_name } = serializedIdentity(layer);
    const entry: SerializedEntry = { module, class_name: layer.className, config: layer.getConfig(), registered_name };
    const buildConfig = layer instanceof InputLayer ? null : layer.getBuildConfig();
    if (buildConfig) entry.build_config = buildConfig as BuildConfig;
    entry.name = layer.name;
    // Each call's args and kwargs as Keras's call signature takes them (Layer.nodeArguments): MultiHeadAttention's
    // query, value, key positional, an attention mask or a mask as keyword tensors.
    entry.inbound_nodes = nodes.map((node) => ({ args: serializeNodeArgs(node.args), kwargs: serializeNodeArgs(node.kwargs) }));
    return entry;
  });
  const inputLayers = graph.inputs.map(historyOf) as KerasHistory[];
  const outputLayers = graph.outputs.map(historyOf) as KerasHistory[];
  return {
    name: model.name,
    trainable: model.trainable,
    layers,
    input_layers: singleInput ? inputLayers[0] : inputLayers,
    output_layers: singleOutput ? outputLayers[0] : outputLayers,
  };
}

/** An op's entry, as Keras writes it: `keras.src.ops.*` class, constructor config, and each call's args and kwargs. */
function opEntry(operation: KerasOperation, graph: FunctionalGraph): SerializedEntry {
  return {
    module: operation.module,
    class_name: operation.className,
    config: operation.getConfig(),
    registered_name: operation.className,
    name: operation.name,
    inbound_nodes: graph.nodes
      .filter((n) => n.operation === operation)
      .map((node) => ({ args: serializeNodeArgs(node.args), kwargs: serializeNodeArgs(node.kwargs) })),
  };
}
