import { Adadelta } from './adadelta';
import { Adafactor } from './adafactor';
import { Adagrad } from './adagrad';
import { Adam } from './adam';
import { Adamax } from './adamax';
import { AdamW } from './adamw';
import { Ftrl } from './ftrl';
import { Lamb } from './lamb';
import { Lion } from './lion';
import { LossScaleOptimizer } from './loss-scale-optimizer';
import { MultiOptimizer } from './multi-optimizer';
import { Muon } from './muon';
import { Nadam } from './nadam';
import { Optimizer } from './optimizer';
import { OptimizerMap } from './optimizer-map';
import { configToOptions } from './naming';
import { RMSprop } from './rmsprop';
import { type ScheduleFromConfig, deserializeLearningRateSchedule } from './schedules';
import { ScheduleFreeAdamW } from './schedule-free-adamw';
import { SGD } from './sgd';

/** Builds an optimizer from camelCase options. */
export type OptimizerFactory = (options: Record<string, unknown>) => Optimizer;

/** Keras's built-in optimizers by class name. */
export const builtInOptimizers: Readonly<Record<string, OptimizerFactory>> = {
  SGD: (options) => new SGD(options),
  RMSprop: (options) => new RMSprop(options),
  Adam: (options) => new Adam(options),
  AdamW: (options) => new AdamW(options),
  Adagrad: (options) => new Adagrad(options),
  Adadelta: (options) => new Adadelta(options),
  Adamax: (options) => new Adamax(options),
  Nadam: (options) => new Nadam(options),
  Lion: (options) => new Lion(options),
  Ftrl: (options) => new Ftrl(options),
  Lamb: (options) => new Lamb(options),
  Adafactor: (options) => new Adafactor(options),
  Muon: (options) => new Muon(options),
  ScheduleFreeAdamW: (options) => new ScheduleFreeAdamW(options),
};

export interface OptimizerRegistryOptions {
  /** User optimizers by class name (a registry passed in, never a global). */
  customObjects?: Record<string, OptimizerFactory>;
  /** User learning-rate schedules by class name. */
  customSchedules?: Record<string, ScheduleFromConfig>;
}

/** Keys that tf.keras wrote and Keras 3 no longer has; dropped on deserialize. */
const legacyConfigKeys = ['jit_compile', 'is_legacy_optimizer'];

function findFactory(className: string, customObjects: Record<string, OptimizerFactory>): OptimizerFactory | undefined {
  // Own properties only: 'constructor' or '__proto__' is not an optimizer.
  if (Object.hasOwn(customObjects, className)) return customObjects[className];
  // tf.keras 2.11+ registers its optimizers as 'Custom>Adam'; Keras 3 may prefix a module.
  const shortName = className.replace(/^.*[>.]/, '');
  if (Object.hasOwn(customObjects, shortName)) return customObjects[shortName];
  const key = Object.keys(builtInOptimizers).find((name) => name.toLowerCase() === shortName.toLowerCase().replace(/_/g, ''));
  return key ? builtInOptimizers[key] : undefined;
}

function unknownOptimizerError(identifier: string): Error {
  return new Error(
    `Could not interpret optimizer identifier: '${identifier}'. Expected one of ${Object.keys(builtInOptimizers).join(', ')} (any case), an Optimizer, or a serialized Keras optimizer.`,
  );
}

export { serializeOptimizer } from './serialize';

/**
 * Reads Keras 3's serialized optimizers and tf.keras's (`{ class_name, config }`,
 * 'Custom>Adam', `lr`, `decay`, `jit_compile`...). A learning rate given as a
 * serialized schedule becomes that schedule.
 */
