import type { Hdf5File, Hdf5Group } from './hdf5/runtime';
import { readHdf5Isolated } from './hdf5/isolate';
import { readHdf5Bytes, writeHdf5Bytes } from './hdf5/runtime';
import { Hdf5Reader } from './hdf5/tree';
import { ensureGroup, setStringAttribute, setStringListAttribute, writeDatasetAtPath } from './hdf5/write';
import { parseJsonSafely, pythonJsonDumps } from './json';
import { KERAS_FORMAT_VERSION, KerasFileError, type LegacyH5Model, type NamedWeight, type ReadLimits, type ReadOptions, resolveLimits } from './types';

/**
 * The legacy HDF5 formats (keras/src/legacy/saving/legacy_h5_format.py):
 * a full model saved to `.h5` (config in root attributes, weights under
 * `model_weights`), and Keras 2's `save_weights('x.h5')`, which puts the same
 * weights layout at the file root. Datasets are found by following the
 * `weight_names` lists, never by guessing: Keras 2 writes `dense_1/kernel:0`,
 * Keras 3 `sequential/dense/kernel`, and nested models longer paths.
 */
const MODEL_WEIGHTS = 'model_weights';
const OPTIMIZER_WEIGHTS = 'optimizer_weights';
const TOP_LEVEL = 'top_level_model_weights';

export async function readLegacyH5(bytes: Uint8Array, options: ReadOptions = {}): Promise<LegacyH5Model> {
  const description = options.description ?? 'legacy Keras .h5 file';
  const limits = resolveLimits(options.limits);
  return readHdf5Isolated({ task: 'legacy', bytes, description, limits }, options, () => readLegacyH5InThread(bytes, description, limits));
}

/** The read itself, in the calling thread (the HDF5 worker runs this). */
export function readLegacyH5InThread(bytes: Uint8Array, description: string, limits: ReadLimits): Promise<LegacyH5Model> {
  return readHdf5Bytes(bytes, description, (file, library) => readLegacyModel(new Hdf5Reader(library, file, bytes.length, description, limits), limits));
}

function readLegacyModel(reader: Hdf5Reader, limits: ReadLimits): LegacyH5Model {
  const file = reader.file;
  const modelConfigText = reader.stringAttribute(file, 'model_config');
  let weightsRoot: Hdf5Group;
  if (modelConfigText !== null) {
    weightsRoot = reader.group(file, MODEL_WEIGHTS) ?? reader.fail(`it has a model_config but no ${MODEL_WEIGHTS} group.`);
  } else if (reader.hasAttribute(file, 'layer_names') || reader.hasAttribute(file, 'layer_names0')) {
    weightsRoot = file;
  } else {
    const hint = reader.childNames(file).some((name) => name === 'layers' || name === 'vars') ? ' It looks like a Keras 3 weights file; read it with readWeightsH5.' : '';
    return reader.fail(`it has neither a model_config nor a layer_names attribute, so it is not a legacy Keras HDF5 file.${hint}`);
  }
  const layerNames = reader.stringListAttribute(weightsRoot, 'layer_names') ?? reader.fail(`${weightsRoot.path} has no layer_names attribute.`);
  if (new Set(layerNames).size !== layerNames.length) reader.fail(`layer_names lists a layer twice: ${JSON.stringify(layerNames)}.`);

  const layers = new Map<string, NamedWeight[]>();
  for (const layerName of layerNames) {
    const group = reader.group(weightsRoot, layerName) ?? reader.fail(`layer ${JSON.stringify(layerName)} is in layer_names but has no group.`);
    layers.set(layerName, readNamedWeights(reader, group));
  }
  const topLevelGroup = layerNames.includes(TOP_LEVEL) ? null : reader.group(weightsRoot, TOP_LEVEL);
  const optimizerGroup = reader.group(file, OPTIMIZER_WEIGHTS);
  const trainingConfigText = reader.stringAttribute(file, 'training_config');
  return {
    // A file without keras_version was written by Keras 1 (legacy_h5_format assumes "1").
    kerasVersion: reader.stringAttribute(file, 'keras_version') ?? reader.stringAttribute(weightsRoot, 'keras_version'),
    backend: reader.stringAttribute(file, 'backend') ?? reader.stringAttribute(weightsRoot, 'backend'),
    modelConfig: modelConfigText === null ? null : parseJsonSafely(modelConfigText, `${reader.description} model_config`, limits),
    trainingConfig: trainingConfigText === null ? null : parseJsonSafely(trainingConfigText, `${reader.description} training_config`, limits),
    layerNames,
    layers,
    topLevelWeights: topLevelGroup === null ? null : readNamedWeights(reader, topLevelGroup),
    optimizerWeights: optimizerGroup === null ? null : readNamedWeights(reader, optimizerGroup),
  };
}

function readNamedWeights(reader: Hdf5Reader, group: Hdf5Group): NamedWeight[] {
  const names = reader.stringListAttribute(group, 'weight_names') ?? [];
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) reader.fail(`${group.path} lists weight ${JSON.stringify(repeated)} more than once in weight_names.`);
  return names.map((name) => {
    const dataset = reader.datasetAt(group, name) ?? reader.fail(`${group.path} lists weight ${JSON.stringify(name)} in weight_names, but there is no such dataset.`);
    return { name, array: reader.weightArray(dataset) };
  });
}

