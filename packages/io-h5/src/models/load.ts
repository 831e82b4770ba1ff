import { customObjectScope, withWeightBudget } from '@strata/layers';
import { type Model, type ModelClasses, modelFromConfig } from '@strata/models';
import { type BinaryInput, bytesFrom } from '../file-io';
import { containerOf } from '../container';
import { openKerasArchive } from '../keras-archive';
import { type KerasFile, readKerasFile } from '../read-any';
import { KerasFileBudgetError, KerasFileError, type ReadLimits, resolveLimits, type WeightArray, type WeightsStore } from '../types';
import { varsKey } from '../weights-store';
import { type AssignOptions, assignFromLegacy, assignFromStore } from './assign';
import { type SavedOptimizer, compileFromConfig, restoreOptimizerState } from './compile';
import { type CustomObjects, type KerasRegistry, builtInRegistry, checkLayerClasses } from './registry';
import { kerasStoreLayout } from './layout';
import { builtInOps } from '@strata/ops';

type Json = Record<string, unknown>;

export interface LoadModelOptions {
  /**
   * User classes and functions by the name the file uses: `{ MyLayer: MyLayerClass }`. Classes registered with
   * registerKerasSerializable need no entry here; an open customObjectScope and the registry win over these.
   */
  customObjects?: CustomObjects;
  /** Refuse configs that hold code (Lambda layers). Default true, as Keras's safe_mode. */
  safeMode?: boolean;
  /** Compile the model from the file's compile (training) config and restore its optimizer state. Default true. */
  compile?: boolean;
  /** Where warnings go (an optimizer state skipped, a compile that failed). Default console.warn. */
  warn?: (message: string) => void;
  limits?: Partial<ReadLimits>;
  /**
   * Node: time limit in milliseconds for reading the file's HDF5 data, which runs in a worker thread; past it the
   * file is refused as corrupt. Default 30 s plus 1 s per MiB. Ignored in the browser.
   */
  readTimeoutMs?: number;
  /**
   * How to read a file that is both a zip and an HDF5 file (a polyglot), as Keras decides by the file name: `'zip'`
   * (a `.keras` archive) or `'hdf5'` (a `.h5` file). From a path it follows the extension; from bytes such a file
   * is refused unless this is given (a page that knows the dropped file's name can pass it).
   */
  container?: 'zip' | 'hdf5';
  /** The classes to build the model with (@strata/keras passes its own Sequential and Model). */
  modelClasses?: ModelClasses;
}

function describe(source: string | BinaryInput): string {
  return typeof source === 'string' ? JSON.stringify(source) : 'the Keras file';
}

/** Keras picks the container by the file name (saving_api.load_model); we follow it for a file that is both. */
function containerOfPath(source: string | BinaryInput): 'zip' | 'hdf5' | undefined {
  if (typeof source !== 'string') return undefined;
  if (/\.keras$/i.test(source)) return 'zip';
  if (/\.(h5|hdf5)$/i.test(source)) return 'hdf5';
  return undefined;
}

/** Reads the file; errors name it by its path when there is one. A path is read only if it is a regular file. */
async function readSource(source: string | BinaryInput, options: { limits?: Partial<ReadLimits>; readTimeoutMs?: number; container?: 'zip' | 'hdf5' }, only?: string[]): Promise<KerasFile> {
  const description = typeof source === 'string' ? `Keras file ${JSON.stringify(source)}` : undefined;
  const limits = resolveLimits(options.limits);
  const bytes = await bytesFrom(source, limits.maxFileBytes);
  return readKerasFile(bytes, { limits: options.limits, readTimeoutMs: options.readTimeoutMs, description, container: options.container ?? containerOfPath(source), only });
}

/**
 * Loads a whole model saved by Keras or Strata: a `.keras` archive or a
 * legacy `.h5`, from a path (Node) or bytes (an ArrayBuffer, Uint8Array or
 * Blob, in the browser). The kind is read from the content. The model comes
 * back with its weights and, when the file has a compile config, compiled with
 * its optimizer state restored. Every refusal is a KerasFileError, and nothing
 * is left behind on failure: a model half built is disposed before the error
 * is thrown. From a `.keras` archive, the model is built first and only the
 * weights its layers (and its optimizer, when compiling) own are read.
 */
export async function loadModel(source: string | BinaryInput, options: LoadModelOptions = {}): Promise<Model> {
  const description = describe(source);
  const limits = resolveLimits(options.limits);
  const bytes = await bytesFrom(source, limits.maxFileBytes);
  const fileDescription = typeof source === 'string' ? `Keras file ${JSON.stringify(source)}` : undefined;
  const container = containerOf(bytes, fileDescription ?? 'Keras file', limits, options.container ?? containerOfPath(source));
  const readOptions = { limits: options.limits, readTimeoutMs: options.readTimeoutMs, description: fileDescription, container };
  if (container === 'hdf5') return modelFromKerasFile(await readKerasFile(bytes, readOptions), options, description);
  // No Strata layer reads assets, so they stay uninflated (their declared sizes were checked with the directory).
  const archive = openKerasArchive(bytes, { ...readOptions, readAssets: false });
  const config = archive.config as Json;
  const registry = checkModelConfig(config, options, description);
  return buildModel(config, registry, options, description, archive.weightsSize, async (model) => {
    const only = kerasStoreLayout(model).map((saveable) => saveable.path);
    if (wantsCompile(config.compile_config, options)) only.push('optimizer');
    const store = await archive.readWeights(only);
    return { kind: 'keras-archive' as const, metadata: archive.metadata, config: archive.config, assets: archive.assets, ...store };
  });
}

