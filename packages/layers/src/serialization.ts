/**
 * Keras 3's serialized form of an object (`keras.saving.serialize_keras_object`):
 * what `config.json` of a `.keras` file and `getConfig()` of a layer hold for
 * initializers, regularizers, constraints, losses, optimizers and layers.
 */
export interface KerasSerialized<C = Record<string, unknown>> {
  module: string | null;
  class_name: string;
  config: C;
  registered_name: string | null;
  build_config?: { input_shape: Array<number | null> | Array<Array<number | null>> } | null;
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
