import { InputLayer, type Layer, type Shape, type SymbolicTensor } from '@strata/layers';
import type { KerasOperation, OpRegistry } from '@strata/ops/graph';
import { Model, type ModelArgs } from './model';
import { isOpEntry, opFromEntry, replayNode } from './op-nodes';
import { Sequential } from './sequential';

/** A layer class as a registry holds it: anything with Keras's `from_config`. */
export interface LayerClass {
  fromConfig(config: Record<string, unknown>): Layer;
}

/** Keras class name to layer class; the built-in one is `builtInLayers` of @strata/layers, user classes join it. */
export type LayerRegistry = Record<string, LayerClass>;

export interface DeserializeOptions {
  /** Keras class names (or registered names) to classes: the built-in layers plus the user's custom objects. */
  layers: LayerRegistry;
  /**
   * Keras 3's safe mode: configs that would run code (Lambda layers, Python
   * functions) are refused. Strata never runs code from a file either way; with
   * safeMode false it still cannot rebuild a Python lambda and says so.
   */
  safeMode?: boolean;
  /** The ops a graph may use (`builtInOps()` of @strata/ops): op nodes of other classes are refused. */
  ops?: OpRegistry;
  /** The classes to build models with (nested ones too): @strata/keras passes its own, whose `save` writes Keras files. */
  modelClasses?: ModelClasses;
}

/** Sequential and functional model classes with the base classes' constructors. */
export interface ModelClasses {
  Sequential?: new (layers: Layer[], args: { name?: string }) => Sequential;
  Functional?: new (args: ModelArgs) => Model;
}

type Json = Record<string, unknown>;

const CODE_CLASSES = new Set(['Lambda', 'TFOpLambda', 'SlicingOpLambda']);

function entryClass(entry: Json): string {
  const name = entry.class_name;
  if (typeof name !== 'string') throw new Error(`A layer entry in the model config has no class_name: ${JSON.stringify(entry).slice(0, 200)}`);
  return name;
}

/** Builds a layer or nested model from one serialized entry ({class_name, config, ...}). */
export function layerFromEntry(entry: Json, options: DeserializeOptions): Layer {
  const className = entryClass(entry);
  if (CODE_CLASSES.has(className)) {
    throw new Error(
      `Refusing to load a ${className} layer ("${(entry.config as Json)?.name ?? '?'}"): it holds Python code, which a Keras file must never run. ` +
        (options.safeMode === false
          ? 'Strata cannot rebuild Python code even with safeMode: false; replace the layer with a custom layer class passed in customObjects.'
          : 'Keras refuses it too unless safe_mode=False; replace it with a custom layer class passed in customObjects.'),
    );
  }
  if (['Sequential', 'Functional', 'Model'].includes(className)) return modelFromConfig(entry, options);
  const registered = typeof entry.registered_name === 'string' ? entry.registered_name : null;
  // Own properties only: a class named "constructor" or "__proto__" must not find Object's.
  // Keras 3 names a registered class by registered_name; the legacy .h5 dialect writes 'package>Name' as the class_name.
  const layerClass =
    (registered !== null ? ownEntry(options.layers, registered) : undefined) ?? ownEntry(options.layers, className) ?? ownEntry(options.layers, className.replace(/^.*>/, ''));
  if (!layerClass) {
    throw new Error(
      `Unknown layer class '${className}' in the model config: Strata has no such layer. If it is a custom layer, pass its class in customObjects: { ${JSON.stringify(registered ?? className)}: YourLayer }.`,
    );
  }
  return layerClass.fromConfig(normalizeLayerConfig(entry.config as Json));
}

function ownEntry<T>(registry: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(registry, name) ? registry[name] : undefined;
}

/** Frees the layers built so far when a config fails halfway, so a refused file leaves no weights behind. */
function disposeAll(layers: Iterable<Layer>): void {
  for (const layer of new Set(layers)) {
    try {
      layer.dispose();
    } catch {
      // A layer that failed while building may not dispose cleanly; the others still must.
    }
  }
}

