/**
 * Keras's `keras.models`: Sequential and Model whose `save` writes Keras files,
 * and the functions that make models from files, configs and JSON. The one
 * piece of glue in this meta-package: @strata/models cannot import
 * @strata/io-h5 (it sits above it), so these subclasses plug a saver in at
 * construction, and these functions pass the built-in registries — explicitly,
 * with nothing registered on import. The saver and loader import @strata/io-h5
 * on first use, so an app that never saves or loads a file does not download
 * io-h5 or h5wasm with its first page. Models loaded, rebuilt or cloned here are
 * instances of these classes, nested ones included.
 */
import type { LoadModelOptions, loadModel as loadKerasModel, saveModel as saveKerasModel } from '@strata/io-h5';
import { type CustomObjects, builtInRegistry } from '@strata/io-h5/registry';
import type { Layer, LayerArgs, SymbolicTensor } from '@strata/layers';
import {
  Model as BaseModel,
  Sequential as BaseSequential,
  type CloneModelOptions as BaseCloneModelOptions,
  type ComputeLossArgs as BaseComputeLossArgs,
  type ModelArgs as BaseModelArgs,
  type ModelSaver,
  type StepData as BaseStepData,
  type StepLogs as BaseStepLogs,
  type ModelClasses,
  modelFromConfig as baseModelFromConfig,
  modelFromJson as baseModelFromJson,
} from '@strata/models';
import { builtInOps } from '@strata/ops';

const kerasFiles = () => import('@strata/io-h5');

/** io-h5's Keras-file saver, reached through a dynamic import on first use. */
const lazyKerasFileSaver: ModelSaver = {
  saveModel: async (model, path, options) => (await kerasFiles()).kerasFileSaver.saveModel(model, path, options),
  saveWeights: async (model, path, options) => (await kerasFiles()).kerasFileSaver.saveWeights(model, path, options),
  loadWeights: async (model, path, options) => (await kerasFiles()).kerasFileSaver.loadWeights(model, path, options),
};

type Json = Record<string, unknown>;

export interface FromConfigOptions {
  /** User classes by the name the config uses, as Keras's `custom_objects`. */
  customObjects?: CustomObjects;
  /** Keras's safe mode: configs that hold code (Lambda layers) are refused. Default true. */
  safeMode?: boolean;
}

/** Keras's `from_config` takes the inner config; a whole serialized entry ({class_name, config}) is accepted too. */
function innerConfig(config: Json, className: string): Json {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new TypeError(`${className}.fromConfig() expects a config object; received ${JSON.stringify(config)?.slice(0, 80)}.`);
  }
  return typeof config.class_name === 'string' && typeof config.config === 'object' && config.config !== null ? (config.config as Json) : config;
}

function deserializeOptions(options: FromConfigOptions) {
  return { layers: builtInRegistry(options.customObjects).layers, ops: builtInOps(), safeMode: options.safeMode ?? true, modelClasses: kerasModelClasses };
}

export class Sequential extends BaseSequential {
  constructor(layers: Array<Layer | SymbolicTensor> = [], args: LayerArgs = {}) {
    super(layers, args);
    this.saver = lazyKerasFileSaver;
  }

  /** Keras's `Sequential.from_config`: a new Sequential (of this class) from its config, with the built-in layers and `customObjects`. */
  static fromConfig(config: Json, options: FromConfigOptions = {}): Sequential {
    const inner = innerConfig(config, 'Sequential');
    // biome-ignore lint/complexity/noThisInStatic: a subclass's fromConfig builds that subclass, as Keras's `cls`.
    return baseModelFromConfig({ class_name: 'Sequential', config: inner }, { ...deserializeOptions(options), modelClasses: { ...kerasModelClasses, Sequential: this } }) as Sequential;
  }
}

export class Model extends BaseModel {
  constructor(args: BaseModelArgs = {}) {
    super(args);
    this.saver = lazyKerasFileSaver;
  }

  /** Keras's `Model.from_config`: a functional model (of this class) from its config, with the built-in layers and `customObjects`. */
  static fromConfig(config: Json, options: FromConfigOptions = {}): Model {
    const inner = innerConfig(config, 'Model');
    // biome-ignore lint/complexity/noThisInStatic: a subclass's fromConfig builds that subclass, as Keras's `cls`.
    return baseModelFromConfig({ class_name: 'Functional', config: inner }, { ...deserializeOptions(options), modelClasses: { ...kerasModelClasses, Functional: this } });
  }
}

const kerasModelClasses: ModelClasses = { Sequential, Functional: Model };

/** Keras's `keras.models.load_model`: `.keras`, `.h5` (path, bytes or Blob); the model is a `Sequential` or `Model` of this package, able to save again. */
export async function loadModel(source: Parameters<typeof loadKerasModel>[0], options: LoadModelOptions = {}): Promise<BaseModel> {
  const model = await (await kerasFiles()).loadModel(source, { ...options, modelClasses: options.modelClasses ?? kerasModelClasses });
  model.saver = lazyKerasFileSaver;
  return model;
}

/** Keras's `keras.models.model_from_json`: a model from `model.toJSON()` (Keras's `to_json`), compiled when the JSON has a compile config, as Keras does. */
export function modelFromJson(json: string, options: FromConfigOptions = {}): BaseModel {
  return baseModelFromJson(json, deserializeOptions(options));
}

/** Rebuilds a Sequential or functional model from its serialized entry ({class_name, config}), with the built-in layers and `customObjects`. */
export function modelFromConfig(serialized: Json, options: FromConfigOptions = {}): BaseModel {
  return baseModelFromConfig(serialized, deserializeOptions(options));
}

/** Keras's `keras.saving.save_model` (and `keras.models.save_model`): io-h5's saver, imported on first use. */
export async function saveModel(...args: Parameters<typeof saveKerasModel>): Promise<void> {
  await (await kerasFiles()).saveModel(...args);
}

export { cloneModel } from '@strata/models';
// Aliases rather than `export type { ... } from`: the declaration bundler turned those into values of the
// `models` namespace in index.d.ts (`typeof ModelArgs`), which fails a consumer's type-check.
export type ModelArgs = BaseModelArgs;
export type CloneModelOptions = BaseCloneModelOptions;
export type ComputeLossArgs = BaseComputeLossArgs;
export type StepData = BaseStepData;
export type StepLogs = BaseStepLogs;
