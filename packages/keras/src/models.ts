/**
 * Keras's `keras.models`: Sequential and Model whose `save` writes Keras files,
 * and the functions that make models from files, configs and JSON. The one
 * piece of glue in this meta-package: @strata/models cannot import
 * @strata/io-h5 (it sits above it), so these subclasses plug io-h5's saver in
 * at construction, and these functions pass the built-in registries — explicitly,
 * with nothing registered on import. Models loaded, rebuilt or cloned here are
 * instances of these classes, nested ones included.
 */
import { type CustomObjects, type LoadModelOptions, builtInRegistry, kerasFileSaver, loadModel as loadKerasModel } from '@strata/io-h5';
import type { Layer, LayerArgs, SymbolicTensor } from '@strata/layers';
import {
  Model as BaseModel,
  Sequential as BaseSequential,
  type ModelArgs,
  type ModelClasses,
  modelFromConfig as baseModelFromConfig,
  modelFromJson as baseModelFromJson,
} from '@strata/models';
import { builtInOps } from '@strata/ops';

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
    this.saver = kerasFileSaver;
  }

  /** Keras's `Sequential.from_config`: a new Sequential (of this class) from its config, with the built-in layers and `customObjects`. */
  static fromConfig(config: Json, options: FromConfigOptions = {}): Sequential {
    const inner = innerConfig(config, 'Sequential');
    // biome-ignore lint/complexity/noThisInStatic: a subclass's fromConfig builds that subclass, as Keras's `cls`.
    return baseModelFromConfig({ class_name: 'Sequential', config: inner }, { ...deserializeOptions(options), modelClasses: { ...kerasModelClasses, Sequential: this } }) as Sequential;
  }
}

export class Model extends BaseModel {
  constructor(args: ModelArgs = {}) {
    super(args);
    this.saver = kerasFileSaver;
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
  return loadKerasModel(source, { ...options, modelClasses: options.modelClasses ?? kerasModelClasses });
}

/** Keras's `keras.models.model_from_json`: a model from `model.toJSON()` (Keras's `to_json`), compiled when the JSON has a compile config, as Keras does. */
export function modelFromJson(json: string, options: FromConfigOptions = {}): BaseModel {
  return baseModelFromJson(json, deserializeOptions(options));
}

/** Rebuilds a Sequential or functional model from its serialized entry ({class_name, config}), with the built-in layers and `customObjects`. */
export function modelFromConfig(serialized: Json, options: FromConfigOptions = {}): BaseModel {
  return baseModelFromConfig(serialized, deserializeOptions(options));
}

export { cloneModel } from '@strata/models';
export type { CloneModelOptions, ModelArgs } from '@strata/models';
export type { ComputeLossArgs, StepData, StepLogs } from '@strata/models';
export { saveModel } from '@strata/io-h5';
