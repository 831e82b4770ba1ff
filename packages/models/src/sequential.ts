import {
  type CallOptions,
  type DenseChainLink,
  FLOAT32_POLICY,
  InputLayer,
  Layer,
  type LayerArgs,
  type Shape,
  SymbolicTensor,
  type Tensors,
  formatShape,
} from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import { type ModelInputSpec, adjustInputRank, checkInputShapes } from './input-shapes';
import type { BuildConfig, SequentialConfig, SerializedEntry, SerializedModel } from './json-types';
import { type DenseChain, Model, serializedIdentity } from './model';
import type { DataInput } from './training/data';
import type { PredictArgs } from './training/predict';

/** A Sequential model's prediction: its one output; several tensors only come from an overridden predictStep. */
function oneOutput(output: tf.Tensor | tf.Tensor[], method: string): tf.Tensor {
  if (!Array.isArray(output)) return output;
  if (output.length === 1) return output[0];
  const count = output.length;
  tf.dispose(output);
  throw new TypeError(
    `Sequential.${method}() resolves to one tensor, but the model's predictStep returned ${count}; override ${method} in the subclass, or use the functional Model, whose predict returns a list.`,
  );
}

/**
 * A plain stack of layers, each with one input and one output. The input
 * shape comes from an `Input`, from `inputShape`/`inputDim`/`batchInputShape`
 * on the first layer, or from the first batch it sees.
 */
export class Sequential extends Model {
  static override className = 'Sequential';
  private stack: Layer[] = [];
  private inputLayer: InputLayer | null = null;

  constructor(layers: Array<Layer | SymbolicTensor> = [], args: LayerArgs = {}) {
    super(args);
    for (const layer of layers) this.add(layer);
  }

  override get layers(): Layer[] {
    return [...this.stack];
  }

  override childLayers(): Layer[] {
    return [...this.stack];
  }

  /** The InputLayer, when the input shape is known (Keras lists it in the config, not in `layers`). */
  get input(): InputLayer | null {
    return this.inputLayer;
  }

