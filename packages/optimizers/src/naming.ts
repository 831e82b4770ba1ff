/**
 * Keras's `to_snake_case` (keras/src/utils/naming.py), which `auto_name` applies
 * to the class name when an optimizer gets no `name`. It is why Keras 3 calls
 * an RMSprop optimizer `rm_sprop` and an AdamW one `adam_w`: we copy the quirk so
 * that optimizer variable paths (`rm_sprop/iteration`) match files Keras writes.
 * Keras also appends `_1`, `_2`... to repeated names within a session; we do
 * not, so that names stay deterministic.
 */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** `learning_rate` → `learningRate`, `beta_1` → `beta1`: Keras config keys to Strata option names. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** `learningRate` → `learning_rate`, `beta1` → `beta_1`. */
export function camelToSnake(key: string): string {
  return key.replace(/([A-Z])/g, '_$1').replace(/([a-z])([0-9])/g, '$1_$2').toLowerCase();
}

/** Converts a Keras config (snake_case, nulls for unset) to Strata options (camelCase, unset left out). */
export function configToOptions(config: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    // null is kept: it is a value for options whose default is not null (Muon's rms_rate).
    if (value === undefined) continue;
    options[snakeToCamel(key)] = value;
  }
  return options;
}
