import { Layer, builtInLayers } from '@strata/layers';
import { Loss } from '@strata/losses';
import { Metric } from '@strata/metrics';
import type { LayerRegistry } from '@strata/models';
import { isOpEntry } from '@strata/ops';
import { Optimizer, type OptimizerFactory } from '@strata/optimizers';

/**
 * What a Keras file may name and Strata must resolve to code: layers,
 * optimizers, losses and metrics. A registry is a value passed in (docs/DESIGN.md):
 * `builtInRegistry(customObjects)` is Strata's built-ins plus the user's.
 */

/** A custom object as the user passes it: a layer class, an optimizer class or factory, a loss or metric (instance or function). */
export type CustomObject =
  | { fromConfig(config: Record<string, unknown>): Layer }
  | (new (options: Record<string, unknown>) => Optimizer)
  | OptimizerFactory
  | Loss
  | Metric
  | ((yTrue: never, yPred: never) => unknown);

/** `{ MyLayer: MyLayerClass, 'my_package>MyLoss': myLoss }`, as Keras's `custom_objects`. */
export type CustomObjects = Record<string, CustomObject>;

export interface KerasRegistry {
  layers: LayerRegistry;
  optimizers: Record<string, OptimizerFactory>;
  /** Loss and metric objects or functions, by the name the file uses. */
  functions: Record<string, Loss | Metric | ((yTrue: never, yPred: never) => unknown)>;
}

/**
 * Strata's built-in layers plus `customObjects`, sorted by kind: a class
 * extending `Layer` joins the layers, a class extending `Optimizer` the
 * optimizers, anything else (a Loss, a Metric, a function) the losses and
 * metrics. A custom layer overrides a built-in one of the same name, as Keras's
 * custom_objects do.
 */
export function builtInRegistry(customObjects: CustomObjects = {}): KerasRegistry {
  // Null-prototype maps: a name such as "constructor" or "__proto__" finds nothing unless the user registered it.
  const registry: KerasRegistry = { layers: Object.assign(Object.create(null), builtInLayers()), optimizers: Object.create(null), functions: Object.create(null) };
  for (const [name, value] of Object.entries(customObjects)) {
    if (typeof value === 'function' && value.prototype instanceof Layer) {
      registry.layers[name] = value as unknown as LayerRegistry[string];
    } else if (typeof value === 'function' && value.prototype instanceof Optimizer) {
      const optimizerClass = value as new (options: Record<string, unknown>) => Optimizer;
      registry.optimizers[name] = (options) => new optimizerClass(options);
    } else if (value instanceof Loss || value instanceof Metric) {
      registry.functions[name] = value;
    } else if (typeof value === 'function') {
      // A plain function: a loss or metric function (Keras serializes these by name).
      registry.functions[name] = value as (yTrue: never, yPred: never) => unknown;
    } else if (typeof value === 'object' && value !== null && typeof (value as { fromConfig?: unknown }).fromConfig === 'function') {
      registry.layers[name] = value as LayerRegistry[string];
    } else {
      throw new Error(`customObjects.${name} should be a Layer class, an Optimizer class, a Loss, a Metric or a function; received ${Object.prototype.toString.call(value)}.`);
    }
  }
  return registry;
}

/** Layers that hold Python code (marshalled bytecode or TF op names); Strata never runs code from a file. */
export const CODE_LAYERS = new Set(['Lambda', 'TFOpLambda', 'SlicingOpLambda']);

/**
 * The Keras class names a model config uses, split into those the registry
 * cannot build and those that hold code, so that loading fails with one error
 * listing them all before any layer (and any weight) is created.
 */
export function checkLayerClasses(config: unknown, registry: KerasRegistry): { unknown: string[]; code: string[] } {
  const missing = new Set<string>();
  const code = new Set<string>();
  const known = new Set(['Sequential', 'Functional', 'Model', 'InputLayer']);
  const visit = (entry: unknown) => {
    if (entry === null || typeof entry !== 'object') return;
    const { class_name: className, registered_name: registered, config: inner } = entry as Record<string, unknown>;
    // Ops (x + 3, ops.sum...) are checked against Strata's ops when the graph is rebuilt.
    if (typeof className !== 'string' || isOpEntry(entry as Record<string, unknown>)) return;
    const shortName = className.replace(/^.*>/, '');
    if (CODE_LAYERS.has(shortName)) {
      code.add(`${shortName} "${String((inner as Record<string, unknown> | undefined)?.name ?? '?')}"`);
      return;
    }
    const found = known.has(className) || (typeof registered === 'string' && Object.hasOwn(registry.layers, registered)) || Object.hasOwn(registry.layers, shortName);
    if (!found) missing.add(typeof registered === 'string' ? registered : className);
    const layers = (inner as Record<string, unknown> | undefined)?.layers;
    if (Array.isArray(layers)) layers.forEach(visit);
    // Wrappers (Bidirectional, TimeDistributed) hold their inner layer in config.layer, a generic RNN its cell in config.cell.
    for (const key of ['layer', 'backward_layer', 'cell']) visit((inner as Record<string, unknown> | undefined)?.[key]);
  };
  const layers = ((config as Record<string, unknown> | null)?.config as Record<string, unknown> | undefined)?.layers;
  if (Array.isArray(layers)) layers.forEach(visit);
  return { unknown: [...missing], code: [...code] };
}
