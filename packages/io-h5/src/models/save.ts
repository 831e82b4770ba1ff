import { builtInLayers, registrationOf } from '@strata/layers';
import { Model, Sequential, serializeLayer } from '@strata/models';
import { writeFileAtomic } from '../file-io';
import { writeKerasArchive } from '../keras-archive';
import { writeLegacyH5, writeLegacyWeightsH5 } from '../legacy-h5';
import { KerasFileError, type NamedWeight, type VarsGroup, type WeightArray } from '../types';
import { varsKey, writeWeightsH5 } from '../weights-store';
import { kerasCompileConfig, legacyTrainingConfig } from './compile';
import { containerLayers, kerasStoreLayout, legacyLayerWeights } from './layout';
import { weightArrayOf } from './tensors';

type Json = Record<string, unknown>;

/** `keras`: Keras 3 archive; `h5`: legacy full model; `weights.h5`: Keras 3 weights only; `legacy-weights.h5`: Keras 2 save_weights. */
export type KerasFileFormat = 'keras' | 'h5' | 'weights.h5' | 'legacy-weights.h5';

export interface SerializeOptions {
  /** Include the optimizer's state (Keras's include_optimizer). Default true. */
  includeOptimizer?: boolean;
}

export interface SaveModelOptions extends SerializeOptions {
  /** Replace an existing file (default true, as Keras's overwrite). */
  overwrite?: boolean;
}

/** The format a path asks for, by its extension as Keras reads it; `.weights.h5` before `.h5`. */
export function formatOfPath(path: string, purpose: 'model' | 'weights'): KerasFileFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.weights.h5')) return 'weights.h5';
  if (purpose === 'model' && lower.endsWith('.keras')) return 'keras';
  if (lower.endsWith('.h5') || lower.endsWith('.hdf5')) return purpose === 'model' ? 'h5' : 'legacy-weights.h5';
  const expected = purpose === 'model' ? '.keras (Keras 3 archive) or .h5 (legacy HDF5)' : '.weights.h5 (Keras 3) or .h5 (Keras 2 save_weights)';
  throw new KerasFileError(`Cannot tell which Keras format to write from the path ${JSON.stringify(path)}: its name should end with ${expected}.`);
}

/** Keras 3's `serialize_keras_object(model)`: module, class_name, config, registered_name, build_config, compile_config. */
export function kerasModelConfig(model: Model): Json {
  if (model.inputs.length === 0 && !(model instanceof Sequential) && registrationOf(model.constructor) === null) {
    throw new KerasFileError(
      `Cannot save model '${model.name}' of class ${model.className}: a subclassed model has no config Keras can rebuild unless its class is registered. Call registerKerasSerializable(${model.constructor.name}, { package: 'my_package' }) and give it getConfig() and a static fromConfig(config), or save its weights with saveWeights.`,
    );
  }
  if (model.inputs.length === 0 && !(model instanceof Sequential) && !model.built) {
    throw new KerasFileError(`Cannot save model '${model.name}': it is not built yet, so it has no weights to save; call it on data (or model.build(inputShape)) first.`);
  }
  const { build_config: _build, ...entry } = serializeLayer(model);
  // Keras writes a functional model's build_config as {input_shape: null}: it is built by construction. A
  // Sequential or subclassed model records the shape it was built with.
  const functional = model.inputs.length > 0 && !(model instanceof Sequential);
  const config: Json = { ...entry, build_config: { input_shape: functional ? null : model.buildInputShape } };
  const compileConfig = kerasCompileConfig(model);
  if (compileConfig) config.compile_config = compileConfig;
  return config;
}

/** The legacy `.h5` model_config: `{class_name, config}`, each layer entry without module and registered_name (Keras 2's dialect). */
export function legacyModelConfig(model: Model): Json {
  const legacyEntry = (entry: Json): Json => {
    const { module: _module, registered_name: registered, build_config: _build, config, ...rest } = entry;
    const inner = config as Json;
    const layers = Array.isArray(inner.layers) ? { layers: (inner.layers as Json[]).map(legacyEntry) } : {};
    // Keras 2's dialect names a registered class by its registered name ('package>Name') in class_name.
    const legacy: Json = { class_name: rest.class_name, config: { ...inner, ...layers }, ...rest };
    // A class whose Python name differs from its public alias (GroupQueryAttention is `GroupedQueryAttention`) goes
    // by the Python name there: Keras's legacy loader looks classes up by it.
    const pythonName = (builtInLayers()[String(rest.class_name)] as { kerasClassName?: string } | undefined)?.kerasClassName;
    if (pythonName) legacy.class_name = pythonName;
    if (typeof registered === 'string') legacy.class_name = registered;
    return legacy;
  };
  const { build_config: _build, compile_config: _compile, ...entry } = kerasModelConfig(model);
  return legacyEntry(entry);
}

async function optimizerState(model: Model, includeOptimizer: boolean): Promise<{ name: string; values: Array<{ path: string; array: WeightArray }> } | null> {
  const optimizer = model.compiled?.optimizer;
  if (!includeOptimizer || !optimizer) return null;
  const variables = optimizer.variables();
  const arrays = await Promise.all(variables.map((variable) => weightArrayOf(variable.tensor)));
  return { name: optimizer.name, values: variables.map((variable, i) => ({ path: variable.path, array: arrays[i] })) };
}

