import { type Model, modelFromConfig } from '@strata/models';
import { type BinaryInput, bytesFrom } from '../file-io';
import { type KerasFile, readKerasFile } from '../read-any';
import { KerasFileError, type ReadLimits, type WeightArray, type WeightsStore } from '../types';
import { varsKey } from '../weights-store';
import { type AssignOptions, assignFromLegacy, assignFromStore } from './assign';
import { type SavedOptimizer, compileFromConfig, restoreOptimizerState } from './compile';
import { type CustomObjects, builtInRegistry, checkLayerClasses } from './registry';
import { builtInOps } from '@strata/ops';

type Json = Record<string, unknown>;

export interface LoadModelOptions {
  /** User classes and functions by the name the file uses: `{ MyLayer: MyLayerClass }`. */
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
}

function describe(source: string | BinaryInput): string {
  return typeof source === 'string' ? JSON.stringify(source) : 'the Keras file';
}

/** Reads the file; errors name it by its path when there is one. */
async function readSource(source: string | BinaryInput, options: { limits?: Partial<ReadLimits>; readTimeoutMs?: number }): Promise<KerasFile> {
  const description = typeof source === 'string' ? `Keras file ${JSON.stringify(source)}` : undefined;
  return readKerasFile(await bytesFrom(source), { limits: options.limits, readTimeoutMs: options.readTimeoutMs, description });
}

/**
 * Loads a whole model saved by Keras or Strata: a `.keras` archive or a
 * legacy `.h5`, from a path (Node) or bytes (an ArrayBuffer, Uint8Array or
 * Blob, in the browser). The kind is read from the content. The model comes
 * back with its weights and, when the file has a compile config, compiled with
 * its optimizer state restored. Nothing is left behind on failure: a model
 * half built is disposed before the error is thrown.
 */
export async function loadModel(source: string | BinaryInput, options: LoadModelOptions = {}): Promise<Model> {
  const description = describe(source);
  const file = await readSource(source, options);
  return modelFromKerasFile(file, options, description);
}

export function modelFromKerasFile(file: KerasFile, options: LoadModelOptions = {}, description = 'the Keras file'): Model {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  if (file.kind === 'weights-h5') {
    throw new KerasFileError(`${description} holds weights only (a Keras 3 .weights.h5 file): build the model, then call loadWeights(model, source).`);
  }
  const config = (file.kind === 'keras-archive' ? file.config : file.modelConfig) as Json | null;
  if (config === null) {
    throw new KerasFileError(`${description} holds weights only (Keras 2 save_weights): build the model, then call loadWeights(model, source).`);
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
  const model = modelFromConfig(config, { layers: registry.layers, ops: builtInOps(), safeMode: options.safeMode ?? true });
  try {
    const assign: AssignOptions = { warn };
    if (file.kind === 'keras-archive') assignFromStore(model, file, assign, description);
    else assignFromLegacy(model, file, assign, description);
    const compileConfig = (file.kind === 'keras-archive' ? config.compile_config : file.trainingConfig) as Json | null | undefined;
    if ((options.compile ?? true) && compileConfig && Object.keys(compileConfig).length > 0) {
      const saved = file.kind === 'keras-archive' ? storedOptimizer(file) : { values: (file.optimizerWeights ?? []).map((weight) => weight.array) };
      if (compileFromConfig(model, compileConfig, registry, saved, warn)) restoreOptimizerState(model, saved, warn);
    }
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
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
  const file = await readSource(source, options);
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const assign: AssignOptions = { byName: options.byName, skipMismatch: options.skipMismatch, warn };
  if (file.kind === 'legacy-h5') {
    assignFromLegacy(model, file, assign, description);
    if (model.compiled && file.optimizerWeights) restoreOptimizerState(model, { values: file.optimizerWeights.map((weight) => weight.array) }, warn);
    return;
  }
  assignFromStore(model, file, assign, description);
  if (model.compiled) restoreOptimizerState(model, storedOptimizer(file), warn);
}
