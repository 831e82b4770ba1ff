/**
 * `keras.models.model_from_json`: a model from the JSON of Keras's
 * `model.to_json()` (Strata's `model.toJSON()`), which is
 * `serialize_keras_object(model)` — module, class_name, config,
 * registered_name, build_config, compile_config — with no weights.
 */
import { type DeserializeOptions, modelFromConfig } from './deserialize';
import type { Model } from './model';

type Json = Record<string, unknown>;

/**
 * A new model from JSON that Keras or Strata wrote, as Keras's
 * `model_from_json`: compiled when the JSON has a compile config, as Keras
 * does. The layer classes (and ops) come from `options`, as every registry in
 * Strata is passed in; @strata/keras passes the built-in ones.
 */
export function modelFromJson(json: string, options: DeserializeOptions): Model {
  if (typeof json !== 'string') throw new TypeError(`modelFromJson() expects a JSON string; received ${Object.prototype.toString.call(json)}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new SyntaxError(`modelFromJson() received text that is not JSON: ${(error as Error).message}.`, { cause: error });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || typeof (parsed as Json).class_name !== 'string') {
    throw new TypeError(`modelFromJson() expects a serialized model ({class_name, config, ...}); received ${json.slice(0, 80)}.`);
  }
  const model = modelFromConfig(parsed as Json, options);
  const compileConfig = (parsed as Json).compile_config;
  if (compileConfig !== null && typeof compileConfig === 'object' && Object.keys(compileConfig).length > 0) {
    try {
      model.compileFromConfig(compileConfig as Json);
    } catch (error) {
      model.dispose();
      throw error;
    }
  }
  return model;
}
