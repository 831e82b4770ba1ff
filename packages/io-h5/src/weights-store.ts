import type { Hdf5Group } from './hdf5/runtime';
import { readHdf5Isolated } from './hdf5/isolate';
import { readHdf5Bytes, writeHdf5Bytes } from './hdf5/runtime';
import { Hdf5Reader } from './hdf5/tree';
import { ensureGroup, setStringAttribute, writeDataset } from './hdf5/write';
import { KerasFileError, type ReadLimits, type ReadOptions, resolveLimits, type VarsGroup, type WeightArray, type WeightsStore } from './types';

/**
 * Keras 3's weights layout (saving_lib.H5IOStore), used by `model.weights.h5`
 * inside a `.keras` archive and by `save_weights('x.weights.h5')`: every
 * saveable owns a `vars` group at its attribute path, holding datasets named
 * '0', '1', ... in variable order.
 */

/** Deeper nesting than this is not a model, it is an attack on our recursion. */
const MAX_GROUP_DEPTH = 64;
const VARS = 'vars';

export interface WeightsReadOptions extends ReadOptions {
  /**
   * The `vars` group paths to read (`layers/dense`, `optimizer`): the datasets of any other group are not read at
   * all (their paths are listed in `unread`). `loadModel` passes the paths of the model it built. Default: all.
   */
  only?: string[];
}

export async function readWeightsH5(bytes: Uint8Array, options: WeightsReadOptions = {}): Promise<WeightsStore> {
  const description = options.description ?? 'Keras weights file';
  const limits = resolveLimits(options.limits);
  const { sourceBytes, only } = options;
  return readHdf5Isolated({ task: 'weights', bytes, description, limits, sourceBytes, only }, options, () => readWeightsH5InThread(bytes, description, limits, sourceBytes, only));
}

/** The read itself, in the calling thread (the HDF5 worker runs this). */
export function readWeightsH5InThread(bytes: Uint8Array, description: string, limits: ReadLimits, sourceBytes?: number, only?: string[]): Promise<WeightsStore> {
  return readHdf5Bytes(bytes, description, (file, library) => readWeightsStore(new Hdf5Reader(library, file, bytes.length, description, limits, sourceBytes), only));
}

export function readWeightsStore(reader: Hdf5Reader, only?: string[]): WeightsStore {
  const store: WeightsStore = { weights: new Map(), groups: [] };
  const wanted = only === undefined ? null : new Set(only);
  visitGroup(reader, reader.file, [], store, wanted);
  // An empty file is an empty store (a model without weights); groups without any `vars` are something else.
  if (store.groups.length === 0 && reader.childNames(reader.file).length > 0) {
    reader.fail('it has no `vars` groups, so it is not a Keras 3 weights file (layers/<name>/vars/<index>).');
  }
  return store;
}

function visitGroup(reader: Hdf5Reader, group: Hdf5Group, path: string[], store: WeightsStore, wanted: Set<string> | null): void {
  if (path.length > MAX_GROUP_DEPTH) reader.fail(`its groups nest deeper than ${MAX_GROUP_DEPTH} levels.`);
  for (const name of reader.childNames(group)) {
    const member = reader.child(group, name);
    if (member === null) continue;
    if (!(member instanceof reader.library.Group)) {
      reader.fail(`dataset ${member.path} sits outside a \`vars\` group.`);
    }
    if (name === VARS) readVarsGroup(reader, member as Hdf5Group, normalisePath(path), store, wanted);
    else visitGroup(reader, member as Hdf5Group, [...path, name], store, wanted);
  }
}

/**
 * Keras on Windows joined paths with os.path.join, giving groups such as
 * `layers\dense`; Keras 2.13 named the layer container
 * `_layer_checkpoint_dependencies`. Both read as today's `layers/dense`.
 */
function normalisePath(parts: string[]): string {
  return parts
    .flatMap((part) => part.split('\\'))
    .filter((part) => part !== '')
    .map((part) => (part === '_layer_checkpoint_dependencies' ? 'layers' : part))
    .join('/');
}

