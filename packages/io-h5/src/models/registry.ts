import { Layer, builtInLayers, customObjectsInScope } from '@strata/layers';
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

/**
 * A custom object as the user passes it: a layer or model class, an optimizer class or factory, a loss or metric
 * class (rebuilt with its static `fromConfig(config)`, else `new Class(config)`), a loss or metric instance, or a
 * loss or metric function.
 */
export type CustomObject =
  | { fromConfig(config: Record<string, unknown>): Layer }
  | (new (options: Record<string, unknown>) => Optimizer)
  | OptimizerFactory
  | (abstract new (...args: never[]) => Loss | Metric)
  | Loss
  | Metric
  | ((yTrue: never, yPred: never) => unknown);

/** `{ MyLayer: MyLayerClass, 'my_package>MyLoss': MyLoss }`, as Keras's `custom_objects`. */
export type CustomObjects = Record<string, CustomObject>;

/** A loss or metric found by name: an object to use as it is, a function, or a class to build from the saved config. */
export type LossOrMetricEntry = Loss | Metric | ((yTrue: never, yPred: never) => unknown) | { lossOrMetricClass: LossOrMetricClass };

export interface LossOrMetricClass {
  new (config: Record<string, unknown>): Loss | Metric;
  fromConfig?(config: Record<string, unknown>): Loss | Metric;
}

export interface KerasRegistry {
  layers: LayerRegistry;
  optimizers: Record<string, OptimizerFactory>;
  /** Loss and metric objects, functions or classes, by the name the file uses. */
  functions: Record<string, LossOrMetricEntry>;
}

/**
 * Strata's built-in layers plus every custom object the load can see, sorted by kind: `customObjects`, then
 * the classes the user registered (registerKerasSerializable), then the open customObjectScope, each
 * overriding the one before, which is Keras's precedence (scope, registry, custom_objects, built-ins). A class
 * extending `Layer` (a model too) joins the layers, a class extending `Optimizer` the optimizers, a Loss or
 * Metric class or object or a function the losses and metrics. A custom layer overrides a built-in one of the
 * same name, as Keras's custom_objects do.
 */
export function builtInRegistry(customObjects: CustomObjects = {}): KerasRegistry {
  // Null-prototype maps: a name such as "constructor" or "__proto__" finds nothing unless the user registered it.
  const registry: KerasRegistry = { layers: Object.assign(Object.create(null), builtInLayers()), optimizers: Object.create(null), functions: Object.create(null) };
  for (const [name, value] of Object.entries(customObjectsInScope(customObjects))) {
    if (typeof value === 'function' && value.prototype instanceof Layer) {
      registry.layers[name] = value as unknown as LayerRegistry[string];
    } else if (typeof value === 'function' && value.prototype instanceof Optimizer) {
      const optimizerClass = value as new (options: Record<string, unknown>) => Optimizer;
      registry.optimizers[name] = (options) => new optimizerClass(options);
    } else if (typeof value === 'function' && (value.prototype instanceof Loss || value.prototype instanceof Metric)) {
      registry.functions[name] = { lossOrMetricClass: value as LossOrMetricClass };
    } else if (value instanceof Loss || value instanceof Metric) {
      registry.functions[name] = value;
    } else if (typeof value === 'function') {
      // A plain function: a loss or metric function (Keras serializes these by name).
      registry.functions[name] = value as (yTrue: never, yPred: never) => unknown;
    } else if (typeof value === 'object' && value !== null && typeof (value as { fromConfig?: unknown }).fromConfig === 'function') {
      registry.layers[name] = value as LayerRegistry[string];
    } else {
      throw new Error(`customObjects.${name} should be a Layer or Model class, an Optimizer class, a Loss or Metric class or object, or a function; received ${Object.prototype.toString.call(value)}.`);
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
    // Keras 3 names a registered class by registered_name; the legacy .h5 dialect writes 'package>Name' as the class_name.
    const found =
      known.has(className) ||
      (typeof registered === 'string' && Object.hasOwn(registry.layers, registered)) ||
      Object.hasOwn(registry.layers, className) ||
      Object.hasOwn(registry.layers, shortName);
    if (!found) missing.add(typeof registered === 'string' ? registered : className);
    const layers = (inner as Record<string, unknown> | undefined)?.layers;
    if (Array.isArray(layers)) layers.forEach(visit);
    // Wrappers (Bidirectional, TimeDistributed) hold their inner layer in config.layer, a generic RNN its cell in config.cell.
    for (const key of ['layer', 'backward_layer', 'cell']) visit((inner as Record<string, unknown> | undefined)?.[key]);
  };
  const top = config as Record<string, unknown> | null;
  // A model of the user's own class (a subclassed model) must be known by its registered or class name.
  if (top !== null && typeof top === 'object' && typeof top.class_name === 'string' && !known.has(top.class_name)) {
    const registered = top.registered_name;
    const found = (typeof registered === 'string' && Object.hasOwn(registry.layers, registered)) || Object.hasOwn(registry.layers, top.class_name);
    if (!found) missing.add(typeof registered === 'string' ? registered : top.class_name);
  }
  const layers = (top?.config as Record<string, unknown> | undefined)?.layers;
  if (Array.isArray(layers)) layers.forEach(visit);
  return { unknown: [...missing], code: [...code] };
}
