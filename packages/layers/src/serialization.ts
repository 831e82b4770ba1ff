/**
 * Keras 3's serialized form of an object (`keras.saving.serialize_keras_object`):
 * what `config.json` of a `.keras` file and `getConfig()` of a layer hold for
 * initializers, regularizers, constraints, losses, optimizers and layers.
 */
export interface KerasSerialized<C = Record<string, unknown>> {
  /** The Python module of the class (`'keras.layers'`), or null for a registered custom object. */
  module: string | null;
  /** Keras's class name. */
  class_name: string;
  /** The object's own config. */
  config: C;
  /** `'package>Name'` for a registered custom object, else null. */
  registered_name: string | null;
  /** `{input_shape}`, or for a layer called on several positional tensors `{shapes_dict: {query_shape, ...}}`. */
  build_config?: { input_shape?: Array<number | null> | Array<Array<number | null>> | null; shapes_dict?: Record<string, unknown> } | null;
  /** A model's compile arguments, or null. */
  compile_config?: Record<string, unknown> | null;
}

export function isKerasSerialized(value: unknown): value is KerasSerialized {
  return typeof value === 'object' && value !== null && 'class_name' in value && 'config' in value;
}

/** Converts a camelCase option name to Keras's snake_case config key. */
export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Converts a Keras snake_case identifier or key to camelCase. */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

type Factories<T> = Record<string, (config: Record<string, unknown>) => T>;

/**
 * Keras's `get` for a family of objects built from factories by class name
 * (constraints, regularizers): a name in class, snake_case or camelCase form,
 * or a serialized dict (Keras 3's form or the legacy `{class_name, config}`).
 * `kind` names the family in the error ("constraint").
 */
export function resolveByClassName<T>(kind: string, identifier: string | KerasSerialized, factories: Factories<T>): T {
  const resolve = (name: string) => {
    const key = name.replace(/_/g, '').toLowerCase();
    return Object.keys(factories).find((className) => className.toLowerCase() === key);
  };
  const className =
    typeof identifier === 'string' ? resolve(identifier) : isKerasSerialized(identifier) ? resolve(identifier.class_name) : undefined;
  if (className === undefined) {
    const shown = typeof identifier === 'string' ? `'${identifier}'` : JSON.stringify(identifier);
    throw new Error(`Could not interpret ${kind} identifier: ${shown}. Known ${kind}s: ${Object.keys(factories).join(', ')}.`);
  }
  const config = typeof identifier === 'string' ? {} : (identifier.config ?? {});
  return factories[className](config);
}

/** Keras 3's serialized form of an object of `module` with a className and a config. */
export function serializeKerasObject(module: string, object: { className: string; getConfig(): Record<string, unknown> }): KerasSerialized {
  return { module, class_name: object.className, config: object.getConfig(), registered_name: null };
}
