/**
 * Keras's `keras.saving.serialize_keras_object` and
 * `deserialize_keras_object` for Strata's objects: a layer or model, loss,
 * metric, optimizer, learning-rate schedule, initializer, regularizer or
 * constraint becomes Keras's `{ module, class_name, config, registered_name }`
 * (each through its namespace's `serialize`), and back by its module; numbers,
 * strings, booleans, null and arrays of them pass through, as Keras's
 * plain values do.
 */
import type { CustomObjects } from '@strata/io-h5';
import { Layer } from '@strata/layers';
import { Loss } from '@strata/losses';
import { Metric } from '@strata/metrics';
import { LearningRateSchedule, Optimizer } from '@strata/optimizers';
import * as constraints from './constraints.js';
import * as initializers from './initializers.js';
import * as layers from './layers.js';
import * as losses from './losses.js';
import * as metrics from './metrics.js';
import * as optimizers from './optimizers.js';
import * as regularizers from './regularizers.js';
import * as schedules from './schedules';

type Json = Record<string, unknown>;

function isPlain(value: unknown): boolean {
  return value === null || ['number', 'string', 'boolean'].includes(typeof value);
}

/** Keras's `serialize_keras_object`: the serialized form Keras writes for `object`. */
export function serializeKerasObject(object: unknown): unknown {
  if (isPlain(object)) return object;
  if (Array.isArray(object)) return object.map(serializeKerasObject);
  if (object instanceof Layer) return layers.serialize(object);
  if (object instanceof Loss) return losses.serialize(object);
  if (object instanceof Metric) return metrics.serialize(object);
  if (object instanceof Optimizer) return optimizers.serialize(object);
  if (object instanceof LearningRateSchedule) return schedules.serialize(object);
  if (object instanceof initializers.Initializer) return initializers.serialize(object);
  if (object instanceof regularizers.Regularizer) return regularizers.serialize(object);
  if (object instanceof constraints.Constraint) return constraints.serialize(object);
  const kind = object === undefined ? 'undefined' : typeof object === 'function' ? `the function ${(object as { name?: string }).name || '(anonymous)'}` : Object.prototype.toString.call(object);
  throw new TypeError(
    `serializeKerasObject cannot serialize ${kind}: expected a layer or model, loss, metric, optimizer, learning-rate schedule, initializer, regularizer, constraint, or a number, string, boolean, null or array of them.`,
  );
}

export interface DeserializeKerasObjectOptions {
  /** User classes by name, as `loadModel` takes them (for layers and models). */
  customObjects?: CustomObjects;
  /** Refuse Lambda layers with code (Keras's safe_mode). Default `true`. */
  safeMode?: boolean;
}

/** Keras's `deserialize_keras_object`: the object a serialized `{ module, class_name, config }` describes, found by its module. */
export function deserializeKerasObject(config: unknown, options: DeserializeKerasObjectOptions = {}): unknown {
  if (isPlain(config)) return config;
  if (Array.isArray(config)) return config.map((item) => deserializeKerasObject(item, options));
  const entry = config as Json;
  if (typeof entry !== 'object' || typeof entry.class_name !== 'string') {
    throw new TypeError(`deserializeKerasObject expects a serialized Keras object ({ module, class_name, config }) or a plain value; received ${JSON.stringify(config)}.`);
  }
  const module = typeof entry.module === 'string' ? entry.module : '';
  if (module === 'keras.losses') return losses.deserialize(entry as unknown as Parameters<typeof losses.deserialize>[0]);
  if (module === 'keras.metrics') return metrics.deserialize(entry);
  if (module === 'keras.optimizers.schedules') return schedules.deserialize(entry);
  if (module.startsWith('keras.optimizers') || module.startsWith('keras.src.backend.') || module.startsWith('keras.src.optimizers')) return optimizers.deserialize(entry);
  if (module === 'keras.initializers') return initializers.deserialize(entry as unknown as Parameters<typeof initializers.deserialize>[0]);
  if (module === 'keras.regularizers') return regularizers.deserialize(entry as unknown as Parameters<typeof regularizers.deserialize>[0]);
  if (module === 'keras.constraints') return constraints.deserialize(entry as unknown as Parameters<typeof constraints.deserialize>[0]);
  if (module === 'keras.layers' || module === 'keras' || module.startsWith('keras.src.models') || entry.registered_name) {
    return layers.deserialize(entry, { customObjects: options.customObjects, safeMode: options.safeMode });
  }
  throw new TypeError(
    `deserializeKerasObject cannot read ${entry.class_name} of module '${module}': expected a module of keras.layers, keras.losses, keras.metrics, keras.optimizers, keras.optimizers.schedules, keras.initializers, keras.regularizers or keras.constraints.`,
  );
}