function readVarsGroup(reader: Hdf5Reader, group: Hdf5Group, path: string, store: WeightsStore, wanted: Set<string> | null): void {
  const names = reader.childNames(group);
  const indices = names.map((name) => (/^(0|[1-9]\d*)$/.test(name) ? Number(name) : -1)).sort((a, b) => a - b);
  // Keras's loader requires exactly 0..n-1 (_check_load_own_variables); a gap means a corrupt store.
  indices.forEach((index, position) => {
    if (index !== position) reader.fail(`${group.path} should hold datasets named 0..${names.length - 1}, found ${JSON.stringify(names)}.`);
  });
  const entry: VarsGroup = { path };
  const objectName = reader.stringAttribute(group, 'name');
  if (objectName !== null) entry.name = objectName;
  if (store.groups.some((existing) => existing.path === path)) reader.fail(`two groups normalise to the same path ${JSON.stringify(path)}.`);
  store.groups.push(entry);
  if (wanted !== null && !wanted.has(path)) {
    // No layer of the model owns this group: its datasets are never read, whatever they declare.
    if (indices.length > 0) (store.unread ??= []).push(path);
    return;
  }
  for (const index of indices) {
    const dataset = reader.datasetAt(group, String(index));
    if (dataset === null) reader.fail(`${group.path}/${index} is missing.`);
    store.weights.set(varsKey(path, index), reader.weightArray(dataset));
  }
}

export function varsKey(path: string, index: number): string {
  return path === '' ? `${VARS}/${index}` : `${path}/${VARS}/${index}`;
}

/** Splits `layers/dense/vars/0` into its group path and index; null for anything else. */
export function parseVarsKey(key: string): { path: string; index: number } | null {
  const match = /^(?:(.+)\/)?vars\/(0|[1-9]\d*)$/.exec(key);
  if (match === null) return null;
  return { path: match[1] ?? '', index: Number(match[2]) };
}

export interface WeightsStoreInput {
  weights: Map<string, WeightArray>;
  /** Every `vars` group to create, including empty ones, with Keras's `name` attribute. Groups of weights not listed here are created without a name. */
  groups?: VarsGroup[];
}

export async function writeWeightsH5(store: WeightsStoreInput): Promise<Uint8Array> {
  const plan = planWeightsStore(store);
  return writeHdf5Bytes('Keras weights file', (file) => {
    for (const group of plan) {
      const varsGroup = ensureGroup(file, group.path === '' ? VARS : `${group.path}/${VARS}`);
      if (group.name !== undefined) setStringAttribute(varsGroup, 'name', group.name, 'utf8');
      for (const [index, array] of group.arrays.entries()) writeDataset(varsGroup, String(index), array, `weight ${varsKey(group.path, index)}`);
    }
  });
}

interface PlannedGroup extends VarsGroup {
  arrays: WeightArray[];
}

/** Checks the keys before anything is written, so a bad input fails with one clear message. */
function planWeightsStore(store: WeightsStoreInput): PlannedGroup[] {
  const groups = new Map<string, PlannedGroup>();
  for (const group of store.groups ?? []) {
    if (group.path.split('/').includes(VARS)) throw new KerasFileError(`Cannot save weights: group path ${JSON.stringify(group.path)} must not contain "vars".`);
    groups.set(group.path, { ...group, arrays: [] });
  }
  for (const [key, array] of store.weights) {
    const parsed = parseVarsKey(key);
    if (parsed === null) throw new KerasFileError(`Cannot save weights: key ${JSON.stringify(key)} is not of the form <path>/vars/<index>.`);
    let group = groups.get(parsed.path);
    if (group === undefined) {
      group = { path: parsed.path, arrays: [] };
      groups.set(parsed.path, group);
    }
    group.arrays[parsed.index] = array;
  }
  for (const group of groups.values()) {
    for (let index = 0; index < group.arrays.length; index++) {
      if (group.arrays[index] === undefined) throw new KerasFileError(`Cannot save weights: ${varsKey(group.path, index)} is missing; indices must run 0..n-1.`);
    }
  }
  return [...groups.values()];
}