  add(layer: Layer | SymbolicTensor): void {
    if (layer instanceof SymbolicTensor) {
      if (!(layer.operation instanceof InputLayer)) {
        throw new Error('Only an Input() tensor can be added to a Sequential model; add the layer itself instead.');
      }
      layer = layer.operation as Layer;
    }
    if (!(layer instanceof Layer)) {
      throw new Error(`Only instances of Layer can be added to a Sequential model. Received: ${String(layer)}`);
    }
    if (layer instanceof InputLayer) {
      if (this.stack.length > 0 || this.inputLayer) {
        throw new Error('An InputLayer can only be the first layer of a Sequential model.');
      }
      this.inputLayer = layer;
      this.batchInputShape = layer.batchShape;
      return;
    }
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new Error(
        `All layers added to a Sequential model should have unique names. Name "${layer.name}" is already the name of a layer in this model.`,
      );
    }
    if (this.stack.length === 0 && !this.inputLayer && layer.batchInputShape) {
      this.inputLayer = new InputLayer({ batchShape: layer.batchInputShape, name: 'input_layer' });
      this.batchInputShape = layer.batchInputShape;
    }
    this.stack.push(layer);
    this.built = false;
    if (this.inputLayer) this.maybeBuild(this.inputLayer.batchShape);
  }

  /** Removes the last layer. */
  pop(): Layer {
    const layer = this.stack.pop();
    if (!layer) throw new Error('There are no layers in the model.');
    return layer;
  }

  override build(inputShape: Shape | Shape[]): void {
    let shape = inputShape as Shape;
    for (const layer of this.stack) {
      try {
        layer.maybeBuild(shape);
        shape = layer.computeOutputShape(shape) as Shape;
      } catch (error) {
        throw new Error(
          `${(error as Error).message}${(error as Error).message.includes(layer.name) ? '' : ` (layer "${layer.name}", input shape ${formatShape(shape)})`}`,
          { cause: error },
        );
      }
    }
  }

  override maybeBuild(inputShape: Shape | Shape[]): void {
    if (this.built) return;
    super.maybeBuild(inputShape);
  }

  override inputSpecs(): ModelInputSpec[] | null {
    if (this.inputLayer) return [{ shape: this.inputLayer.batchShape, dtype: this.inputLayer.dtype }];
    // Keras builds a Sequential without an input shape on an InputLayer of its first layer's dtype.
    return this.stack.length > 0 ? [{ shape: null, dtype: this.stack[0].dtype }] : null;
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    if (this.stack.length === 0) throw new Error(`Sequential model "${this.name}" has no layers.`);
    // As Keras's Sequential (a Functional over its InputLayer): an input of another shape is refused by name.
    if (this.inputLayer) {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      checkInputShapes(this.name, [this.inputLayer.batchShape], list.map((t) => t.shape));
    }
    let output = this.inputLayer ? adjustInputRank(inputs as tf.Tensor, this.inputLayer.batchShape) : (inputs as tf.Tensor);
    let mask = options.mask ?? null;
    for (const layer of this.stack) {
      const next = layer.apply(output, { training: options.training, mask }) as tf.Tensor;
      mask = layer.computeMask(output, mask);
      output = next;
    }
    return output;
  }

  /** Its layers as a Dense chain, when each of them is a link and `call` is Sequential's own (not a subclass's); no graph to walk. */
  override denseChain(): DenseChain | null {
    if (this.call !== Sequential.prototype.call || this.stack.length === 0) return null;
    const links: DenseChainLink[] = [];
    for (const layer of this.stack) {
      const link = layer.denseChainLink();
      if (link === null) return null;
      links.push(link);
    }
    return { inputShape: this.inputLayer?.batchShape ?? null, links };
  }

  /** Keras's predict; a Sequential model has one output, so it resolves to one tensor (typed as such). */
  override async predict(x: DataInput, args: PredictArgs = {}): Promise<tf.Tensor> {
    return oneOutput(await super.predict(x, args), 'predict');
  }

  /** Keras's predict_on_batch: one tensor, as predict. */
  override predictOnBatch(x: DataInput): tf.Tensor {
    return oneOutput(super.predictOnBatch(x), 'predictOnBatch');
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    let shape = inputShape as Shape;
    for (const layer of this.stack) shape = layer.computeOutputShape(shape) as Shape;
    return shape;
  }

  /** Output shape of every layer for the known input shape (for summary). */
  layerOutputShapes(): Array<Shape | null> {
    let shape: Shape | null = this.inputLayer?.batchShape ?? (this.buildInputShape as Shape | null);
    return this.stack.map((layer) => {
      shape = shape ? (layer.computeOutputShape(shape) as Shape) : null;
      return shape;
    });
  }

  /** Keras's `serialize_keras_object` of a Sequential: public class (module "keras", no registered name), built for its input shape. */
  override serialize(): SerializedModel {
    return {
      module: 'keras',
      class_name: 'Sequential',
      config: this.getConfig(),
      registered_name: null,
      build_config: { input_shape: this.buildInputShape ?? null },
      compile_config: this.getCompileConfig(),
    };
  }

  override getConfig(): SequentialConfig {
    const layers: SerializedEntry[] = [];
    if (this.inputLayer) layers.push(serializeLayer(this.inputLayer));
    for (const layer of this.stack) layers.push(serializeLayer(layer));
    const config: SequentialConfig = {
      name: this.name,
      trainable: this.trainable,
      dtype: { ...FLOAT32_POLICY },
      layers,
    };
    if (this.buildInputShape) config.build_input_shape = this.buildInputShape;
    return config;
  }
}

/** Keras 3's serialized layer entry: module, class_name, config, registered_name, build_config. */
export function serializeLayer(layer: Layer): SerializedEntry {
  const { module, registered_name } = serializedIdentity(layer);
  const entry: SerializedEntry = { module, class_name: layer.className, config: layer.getConfig(), registered_name };
  const buildConfig = layer instanceof InputLayer ? null : layer.getBuildConfig();
  if (buildConfig) entry.build_config = buildConfig as BuildConfig;
  return entry;
}
