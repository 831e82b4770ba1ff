import {
  type CallOptions,
  InputLayer,
  Layer,
  type LayerArgs,
  type Shape,
  type SymbolicTensor,
  type Tensors,
  formatShape,
  withNameScope,
} from '@strata/layers';
import type { Optimizer } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { FunctionalGraph } from './functional-graph';
import type { ModelSaver, SaveOptions } from './saver';
import { type SummaryOptions, summarize } from './summary';
import { type CompileArgs, type CompiledState, compileModel } from './training/compile';
import { type EvaluateArgs, evaluateModel } from './training/evaluate';
import { type FitArgs, fitModel } from './training/fit';
import type { History } from '@strata/callbacks';
import { type PredictArgs, predictModel } from './training/predict';
import { predictOnBatch, testOnBatch, trainOnBatch } from './training/on-batch';
import type { DataInput, TargetInput } from './training/data';

export interface ModelArgs extends LayerArgs {
  inputs?: SymbolicTensor | SymbolicTensor[];
  outputs?: SymbolicTensor | SymbolicTensor[];
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

  override childLayers(): Layer[] {
    if (this.graph) return this.graph.layers;
    return super.childLayers();
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
    if (list.length !== this.graph.inputs.length) {
      throw new Error(`Model "${this.name}" expects ${this.graph.inputs.length} input(s), but it received ${list.length}.`);
    }
    list.forEach((tensor, i) => checkInputShape(this.name, this.graph!.inputs[i].shape, tensor.shape, i));
    const outputs = withNameScope(this.name, () => this.graph!.run(list, options));
    return this.singleOutput ? outputs[0] : outputs;
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

  compile(args: CompileArgs): void {
    this.compiled = compileModel(this, args);
  }

  get optimizer(): Optimizer | undefined {
    return this.compiled?.optimizer;
  }

  fit(x: DataInput, y?: TargetInput | FitArgs, args: FitArgs = {}): Promise<History> {
    return fitModel(this, x, y, args);
  }

  evaluate(x: DataInput, y?: TargetInput | EvaluateArgs, args: EvaluateArgs = {}) {
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

  override getConfig(): Record<string, unknown> {
    if (!this.graph) return { name: this.name, trainable: this.trainable };
    return functionalConfig(this, this.graph, this.singleInput, this.singleOutput);
  }

  override dispose(): void {
    // Each layer's own dispose too: some hold tensors besides their weights (Normalization's given mean and variance).
    for (const layer of this.layers) layer.dispose();
    super.dispose();
    this.compiled?.dispose();
  }
}

function checkInputShape(modelName: string, expected: Shape, received: number[], index: number): void {
  const compatible =
    expected.length === received.length && expected.every((d, i) => d === null || d === received[i]);
  if (!compatible) {
    throw new Error(
      `Input ${index} of model "${modelName}" is incompatible: expected shape ${formatShape(expected)}, but received input with shape ${formatShape(received)}.`,
    );
  }
}

/** Keras 3's Functional config: layers with their inbound nodes, and the input and output layers. */
function functionalConfig(model: Model, graph: FunctionalGraph, singleInput: boolean, singleOutput: boolean) {
  const history = (t: SymbolicTensor) => [t.sourceLayer.name, t.nodeIndex, t.tensorIndex];
  const layers = graph.layers.map((layer) => {
    const nodes = graph.nodes.filter((n) => n.layer === layer && !(layer instanceof InputLayer));
    const entry: Record<string, unknown> = {
      // A nested Sequential is public Keras ("keras", no registered name); a nested functional model is not.
      module: layer instanceof Model ? (layer.className === 'Sequential' ? 'keras' : 'keras.src.models.functional') : layer.kerasModule,
      class_name: layer.className,
      config: layer.getConfig(),
      registered_name: layer instanceof Model ? (layer.className === 'Sequential' ? null : layer.className) : layer.registeredName,
    };
    if (!(layer instanceof InputLayer) && layer.hasBuildConfig && layer.buildInputShape) {
      entry.build_config = { input_shape: layer.buildInputShape };
    }
    entry.name = layer.name;
    entry.inbound_nodes = nodes.map((node) => {
      const tensors = node.inputs.map((t) => ({
        class_name: '__keras_tensor__',
        config: { shape: t.shape, dtype: t.dtype, keras_history: history(t) },
      }));
      return { args: tensors.length === 1 ? tensors : [tensors], kwargs: { ...layer.symbolicCallKwargs } };
    });
    return entry;
  });
  const inputLayers = graph.inputs.map(history);
  const outputLayers = graph.outputs.map(history);
  return {
    name: model.name,
    trainable: model.trainable,
    layers,
    input_layers: singleInput ? inputLayers[0] : inputLayers,
    output_layers: singleOutput ? outputLayers[0] : outputLayers,
  };
}
