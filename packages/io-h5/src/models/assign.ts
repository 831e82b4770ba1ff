import type { Layer, LayerVariable } from '@strata/layers';
import type { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';
import { KerasFileError, type LegacyH5Model, type NamedWeight, type WeightArray, type WeightsStore } from '../types';
import { varsKey } from '../weights-store';
import { containerLayers, kerasStoreLayout, legacyLayerWeights } from './layout';
import { formatShape, sameShape, tensorOf } from './tensors';

/**
 * Puts a file's arrays into a model's variables. Every count and shape is
 * checked before the first variable changes, so a refused file leaves the
 * model as it was; the tensors made for the assignment are freed.
 */

export interface AssignOptions {
  /** Legacy files: match layers by name instead of by order. Keras 3 stores: match top-level layers by the `name` attribute of their group. */
  byName?: boolean;
  /** Skip (with a warning) the layers whose variable count or shapes differ, instead of failing. */
  skipMismatch?: boolean;
  warn?: (message: string) => void;
}

interface Pair {
  variable: LayerVariable;
  array: WeightArray;
  label: string;
}

/** Loads a Keras 3 weights store (a `.keras` archive's or a `.weights.h5` file's) into `model`. */
export function assignFromStore(model: Model, store: WeightsStore, options: AssignOptions, description: string): void {
  const remap = options.byName ? topLevelRemap(model, store) : new Map<string, string>();
  const pairs: Pair[] = [];
  const used = new Set<string>();
  for (const saveable of kerasStoreLayout(model)) {
    const path = rewritePath(saveable.path, remap);
    // By name, a layer the file does not have keeps its weights, as Keras's by_name loading.
    if (path.includes(MISSING)) continue;
    used.add(path);
    const arrays: WeightArray[] = [];
    for (let index = 0; store.weights.has(varsKey(path, index)); index++) arrays.push(store.weights.get(varsKey(path, index)) as WeightArray);
    const where = path === '' ? 'vars' : `${path}/vars`;
    const candidate = layerPairs(saveable.layer, saveable.variables, arrays, where, description, options);
    if (candidate) pairs.push(...candidate);
  }
  const unused = [...new Set([...[...store.weights.keys()].map((key) => key.replace(/\/?vars\/\d+$/, '')), ...(store.unread ?? [])])].filter(
    (path) => !used.has(path) && path !== 'optimizer' && !path.startsWith('optimizer/'),
  );
  if (unused.length > 0) (options.warn ?? console.warn)(`${description}: the model has no layer for the saved variables at ${unused.map((path) => JSON.stringify(path)).join(', ')}; they were not loaded.`);
  assignPairs(pairs);
}

const MISSING = '\u0000missing';

/** With byName, our top-level path `layers/dense_1` maps to the file's group of the same layer name. */
function topLevelRemap(model: Model, store: WeightsStore): Map<string, string> {
  const remap = new Map<string, string>();
  const ours = kerasStoreLayout(model).filter((saveable) => /^layers\/[^/]+$/.test(saveable.path) && containerLayers(model).includes(saveable.layer));
  for (const saveable of ours) {
    const theirs = store.groups.find((group) => /^layers\/[^/]+$/.test(group.path) && group.name === saveable.name);
    remap.set(saveable.path, theirs ? theirs.path : `${saveable.path}${MISSING}`);
  }
  return remap;
}

function rewritePath(path: string, remap: Map<string, string>): string {
  for (const [ours, theirs] of remap) {
    if (path === ours || path.startsWith(`${ours}/`)) return theirs + path.slice(ours.length);
  }
  return path;
}

/**
 * Pairs one layer's variables with saved arrays; null when skipMismatch
 * skips it. Keras's messages: count mismatch as _check_load_own_variables,
 * shape mismatch naming the layer, the weight and both shapes.
 */
function layerPairs(layer: Layer, variables: LayerVariable[], arrays: WeightArray[], where: string, description: string, options: AssignOptions): Pair[] | null {
  let problem: string | null = null;
  if (variables.length !== arrays.length) {
    problem = `Layer '${layer.name}' expected ${variables.length} variables, but received ${arrays.length} variables during loading (${where} in ${description}). Expected: ${JSON.stringify(variables.map((v) => v.path))}.`;
  } else {
    const index = variables.findIndex((variable, i) => !sameShape(variable.shape, arrays[i].shape));
    if (index >= 0) {
      problem = `Shape mismatch in layer '${layer.name}' for weight ${variables[index].path}: the model's weight has shape ${formatShape(variables[index].shape)}, the saved weight (${where}/${index} in ${description}) has shape ${formatShape(arrays[index].shape)}.`;
    }
  }
  if (problem !== null) {
    if (!options.skipMismatch) throw new KerasFileError(problem);
    (options.warn ?? console.warn)(`Skipping loading weights for layer '${layer.name}' due to mismatch: ${problem}`);
    return null;
  }
  return variables.map((variable, i) => ({ variable, array: arrays[i], label: `${where}/${i}` }));
}

/** Converts every array first, then assigns: a bad value fails before any variable changes, and no tensor outlives this call. */
function assignPairs(pairs: Pair[]): void {
  const tensors: tf.Tensor[] = [];
  try {
    for (const pair of pairs) tensors.push(tensorOf(pair.array, pair.variable.dtype, pair.label));
    pairs.forEach((pair, i) => pair.variable.assign(tensors[i]));
  } finally {
    tf.dispose(tensors);
  }
}

/**
 * Loads legacy `/model_weights` (or a Keras 2 `save_weights` file) into
 * `model`, as load_weights_from_hdf5_group: the layers with weights, in
 * order, against the saved layers with weights; or by layer name.
 */
export function assignFromLegacy(model: Model, file: LegacyH5Model, options: AssignOptions, description: string): void {
  const ourLayers = containerLayers(model).filter((layer) => legacyLayerWeights(layer).length > 0);
  const saved = file.layerNames.filter((name) => (file.layers.get(name) ?? []).length > 0);
  const pairs: Pair[] = [];
  const add = (layer: Layer, savedName: string) => {
    const weights = file.layers.get(savedName) as NamedWeight[];
    const candidate = layerPairs(layer, legacyLayerWeights(layer), weights.map((weight) => weight.array), `layer group '${savedName}'`, description, options);
    if (candidate) pairs.push(...candidate.map((pair, i) => ({ ...pair, label: `${savedName}/${weights[i].name}` })));
  };
  if (options.byName) {
    for (const layer of ourLayers) {
      if (saved.includes(layer.name)) add(layer, layer.name);
    }
  } else {
    if (ourLayers.length !== saved.length) {
      throw new KerasFileError(
        `${description}: you are trying to load a weight file containing ${saved.length} layers with weights (${saved.join(', ')}) into a model with ${ourLayers.length} layers with weights (${ourLayers.map((layer) => layer.name).join(', ')}).`,
      );
    }
    ourLayers.forEach((layer, i) => add(layer, saved[i]));
  }
  if ((file.topLevelWeights?.length ?? 0) > 0) (options.warn ?? console.warn)(`${description}: variables owned by the model itself (top_level_model_weights) are not loaded.`);
  assignPairs(pairs);
}
