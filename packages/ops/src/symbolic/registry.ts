import { opSpecOf } from '../core/define-op';
import { KerasOperation } from './keras-operation';
import { functionName, paramName, signatureOf, signaturesOfClass } from './signatures';

/** Ops by `module.snake_name` (`numpy.sum`): what a loaded graph may run. A value passed in, never global. */
export type OpRegistry = Map<string, (...args: any[]) => unknown>;

/** A registry of the given ops (functions made by `defineOp`; anything else is skipped). */
export function opRegistry(...namespaces: Array<Record<string, unknown>>): OpRegistry {
  const registry: OpRegistry = new Map();
  for (const namespace of namespaces) {
    for (const value of Object.values(namespace)) {
      const spec = opSpecOf(value);
      if (spec) registry.set(signatureOf(spec.module, spec.name)?.key ?? `${spec.module}.${spec.name}`, value as (...args: any[]) => unknown);
    }
  }
  return registry;
}


type Json = Record<string, unknown>;

/**
 * True for a functional config entry that is one of Keras's ops rather than a layer: `.keras` configs name
 * the module (`keras.src.ops.numpy`); legacy `.h5` configs drop it, but an op's config, unlike any layer's,
 * has neither `trainable` nor `dtype`, and its class is one of Keras's op classes.
 */
export function isOpEntry(entry: Json): boolean {
  if (typeof entry.module === 'string') return entry.module.startsWith('keras.src.ops.');
  const config = entry.config as Json | undefined;
  if (typeof config !== 'object' || config === null || 'trainable' in config || 'dtype' in config) return false;
  return typeof entry.class_name === 'string' && signaturesOfClass(null, entry.class_name).length > 0;
}

/**
 * Rebuilds the operation of one op entry of a functional config (`{module: "keras.src.ops.numpy", class_name:
 * "Sum", config: {name, axis, keepdims}}`). Only ops of the registry can be rebuilt: a class that is not one of
 * Keras's ops, or one Strata lacks, is refused, and no code from the file runs.
 */
export function operationFromConfig(entry: Json, registry: OpRegistry): KerasOperation {
  const className = String(entry.class_name);
  const module = typeof entry.module === 'string' ? entry.module : '';
  const config = (entry.config ?? {}) as Json;
  const name = String(config.name ?? entry.name ?? '');
  const match = /^keras\.src\.ops\.(\w+)$/.exec(module);
  if (module !== '' && !match) throw new TypeError(`Operation "${name}" of class ${className} is not from keras.src.ops: received module "${module}".`);
  const candidates = signaturesOfClass(match ? match[1] : null, className);
  if (candidates.length === 0) {
    throw new TypeError(`Unknown op class "${className}" in module ${module} (operation "${name}"): Keras 3 has no such op.`);
  }
  const signature = candidates.find((s) => registry.has(s.key));
  if (!signature) {
    throw new TypeError(
      `Operation "${name}" is Keras's ${module}.${className} (ops.${functionName(candidates[0])}), which this Strata build does not have.`,
    );
  }
  const initNames = new Set((signature.init ?? []).map(paramName));
  const initConfig: Json = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'name') continue;
    if (!initNames.has(key)) {
      throw new TypeError(`Operation "${name}" (${className}) has an unknown config key "${key}"; expected ${[...initNames].join(', ') || 'none'}.`);
    }
    initConfig[key] = value;
  }
  const eager = registry.get(signature.key) as (...args: any[]) => unknown;
  const spec = { name: functionName(signature), module: signature.module } as NonNullable<ReturnType<typeof opSpecOf>>;
  return new KerasOperation(spec, signature, initConfig, eager, name || undefined);
}