export interface LegacyWeightsInput {
  /** Written as `keras_version`; defaults to KERAS_FORMAT_VERSION. */
  kerasVersion?: string | null;
  /** Written as `backend`; defaults to "tensorflow". */
  backend?: string | null;
  /** Defaults to the keys of `layers`, in insertion order. */
  layerNames?: string[];
  layers: Map<string, NamedWeight[]>;
  /** Keras 3 always writes a `top_level_model_weights` group (empty by default); pass null to leave it out, as Keras 2 did. */
  topLevelWeights?: NamedWeight[] | null;
}

export interface LegacyH5Input extends LegacyWeightsInput {
  modelConfig: unknown;
  trainingConfig?: unknown;
  optimizerWeights?: NamedWeight[] | null;
}

/** A full model in the legacy `.h5` format, with the attribute types Keras 3.15 writes. */
export async function writeLegacyH5(model: LegacyH5Input): Promise<Uint8Array> {
  if (model.modelConfig === undefined || model.modelConfig === null) throw new KerasFileError('Cannot save a legacy .h5 model without a modelConfig.');
  return writeHdf5Bytes('legacy Keras .h5 file', (file) => {
    // Keras sets these from Python str values (UTF-8) and the configs from json.dumps(...).encode() bytes (ASCII).
    setStringAttribute(file, 'keras_version', model.kerasVersion ?? KERAS_FORMAT_VERSION, 'utf8');
    setStringAttribute(file, 'backend', model.backend ?? 'tensorflow', 'utf8');
    setStringAttribute(file, 'model_config', pythonJsonDumps(model.modelConfig), 'ascii');
    if (model.trainingConfig !== undefined && model.trainingConfig !== null) setStringAttribute(file, 'training_config', pythonJsonDumps(model.trainingConfig), 'ascii');
    writeWeightsGroup(file, ensureGroup(file, MODEL_WEIGHTS), model);
    if (model.optimizerWeights) {
      const optimizerGroup = ensureGroup(file, OPTIMIZER_WEIGHTS);
      writeNamedWeights(file, optimizerGroup, model.optimizerWeights);
    }
  });
}

/** Keras 2's `save_weights('x.h5')`: the model_weights layout at the file root. */
export async function writeLegacyWeightsH5(weights: LegacyWeightsInput): Promise<Uint8Array> {
  return writeHdf5Bytes('legacy Keras weights file', (file) => writeWeightsGroup(file, file, weights));
}

function writeWeightsGroup(file: Hdf5File, target: Hdf5Group, weights: LegacyWeightsInput): void {
  const layerNames = weights.layerNames ?? [...weights.layers.keys()];
  for (const name of weights.layers.keys()) {
    if (!layerNames.includes(name)) throw new KerasFileError(`Cannot save layer ${JSON.stringify(name)}: it is missing from layerNames.`);
  }
  if (new Set(layerNames).size !== layerNames.length) throw new KerasFileError(`Cannot save: layerNames lists a layer twice.`);
  for (const name of layerNames) {
    if (name === '' || name.includes('/')) throw new KerasFileError(`Cannot save layer ${JSON.stringify(name)}: a layer name must be non-empty and contain no "/".`);
  }
  setStringListAttribute(target, 'layer_names', layerNames);
  setStringAttribute(target, 'backend', weights.backend ?? 'tensorflow', 'ascii');
  setStringAttribute(target, 'keras_version', weights.kerasVersion ?? KERAS_FORMAT_VERSION, 'ascii');
  for (const name of layerNames) {
    // Layer names are unique and new, so create the group directly instead of searching for it (files can have thousands of layers).
    writeNamedWeights(file, target.create_group(name) as Hdf5Group, weights.layers.get(name) ?? []);
  }
  const topLevel = weights.topLevelWeights === undefined ? [] : weights.topLevelWeights;
  if (topLevel !== null && !layerNames.includes(TOP_LEVEL)) writeNamedWeights(file, ensureGroup(file, joinPath(target.path, TOP_LEVEL)), topLevel);
}

function writeNamedWeights(file: Hdf5File, group: Hdf5Group, weights: NamedWeight[]): void {
  const names = weights.map((weight) => weight.name);
  if (new Set(names).size !== names.length) throw new KerasFileError(`Cannot save ${group.path}: weight names repeat in ${JSON.stringify(names)}.`);
  setStringListAttribute(group, 'weight_names', names);
  for (const weight of weights) {
    if (weight.name.split('/').some((part) => part === '..' || part === '.')) throw new KerasFileError(`Cannot save weight ${JSON.stringify(weight.name)}: "." and ".." are not allowed in weight names.`);
    writeDatasetAtPath(file, group.path, weight.name, weight.array, `weight ${group.path}/${weight.name}`);
  }
}

function joinPath(parent: string, name: string): string {
  return parent === '/' ? name : `${parent.replace(/^\//, '')}/${name}`;
}
