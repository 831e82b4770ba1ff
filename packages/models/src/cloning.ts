/**
 * Keras's `keras.models.clone_model` (models/cloning.py): the same
 * architecture on new layers. By default each layer is rebuilt from its config
 * (`fromConfig(getConfig())`), so the clone has freshly initialized weights and
 * shares nothing with the original; `cloneFunction` picks another way per
 * layer (return the layer itself to share it), and `callFunction` changes how
 * each cloned layer is called in a functional model.
 */
import { InputLayer, Lambda, Layer, type SymbolicTensor } from '@strata/layers';
import { KerasOperation, mapTensors, recordNode } from '@strata/ops/graph';
import { Model } from './model';
import { Sequential } from './sequential';

export interface CloneModelOptions {
  /** New inputs for the clone (Keras's `input_tensors`): `Input()` tensors, one per model input. */
  inputTensors?: SymbolicTensor | SymbolicTensor[];
  /** Makes the clone of each layer (Keras's `clone_function`). Default: a new layer from its config. */
  cloneFunction?: (layer: Layer) => Layer;
  /** Calls each cloned layer on its inputs in a functional model (Keras's `call_function`). */
  callFunction?: (layer: Layer, inputs: SymbolicTensor | SymbolicTensor[]) => SymbolicTensor | SymbolicTensor[];
  /** Also apply `cloneFunction` inside nested models (Keras's `recursive`). Nested models are always cloned, never shared. */
  recursive?: boolean;
}

/** A new layer of the same class and config; a Lambda keeps its function (it has no config). */
export function cloneLayerFromConfig(layer: Layer): Layer {
  if (layer instanceof Lambda) return new Lambda(layer.fn, { ...layer.options, name: layer.name });
  const layerClass = layer.constructor as unknown as { fromConfig?: (config: Record<string, unknown>) => Layer };
  if (typeof layerClass.fromConfig !== 'function') {
    throw new TypeError(
      `cloneModel() cannot clone layer "${layer.name}" (${layer.className}): its class has no static fromConfig. Give it one, or pass a cloneFunction.`,
    );
  }
  return layerClass.fromConfig(layer.getConfig());
}

/** Keras's `clone_model`: a Sequential or functional model rebuilt on new layers (uncompiled, without the weights' values). */
export function cloneModel<T extends Model>(model: T, options: CloneModelOptions = {}): T {
  if (!(model instanceof Model)) {
    throw new TypeError(`cloneModel() expects a Sequential or functional Model; received ${Object.prototype.toString.call(model)}.`);
  }
  if (model instanceof Sequential) return cloneSequential(model, options) as unknown as T;
  if (model.inputs.length === 0) {
    throw new TypeError(
      `cloneModel() cannot clone subclassed model "${model.name}": it has no graph of layers to rebuild. Build a new instance of its class instead.`,
    );
  }
  return cloneFunctional(model, options) as T;
}

function cloneOne(layer: Layer, options: CloneModelOptions): Layer {
  if (layer instanceof Model) {
    const nested = options.recursive ? options : {};
    return cloneModel(layer, { cloneFunction: nested.cloneFunction, callFunction: nested.callFunction, recursive: nested.recursive });
  }
  const clone = (options.cloneFunction ?? cloneLayerFromConfig)(layer);
  if (!(clone instanceof Layer)) {
    throw new TypeError(`cloneFunction should return a Layer for layer "${layer.name}"; received ${Object.prototype.toString.call(clone)}.`);
  }
  return clone;
}

function inputTensorsOf(options: CloneModelOptions): SymbolicTensor[] | null {
  if (options.inputTensors === undefined) return null;
  const list = Array.isArray(options.inputTensors) ? options.inputTensors : [options.inputTensors];
  for (const tensor of list) {
    if (!(tensor?.operation instanceof InputLayer)) {
      throw new TypeError('cloneModel() inputTensors must be tensors made by Input().');
    }
  }
  return list;
}

function cloneSequential(model: Sequential, options: CloneModelOptions): Sequential {
  const given = inputTensorsOf(options);
  if (given && given.length !== 1) {
    throw new TypeError(`cloneModel() received ${given.length} inputTensors for Sequential model "${model.name}", which has one input.`);
  }
  const input = given
    ? (given[0].operation as InputLayer)
    : model.input
      ? new InputLayer({ batchShape: model.input.batchShape, dtype: model.input.dtype, name: model.input.name })
      : null;
  const layers = model.layers.map((layer) => cloneOne(layer, options));
  const SequentialClass = model.constructor as new (layers: Layer[], args: { name?: string; trainable?: boolean }) => Sequential;
  return new SequentialClass(input ? [input, ...layers] : layers, { name: model.name, trainable: model.trainable });
}

function cloneFunctional(model: Model, options: CloneModelOptions): Model {
  const given = inputTensorsOf(options);
  if (given && given.length !== model.inputs.length) {
    throw new TypeError(`cloneModel() received ${given.length} inputTensors for model "${model.name}", which has ${model.inputs.length} inputs.`);
  }
  const tensors = new Map<SymbolicTensor, SymbolicTensor>();
  model.inputs.forEach((input, i) => {
    const layer = input.operation as InputLayer;
    tensors.set(input, given ? given[i] : new InputLayer({ batchShape: layer.batchShape, dtype: layer.dtype, name: layer.name }).output);
  });
  const clones = new Map<Layer, Layer>();
  const mapped = (tensor: SymbolicTensor): SymbolicTensor => {
    const clone = tensors.get(tensor);
    if (!clone) throw new Error(`cloneModel(): the tensor "${tensor.name}" of model "${model.name}" was read before it was made.`);
    return clone;
  };
  for (const node of model.graphNodes) {
    if (node.operation instanceof InputLayer) continue;
    let outputs: SymbolicTensor[];
    if (node.operation instanceof KerasOperation) {
      // An op (x + 1, ops.sum) holds no weights: the clone records a new node of the same op on the new tensors.
      const result = recordNode(node.operation, mapTensors(node.args, mapped) as unknown[], mapTensors(node.kwargs, mapped) as Record<string, unknown>);
      outputs = (Array.isArray(result) ? result : [result]) as SymbolicTensor[];
    } else {
      const layer = node.operation as Layer;
      let clone = clones.get(layer);
      if (!clone) {
        clone = cloneOne(layer, options);
        clones.set(layer, clone);
      }
      // The call as Keras's signature took it (MultiHeadAttention's query, value, key and masks), on the new tensors.
      const call = clone.callFromNode<SymbolicTensor>(mapTensors(node.args, mapped) as unknown[], mapTensors(node.kwargs, mapped) as Record<string, unknown>);
      const result = options.callFunction
        ? options.callFunction(clone, call.inputs)
        : (clone.apply(call.inputs as SymbolicTensor[], call.options) as SymbolicTensor | SymbolicTensor[]);
      outputs = Array.isArray(result) ? result : [result];
    }
    node.outputs.forEach((tensor, i) => tensors.set(tensor, outputs[i]));
  }
  const inputs = model.inputs.map(mapped);
  const outputs = model.outputs.map(mapped);
  const ModelClass = model.constructor as new (args: { inputs: SymbolicTensor | SymbolicTensor[]; outputs: SymbolicTensor | SymbolicTensor[]; name?: string; trainable?: boolean }) => Model;
  const clone = new ModelClass({
    inputs: model.isSingleInput ? inputs[0] : inputs,
    outputs: model.isSingleOutput ? outputs[0] : outputs,
    name: model.name,
  });
  clone.trainable = model.trainable;
  return clone;
}