/** Builds the model of a file already read (readKerasFile), assigns its weights and compiles it. */
export function modelFromKerasFile(file: KerasFile, options: LoadModelOptions = {}, description = 'the Keras file'): Model {
  if (file.kind === 'weights-h5') {
    throw new KerasFileError(`${description} holds weights only (a Keras 3 .weights.h5 file): build the model, then call loadWeights(model, source).`);
  }
  const config = (file.kind === 'keras-archive' ? file.config : file.modelConfig) as Json | null;
  if (config === null) {
    throw new KerasFileError(`${description} holds weights only (Keras 2 save_weights): build the model, then call loadWeights(model, source).`);
  }
  const registry = checkModelConfig(config, options, description);
  return buildModel(config, registry, options, description, weightDataBytes(file), () => file) as Model;
}

/** Refuses, before anything is built, a config that is not an object, holds code or names classes Strata lacks. */
function checkModelConfig(config: Json, options: LoadModelOptions, description: string): KerasRegistry {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new KerasFileError(`${description}: its model config should be a JSON object, received ${JSON.stringify(config)?.slice(0, 80)}.`);
  }
  const registry = builtInRegistry(options.customObjects);
  const { unknown: missing, code } = checkLayerClasses(config, registry);
  if (code.length > 0) {
    // Keras refuses these in safe mode; Strata cannot run Python code even outside it.
    const hint = options.safeMode === false ? 'Strata cannot rebuild Python code even with safeMode: false' : 'Keras refuses them too unless safe_mode=False';
    throw new KerasFileError(
      `Refusing to load ${description}: its layers ${code.join(', ')} hold Python code, which a Keras file must never run (${hint}). Replace each with a custom layer class passed in customObjects.`,
    );
  }
  if (missing.length > 0) {
    throw new KerasFileError(
      `${description} uses layer classes that Strata does not have: ${missing.join(', ')}. If they are custom layers, pass their classes in customObjects: { ${missing.map((name) => `${JSON.stringify(name)}: YourLayer`).join(', ')} }.`,
    );
  }
  return registry;
}

function wantsCompile(compileConfig: unknown, options: LoadModelOptions): compileConfig is Json {
  return (options.compile ?? true) && compileConfig !== null && typeof compileConfig === 'object' && Object.keys(compileConfig).length > 0;
}

/**
 * Builds the model from its config, gets the file's weights (`weightsFor` may
 * read them now, knowing the model), assigns them and compiles. On any failure
 * the model and its optimizer are disposed and the error is a KerasFileError.
 * Synchronous when `weightsFor` is.
 */
function buildModel(config: Json, registry: KerasRegistry, options: LoadModelOptions, description: string, fileWeightBytes: number, weightsFor: (model: Model) => KerasFile): Model;
function buildModel(config: Json, registry: KerasRegistry, options: LoadModelOptions, description: string, fileWeightBytes: number, weightsFor: (model: Model) => Promise<KerasFile>): Promise<Model>;
function buildModel(
  config: Json,
  registry: KerasRegistry,
  options: LoadModelOptions,
  description: string,
  fileWeightBytes: number,
  weightsFor: (model: Model) => KerasFile | Promise<KerasFile>,
): Model | Promise<Model> {
  let model: Model | null = null;
  const fail = (error: unknown): never => {
    if (model !== null) {
      // The optimizer was made here for this model (compile does not own an optimizer it is handed), so free it too.
      model.compiled?.optimizer.dispose();
      model.dispose();
    }
    throw asLoadError(error, description);
  };
  try {
    // modelFromConfig frees the layers it built when it fails; past it, `fail` frees the model.
    // The weights the config builds must be backed by the file's weight data, give or take maxUnbackedWeightBytes.
    const allowance = resolveLimits(options.limits).maxUnbackedWeightBytes;
    const refuse = (path: string, bytes: number) =>
      new KerasFileBudgetError(
        `${description}: its model config asks for a weight ${path} of ${bytes} bytes, more than the file can back: it holds ${fileWeightBytes} bytes of weight data, and a config may build at most ${allowance} bytes (maxUnbackedWeightBytes) beyond that.`,
      );
    // Built inside a scope of the user's customObjects, as Keras's deserialize does, so that a custom class's
    // fromConfig can find the objects its config names with getRegisteredObject.
    const built = withWeightBudget(fileWeightBytes + allowance, refuse, () =>
      customObjectScope(options.customObjects ?? {}, () => modelFromConfig(config, { layers: registry.layers, ops: builtInOps(), safeMode: options.safeMode ?? true, modelClasses: options.modelClasses })),
    );
    model = built;
    const file = weightsFor(built);
    if (file instanceof Promise) return file.then((read) => fillModel(built, read, config, registry, options, description)).catch(fail);
    return fillModel(built, file, config, registry, options, description);
  } catch (error) {
    return fail(error);
  }
}

