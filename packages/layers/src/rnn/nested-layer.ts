import type { Layer } from '../engine/layer';
import { withNameScope } from '../engine/scope';
import type { Shape } from '../engine/shape';
import type { RegisteredLayerClass } from '../registry';
import type { KerasSerialized } from '../serialization';

/** Keras class names (or registered names) to classes, for the layers a wrapper or an RNN holds. */
export type LayerClassRegistry = Record<string, RegisteredLayerClass>;

/** Keras 3's `serialize_keras_object` of a layer held by another (a cell, a wrapped layer). */
export function serializeNestedLayer(layer: Layer): KerasSerialized {
  const entry: KerasSerialized = {
    // A registered custom layer inside a wrapper keeps its module and 'package>Name', as Keras writes it.
    module: layer.kerasModule,
    class_name: layer.className,
    config: layer.getConfig(),
    registered_name: layer.registeredName,
  };
  const buildConfig = layer.built ? layer.getBuildConfig() : null;
  if (buildConfig) entry.build_config = buildConfig;
  return entry;
}

/**
 * Rebuilds a nested layer from its serialized entry. The classes come from
 * `registry` first (custom layers), then from `known`: the classes the owner
 * can hold without a registry (its own family, to keep imports acyclic and
 * bundles small).
 */
export function deserializeNestedLayer(entry: unknown, registry: LayerClassRegistry = {}, known: LayerClassRegistry = {}): Layer {
  if (typeof entry !== 'object' || entry === null || typeof (entry as KerasSerialized).class_name !== 'string') {
    throw new Error(`Expected a serialized layer ({class_name, config}) inside a layer config; received ${JSON.stringify(entry)}.`);
  }
  const { class_name: className, registered_name: registeredName, config } = entry as KerasSerialized;
  const layerClass =
    (registeredName && own(registry, registeredName)) || own(registry, className) || own(known, className.replace(/^.*>/, ''));
  if (!layerClass) {
    throw new Error(`Unknown layer class '${className}' inside a layer config. If it is a custom layer, pass its class in the registry argument of fromConfig.`);
  }
  return layerClass.fromConfig({ ...config });
}

/**
 * Keras builds a deserialized layer from its build_config. Strata builds it
 * inside its owner's name scope, so that its weight paths read
 * `<owner>/<layer>/kernel` as when the owner builds it.
 */
export function buildFromEntry(owner: Layer, layer: Layer, entry: unknown): void {
  const shape = (entry as KerasSerialized | undefined)?.build_config?.input_shape as Shape | undefined;
  if (shape && !layer.built) withNameScope(owner.name, () => layer.maybeBuild(shape));
}

/** A copy of `layer` made through its config under a new name (how Bidirectional makes its halves). */
export function cloneLayer(
  layer: Layer,
  overrides: Record<string, unknown>,
  registry?: LayerClassRegistry,
  known?: LayerClassRegistry,
): Layer {
  const { build_config: _ignored, ...entry } = serializeNestedLayer(layer);
  return deserializeNestedLayer({ ...entry, config: { ...entry.config, ...overrides } }, registry, known);
}

/** Own properties only: a class named "constructor" must not find Object. */
function own<T>(registry: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(registry, name) ? registry[name] : undefined;
}
