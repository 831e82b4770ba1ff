import { InputLayer, Layer, type LayerVariable, toSnakeCaseName } from '@strata/layers';
import { Model, Sequential } from '@strata/models';

/**
 * Where each variable of a model lives in Keras's two weight layouts.
 *
 * Keras 3 (`model.weights.h5`, saving_lib._save_state): every saveable owns a
 * `vars` group at its attribute path. A model's layers sit in the `layers`
 * container under `snake_case(ClassName)`, made unique with `_1`, `_2`...
 * (not under `layer.name`: `_save_container_state` says names are
 * auto-generated and not reproducible). A layer's sub-layers extend the path
 * with their attribute name (`layers/lstm/cell`). A layer's own variables are
 * its trainable ones, then the non-trainable ones, in creation order.
 *
 * Legacy `.h5` (legacy_h5_format): one group per layer name, holding
 * `trainable_weights + non_trainable_weights` of the layer and its sub-layers,
 * named by variable path.
 */

/** One `vars` group: the saveable's path (no trailing `vars`), its `name` attribute, its own variables in Keras order. */
export interface Saveable {
  path: string;
  name: string;
  /** The layer this group belongs to, for error messages. */
  layer: Layer;
  variables: LayerVariable[];
}

/** The layers Keras lists in a model's `layers` container: a Sequential's leave out its InputLayer (Strata's do already). */
export function containerLayers(model: Model): Layer[] {
  return model instanceof Sequential ? model.layers.filter((layer) => !(layer instanceof InputLayer)) : model.layers;
}

export function kerasStoreLayout(model: Model): Saveable[] {
  const saveables: Saveable[] = [];
  visit(model, '', saveables, new Set());
  return saveables;
}

function visit(layer: Layer, path: string, saveables: Saveable[], visited: Set<Layer>): void {
  // Keras visits each object once (by id), so a shared layer is saved at its first path only.
  if (visited.has(layer)) return;
  visited.add(layer);
  saveables.push({ path, name: layer.name, layer, variables: ownVariables(layer) });
  const join = (name: string) => (path === '' ? name : `${path}/${name}`);
  if (layer instanceof Model && !isSubclassed(layer)) {
    visitContainer(containerLayers(layer), join('layers'), saveables, visited);
    return;
  }
  for (const [attribute, value] of childAttributes(layer)) {
    if (Array.isArray(value)) visitContainer(value, join(attribute), saveables, visited);
    else visit(value, join(attribute), saveables, visited);
  }
}

function visitContainer(layers: Layer[], path: string, saveables: Saveable[], visited: Set<Layer>): void {
  const used = new Map<string, number>();
  for (const layer of layers) {
    // Keras names the folder after the Python class, which a few exports rename (GroupQueryAttention's is GroupedQueryAttention).
    const base = toSnakeCaseName((layer.constructor as { kerasClassName?: string }).kerasClassName ?? layer.className);
    const count = used.get(base) ?? 0;
    used.set(base, count + 1);
    visit(layer, `${path}/${count === 0 ? base : `${base}_${count}`}`, saveables, visited);
  }
}

/** A model without a functional graph keeps its layers as properties, as a Keras subclassed model does. */
function isSubclassed(model: Model): boolean {
  return !(model instanceof Sequential) && model.inputs.length === 0;
}

/**
 * The layer's properties that hold layers, as Keras's attribute walk finds them:
 * snake_case names (Strata's camelCase `forwardLayer` is Keras's
 * `forward_layer`), sorted, with `_`-prefixed names last.
 */
function childAttributes(layer: Layer): Array<[string, Layer | Layer[]]> {
  const found: Array<[string, Layer | Layer[]]> = [];
  for (const [key, value] of Object.entries(layer)) {
    if (value instanceof Layer && value !== layer) found.push([snakeCase(key), value]);
    else if (Array.isArray(value) && value.length > 0 && value.every((item) => item instanceof Layer)) found.push([snakeCase(key), value as Layer[]]);
  }
  const rank = (name: string) => (name.startsWith('_') ? 1 : 0);
  return found.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The variables a layer created itself (not its sub-layers'), trainable first, as Keras's save_own_variables. */
export function ownVariables(layer: Layer): LayerVariable[] {
  const inherited = new Set(layer.childLayers().flatMap((child) => child.weights));
  // A sub-layer's variable that Keras tracks on the layer too (SpectralNormalization's `self.kernel`) is saved in both groups.
  const tracked = (layer as { trackedChildVariables?: () => LayerVariable[] }).trackedChildVariables?.() ?? [];
  const own = layer.weights.filter((variable) => !inherited.has(variable) || tracked.includes(variable));
  return [...own.filter((variable) => variable.trainable), ...own.filter((variable) => !variable.trainable)];
}

/** Keras 2's per-layer weight list for legacy `.h5` files: trainable then non-trainable, sub-layers included. */
export function legacyLayerWeights(layer: Layer): LayerVariable[] {
  return [...layer.trainableWeights, ...layer.nonTrainableWeights];
}