function fillModel(model: Model, file: KerasFile, config: Json, registry: KerasRegistry, options: LoadModelOptions, description: string): Model {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const assign: AssignOptions = { warn };
  if (file.kind === 'keras-archive') assignFromStore(model, file, assign, description);
  else if (file.kind === 'legacy-h5') assignFromLegacy(model, file, assign, description);
  const compileConfig = file.kind === 'keras-archive' ? config.compile_config : file.kind === 'legacy-h5' ? file.trainingConfig : null;
  if (wantsCompile(compileConfig, options)) {
    const saved = file.kind === 'keras-archive' ? storedOptimizer(file) : { values: (file.kind === 'legacy-h5' ? (file.optimizerWeights ?? []) : []).map((weight) => weight.array) };
    if (compileFromConfig(model, compileConfig, registry, saved, warn)) restoreOptimizerState(model, saved, warn);
  }
  return model;
}

/** The bytes of weight data a file already read holds. */
function weightDataBytes(file: KerasFile): number {
  const arrays: WeightArray[] = [];
  if (file.kind === 'legacy-h5') {
    for (const weights of file.layers.values()) arrays.push(...weights.map((weight) => weight.array));
    arrays.push(...(file.topLevelWeights ?? []).map((weight) => weight.array));
  } else {
    arrays.push(...file.weights.values());
  }
  return arrays.reduce((total, array) => total + array.data.byteLength, 0);
}

/** Errors from deep inside (a layer's config checks, tfjs) become KerasFileErrors that name the file. */
function asLoadError(error: unknown, description: string): KerasFileError {
  // A layer may have wrapped the loader's own refusal (a Sequential adds the layer's name): the refusal is the error.
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth++) {
    if (cause instanceof KerasFileError) return cause;
  }
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const wrapped = new KerasFileError(`Cannot load ${description}: ${message}`);
  (wrapped as Error & { cause?: unknown }).cause = error;
  return wrapped;
}

function storedOptimizer(store: WeightsStore): SavedOptimizer {
  const values: WeightArray[] = [];
  for (let index = 0; store.weights.has(varsKey('optimizer', index)); index++) values.push(store.weights.get(varsKey('optimizer', index)) as WeightArray);
  const name = store.groups.find((group) => group.path === 'optimizer')?.name;
  return name === undefined ? { values } : { name, values };
}

export interface LoadWeightsOptions {
  /** Legacy `.h5`: match layers by name (Keras's by_name). Keras 3 stores: match top-level layers by their group's `name`. */
  byName?: boolean;
  /** Skip, with a warning, layers whose variable count or shapes differ. */
  skipMismatch?: boolean;
  warn?: (message: string) => void;
  limits?: Partial<ReadLimits>;
  /** As in LoadModelOptions. */
  readTimeoutMs?: number;
  /**
   * How to read a file that is both a zip and an HDF5 file (a polyglot), as Keras decides by the file name: `'zip'`
   * (a `.keras` archive) or `'hdf5'` (a `.h5` file). From a path it follows the extension; from bytes such a file
   * is refused unless this is given (a page that knows the dropped file's name can pass it).
   */
  container?: 'zip' | 'hdf5';
}

/**
 * Loads weights into an existing model from any Keras file: a Keras 3
 * `.weights.h5` or `.keras` archive (by the object paths), a legacy full-model
 * `.h5` or a Keras 2 `save_weights` `.h5` (layers in order, or by name). The
 * optimizer state in the file is left alone, as Keras's load_weights does
 * for a model that is not compiled; a compiled model gets it restored.
 */
export async function loadWeights(model: Model, source: string | BinaryInput, options: LoadWeightsOptions = {}): Promise<void> {
  const description = describe(source);
  // A Keras 3 store is matched by paths: read only the groups this model (and its optimizer) owns. By name, the
  // file's groups are matched by their name attribute, so all are read.
  const only = options.byName ? undefined : [...kerasStoreLayout(model).map((saveable) => saveable.path), ...(model.compiled ? ['optimizer'] : [])];
  const file = await readSource(source, options, only);
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const assign: AssignOptions = { byName: options.byName, skipMismatch: options.skipMismatch, warn };
  try {
    if (file.kind === 'legacy-h5') {
      assignFromLegacy(model, file, assign, description);
      if (model.compiled && file.optimizerWeights) restoreOptimizerState(model, { values: file.optimizerWeights.map((weight) => weight.array) }, warn);
      return;
    }
    assignFromStore(model, file, assign, description);
    if (model.compiled) restoreOptimizerState(model, storedOptimizer(file), warn);
  } catch (error) {
    throw asLoadError(error, description);
  }
}