/** Keras 2 writes dtype as a string and some keys Keras 3 renamed; bring them to Keras 3's form. */
function normalizeLayerConfig(config: Json): Json {
  if (typeof config !== 'object' || config === null) throw new Error('A layer entry in the model config has no config object.');
  return { ...config };
}

/** Rebuilds a Sequential or functional model from its Keras config (Keras 3 `.keras` or Keras 2 / tf.keras `.h5`). */
export function modelFromConfig(serialized: Json, options: DeserializeOptions): Model {
  const className = entryClass(serialized);
  const config = serialized.config as Json;
  if (typeof config !== 'object' || config === null) throw new Error(`The ${className} config has no "config" object.`);
  if (className === 'Sequential') return sequentialFromConfig(config, options);
  if (className === 'Functional' || className === 'Model') return functionalFromConfig(config, options);
  return customModelFromConfig(serialized, options);
}

/**
 * A model of the user's own class (registered with registerKerasSerializable, or passed in customObjects),
 * rebuilt by its `fromConfig` and then built from the config's build_config, as Keras's deserialize does.
 */
function customModelFromConfig(serialized: Json, options: DeserializeOptions): Model {
  const className = entryClass(serialized);
  const registered = typeof serialized.registered_name === 'string' ? serialized.registered_name : null;
  const modelClass = (registered !== null ? ownEntry(options.layers, registered) : undefined) ?? ownEntry(options.layers, className);
  if (!modelClass) {
    throw new Error(
      `Unknown model class '${registered ?? className}' in the model config: register the class with registerKerasSerializable(${className}, { package: ... }) or pass it in customObjects: { ${JSON.stringify(registered ?? className)}: ${className} }.`,
    );
  }
  if (typeof modelClass.fromConfig !== 'function') {
    throw new TypeError(`The model class registered as '${registered ?? className}' has no static fromConfig(config), so Strata cannot rebuild it from its config.`);
  }
  const model = modelClass.fromConfig(normalizeLayerConfig(serialized.config as Json));
  if (!(model instanceof Model)) {
    model.dispose();
    throw new TypeError(`The model config's class '${registered ?? className}' built a ${model.className} layer, not a Model.`);
  }
  try {
    const buildShape = (serialized.build_config as Json | null | undefined)?.input_shape as Shape | Shape[] | null | undefined;
    if (!model.built && buildShape) model.maybeBuild(buildShape);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

function sequentialFromConfig(config: Json, options: DeserializeOptions): Sequential {
  const entries = config.layers as Json[];
  if (!Array.isArray(entries)) throw new Error('The Sequential config has no "layers" list.');
  const model = new (options.modelClasses?.Sequential ?? Sequential)([], { name: config.name as string | undefined });
  const built: Layer[] = [];
  try {
    for (const entry of entries) {
      const layer = entryClass(entry) === 'InputLayer' ? InputLayer.fromConfig(entry.config as Json) : layerFromEntry(entry, options);
      built.push(layer);
      model.add(layer);
    }
    const buildShape = config.build_input_shape as Shape | undefined;
    if (!model.built && buildShape) model.maybeBuild(buildShape);
  } catch (error) {
    disposeAll([...built, model]);
    throw error;
  }
  return model;
}

/** Keras 3 names an input tensor {class_name: '__keras_tensor__', config: {keras_history}}; Keras 2 lists [name, node, index, kwargs]. */
function historyOf(argument: unknown): [string, number, number] {
  if (Array.isArray(argument)) return [argument[0] as string, argument[1] as number, argument[2] as number];
  const history = ((argument as Json)?.config as Json)?.keras_history as [string, number, number] | undefined;
  if (!history) throw new Error(`Unrecognized inbound node argument in the model config: ${JSON.stringify(argument).slice(0, 200)}`);
  return history;
}

/** A layer's calls: Keras 3's {args, kwargs} nodes as they are (replayed by replayNode), Keras 2's lists as tensor histories. */
function inboundCalls(entry: Json): unknown[] {
  const nodes = (entry.inbound_nodes ?? []) as unknown[];
  if (!Array.isArray(nodes)) throw new Error(`The inbound_nodes of layer "${String(entry.name)}" in the model config are not a list.`);
  // Keras 2: [[name, node, index, kwargs], ...].
  return nodes.map((node) => (Array.isArray(node) ? node.map(historyOf) : node));
}

function functionalFromConfig(config: Json, options: DeserializeOptions): Model {
  const entries = config.layers as Json[];
  if (!Array.isArray(entries)) throw new Error('The functional model config has no "layers" list.');
  const layers = new Map<string, Layer>();
  const pending = entries.map((entry) => ({
    entry,
    name: (entry.name ?? (entry.config as Json)?.name) as string,
    calls: inboundCalls(entry),
    done: 0,
  }));
  try {
    return buildFunctional(config, pending, layers, options);
  } catch (error) {
    disposeAll(layers.values());
    throw error;
  }
}

interface PendingLayer {
  entry: Json;
  name: string;
  /** A layer's calls as tensor histories; an op's calls as its serialized nodes ({args, kwargs}). */
  calls: unknown[];
  done: number;
}

function buildFunctional(config: Json, pending: PendingLayer[], layers: Map<string, Layer>, options: DeserializeOptions): Model {
  const opsByName = new Map<string, KerasOperation>();
  const outputsOf = new Map<string, SymbolicTensor[][]>();
  for (const item of pending) {
    if (isOpEntry(item.entry)) {
      opsByName.set(item.name, opFromEntry(item.entry, options.ops));
      outputsOf.set(item.name, []);
      continue;
    }
    const layer = entryClass(item.entry) === 'InputLayer' ? InputLayer.fromConfig(item.entry.config as Json) : layerFromEntry(item.entry, options);
    layers.set(item.name, layer);
    outputsOf.set(item.name, layer instanceof InputLayer ? [[layer.output]] : []);
  }
  const tensorOf = (name: string, node: number, index: number) => outputsOf.get(name)?.[node]?.[index];
  // Apply layers to their inbound tensors until every call is made (a layer may wait for a later one, as in Keras).
  let progress = true;
  while (progress) {
    progress = false;
    for (const item of pending) {
      while (item.done < item.calls.length) {
        const operation = opsByName.get(item.name) ?? (layers.get(item.name) as Layer);
        const call = item.calls[item.done];
        let outputs: SymbolicTensor[] | null;
        if (Array.isArray(call)) {
          // Keras 2's node: the tensors alone, one input or a list.
          const inputs = (call as Array<[string, number, number]>).map(([name, node, index]) => outputsOf.get(name)?.[node]?.[index]);
          if (inputs.some((t) => t === undefined)) break;
          const symbolic = inputs as SymbolicTensor[];
          const result = symbolic.length === 1 ? (operation as Layer).apply(symbolic[0]) : (operation as Layer).apply(symbolic);
          outputs = Array.isArray(result) ? result : [result];
        } else {
          outputs = replayNode(operation, call as Json, tensorOf);
          if (outputs === null) break;
        }
        outputsOf.get(item.name)?.push(outputs);
        item.done++;
        progress = true;
      }
    }
  }
  const unresolved = pending.filter((item) => item.done < item.calls.length).map((item) => item.name);
  if (unresolved.length > 0) throw new Error(`The model config's graph cannot be rebuilt: layers ${unresolved.join(', ')} read tensors that no layer produces.`);
  const resolve = (spec: unknown): SymbolicTensor[] => {
    const list = Array.isArray(spec) && typeof spec[0] === 'string' ? [spec] : (spec as unknown[]);
    return list.map((item) => {
      const [name, node, index] = item as [string, number, number];
      const tensor = outputsOf.get(name)?.[node]?.[index];
      if (!tensor) throw new Error(`The model config names an input or output "${name}" [${node}, ${index}] that does not exist.`);
      return tensor;
    });
  };
  const inputs = resolve(config.input_layers);
  const outputs = resolve(config.output_layers);
  const single = (spec: unknown) => Array.isArray(spec) && typeof spec[0] === 'string';
  return new (options.modelClasses?.Functional ?? Model)({
    name: config.name as string | undefined,
    inputs: single(config.input_layers) ? inputs[0] : inputs,
    outputs: single(config.output_layers) ? outputs[0] : outputs,
  });
}