export function deserializeOptimizer(serialized: Record<string, unknown>, registry: OptimizerRegistryOptions = {}): Optimizer {
  const className = String(serialized.class_name ?? '');
  if (className.replace(/^.*[>.]/, '') === 'LossScaleOptimizer' && !Object.hasOwn(registry.customObjects ?? {}, className)) {
    return lossScaleOptimizerFromConfig((serialized.config ?? {}) as Record<string, unknown>, registry);
  }
  if (className.replace(/^.*[>.]/, '') === 'MultiOptimizer' && !Object.hasOwn(registry.customObjects ?? {}, className)) {
    return multiOptimizerFromConfig((serialized.config ?? {}) as Record<string, unknown>, registry);
  }
  const factory = findFactory(className, registry.customObjects ?? {});
  if (!factory) throw unknownOptimizerError(className);
  const config = { ...((serialized.config ?? {}) as Record<string, unknown>) };
  for (const key of legacyConfigKeys) delete config[key];
  const learningRate = config.learning_rate;
  if (learningRate !== null && typeof learningRate === 'object') {
    config.learning_rate = deserializeLearningRateSchedule(learningRate as Record<string, unknown>, registry.customSchedules);
  }
  return factory(configToOptions(config));
}

/** A LossScaleOptimizer from Keras's config: its inner optimizer is itself serialized, and read with the same registry. */
function lossScaleOptimizerFromConfig(config: Record<string, unknown>, registry: OptimizerRegistryOptions): LossScaleOptimizer {
  const { inner_optimizer: inner, ...rest } = config;
  if (inner === null || typeof inner !== 'object' || !('class_name' in inner)) {
    throw new Error(`LossScaleOptimizer's config needs a serialized inner optimizer under 'inner_optimizer', received ${JSON.stringify(inner)}.`);
  }
  return new LossScaleOptimizer(deserializeOptimizer(inner as Record<string, unknown>, registry), configToOptions(rest));
}

/** A MultiOptimizer from Keras's config: its `optimizer_map` is a serialized OptimizerMap of serialized optimizers. */
function multiOptimizerFromConfig(config: Record<string, unknown>, registry: OptimizerRegistryOptions): MultiOptimizer {
  const { optimizer_map: serializedMap, ...rest } = config;
  return new MultiOptimizer(deserializeOptimizerMap(serializedMap, registry), configToOptions(rest));
}

/** Keras's `OptimizerMap.from_config`, from the serialized form `{ class_name: 'OptimizerMap', config }`. */
export function deserializeOptimizerMap(serialized: unknown, registry: OptimizerRegistryOptions = {}): OptimizerMap {
  const entry = (serialized ?? {}) as { class_name?: unknown; config?: { default_optimizer?: unknown; optimizer_map?: unknown } };
  if (entry.class_name === 'function') {
    throw new Error(
      `A MultiOptimizer that chooses optimizers with a function ('${String(entry.config)}') cannot be rebuilt from its config; pass it to compile() again, or use an OptimizerMap.`,
    );
  }
  const config = entry.config;
  if (entry.class_name !== 'OptimizerMap' || !config || typeof config.default_optimizer !== 'object' || config.default_optimizer === null) {
    throw new Error(`A MultiOptimizer's config needs a serialized OptimizerMap under 'optimizer_map', received ${JSON.stringify(serialized)}.`);
  }
  const entries = (config.optimizer_map ?? {}) as Record<string, Record<string, unknown>>;
  const optimizers = Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, deserializeOptimizer(value, registry)]));
  return new OptimizerMap(deserializeOptimizer(config.default_optimizer as Record<string, unknown>, registry), optimizers);
}

/**
 * Keras's `optimizers.get`: a name ('adam', 'SGD', 'rmsprop'... any case, Keras's
 * snake_case too), an optimizer (returned as is), or a serialized optimizer.
 */
export function getOptimizer(
  identifier: string | Optimizer | Record<string, unknown>,
  registry: OptimizerRegistryOptions = {},
): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  if (typeof identifier === 'string') {
    const factory = findFactory(identifier, registry.customObjects ?? {});
    if (!factory) throw unknownOptimizerError(identifier);
    return factory({});
  }
  if (identifier !== null && typeof identifier === 'object' && 'class_name' in identifier) {
    return deserializeOptimizer(identifier, registry);
  }
  throw unknownOptimizerError(String(identifier));
}