/** The Keras 3 weights store of `model`: every saveable's `vars` group, and the optimizer's. */
async function kerasStore(model: Model, includeOptimizer: boolean): Promise<{ weights: Map<string, WeightArray>; groups: VarsGroup[] }> {
  const weights = new Map<string, WeightArray>();
  const groups: VarsGroup[] = [];
  for (const saveable of kerasStoreLayout(model)) {
    groups.push({ path: saveable.path, name: saveable.name });
    const arrays = await Promise.all(saveable.variables.map((variable) => weightArrayOf(variable.read())));
    arrays.forEach((array, i) => weights.set(varsKey(saveable.path, i), array));
  }
  const optimizer = await optimizerState(model, includeOptimizer);
  if (optimizer) {
    groups.push({ path: 'optimizer', name: optimizer.name });
    optimizer.values.forEach(({ array }, i) => weights.set(varsKey('optimizer', i), array));
    // Keras's LossScaleOptimizer tracks its inner optimizer as a child, whose variables get their own group too.
    const inner = (model.compiled?.optimizer as { innerOptimizer?: NonNullable<Model['compiled']>['optimizer'] } | undefined)?.innerOptimizer;
    if (inner) {
      groups.push({ path: 'optimizer/inner_optimizer', name: inner.name });
      const arrays = await Promise.all(inner.variables().map((variable) => weightArrayOf(variable.tensor)));
      arrays.forEach((array, i) => weights.set(varsKey('optimizer/inner_optimizer', i), array));
    }
    // Keras's MultiOptimizer tracks its optimizers as children too: each one's variables again, under its name.
    const children = (model.compiled?.optimizer as { optimizers?: ReadonlyArray<NonNullable<Model['compiled']>['optimizer']> } | undefined)?.optimizers ?? [];
    for (const child of children) {
      const path = `optimizer/optimizers/${child.name}`;
      groups.push({ path, name: child.name });
      const arrays = await Promise.all(child.variables().map((variable) => weightArrayOf(variable.tensor)));
      arrays.forEach((array, i) => weights.set(varsKey(path, i), array));
    }
  }
  return { weights, groups };
}

async function legacyLayers(model: Model): Promise<{ layerNames: string[]; layers: Map<string, NamedWeight[]> }> {
  const layers = new Map<string, NamedWeight[]>();
  for (const layer of containerLayers(model)) {
    const variables = legacyLayerWeights(layer);
    const arrays = await Promise.all(variables.map((variable) => weightArrayOf(variable.read())));
    layers.set(layer.name, variables.map((variable, i) => ({ name: variable.path, array: arrays[i] })));
  }
  return { layerNames: [...layers.keys()], layers };
}

/** A model as the bytes of a Keras file, in Node or the browser. */
export async function serializeModel(model: Model, format: KerasFileFormat, options: SerializeOptions = {}): Promise<Uint8Array> {
  if (!(model instanceof Model)) throw new KerasFileError(`serializeModel expects a Strata Model, received ${Object.prototype.toString.call(model)}.`);
  const includeOptimizer = options.includeOptimizer ?? true;
  if (format === 'keras') return writeKerasArchive({ config: kerasModelConfig(model), ...(await kerasStore(model, includeOptimizer)) });
  // Keras's save_weights walks the model object, which holds its optimizer, so .weights.h5 carries the optimizer too.
  if (format === 'weights.h5') return writeWeightsH5(await kerasStore(model, includeOptimizer));
  if (format === 'legacy-weights.h5') return writeLegacyWeightsH5(await legacyLayers(model));
  const trainingConfig = legacyTrainingConfig(model);
  // Keras 3 writes optimizer_weights for any compiled model, even before the first step (then just iteration and learning_rate).
  const optimizer = await optimizerState(model, includeOptimizer);
  return writeLegacyH5({
    modelConfig: legacyModelConfig(model),
    ...(trainingConfig ? { trainingConfig } : {}),
    ...(await legacyLayers(model)),
    ...(optimizer ? { optimizerWeights: optimizer.values.map(({ path, array }) => ({ name: path, array })) } : {}),
  });
}

/** Saves the whole model; `.keras` or `.h5` by the extension. The file is replaced atomically: a failed save leaves the old one. */
export async function saveModel(model: Model, path: string, options: SaveModelOptions = {}): Promise<void> {
  const format = formatOfPath(path, 'model');
  if (format === 'weights.h5') throw new KerasFileError(`Cannot save a whole model to ${JSON.stringify(path)}: a .weights.h5 file holds weights only; use saveWeights, or a .keras path.`);
  await writeChecked(path, await serializeModel(model, format, options), options.overwrite);
}

/** Saves the weights only: `.weights.h5` (Keras 3 layout, with the optimizer) or `.h5` (Keras 2 save_weights layout). */
export async function saveWeights(model: Model, path: string, options: SaveModelOptions = {}): Promise<void> {
  await writeChecked(path, await serializeModel(model, formatOfPath(path, 'weights'), options), options.overwrite);
}

async function writeChecked(path: string, bytes: Uint8Array, overwrite = true): Promise<void> {
  if (!overwrite) {
    const { access } = await import(/* webpackIgnore: true */ 'node:fs/promises');
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new KerasFileError(`Cannot save to ${JSON.stringify(path)}: the file exists and overwrite is false.`);
  }
  await writeFileAtomic(path, bytes);
}
