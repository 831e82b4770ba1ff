import { type Loss, deserializeLoss } from '@strata/losses';
import type { Metric } from '@strata/metrics';
import type { Model } from '@strata/models';
import { type Optimizer, deserializeOptimizer, getOptimizer, markFloatFields, serializeOptimizer } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { PythonFloat } from '../json';
import { KerasFileError, type WeightArray } from '../types';
import type { KerasRegistry, LossOrMetricEntry } from './registry';
import { formatShape, sameShape, tensorOf } from './tensors';

type Json = Record<string, unknown>;

/** Keras 3's compile_config of a compiled model (trainers/trainer.py), optimizer first as Keras writes it. */
export function kerasCompileConfig(model: Model): Json | null {
  const compiled = model.compiled;
  if (!compiled) return null;
  const { optimizer: _optimizer, ...rest } = compiled.compileConfig;
  // Keras's default metrics=None is written as null; Strata records "no metrics" as [].
  const metrics = Array.isArray(rest.metrics) && rest.metrics.length === 0 ? null : rest.metrics;
  // The optimizer's float fields are marked so that a learning rate of 1 is written 1.0: Keras refuses the int.
  const optimizer = markFloatFields(serializeOptimizer(compiled.optimizer), (value) => new PythonFloat(value));
  return { optimizer, ...rest, metrics };
}

/** The legacy `.h5` training_config: the compile config in Keras 2's dialect, with `optimizer_config` last. */
export function legacyTrainingConfig(model: Model): Json | null {
  const config = kerasCompileConfig(model);
  if (!config) return null;
  const { optimizer, ...rest } = config;
  const { class_name, config: optimizerConfig } = optimizer as Json;
  return { ...stripModules(rest), optimizer_config: { class_name, config: optimizerConfig } };
}

/** Keras 2's legacy serialization has no `module` / `registered_name` on top-level objects such as losses. */
function stripModules(config: Json): Json {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const { module: _module, registered_name: registered, ...rest } = value as Json;
    if (!('class_name' in rest)) return Object.fromEntries(Object.entries(rest).map(([key, inner]) => [key, strip(inner)]));
    // A registered class is named 'package>Name' in Keras 2's dialect (a registered function keeps class_name 'function').
    return typeof registered === 'string' && registered !== 'function' ? { ...rest, class_name: registered } : rest;
  };
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, strip(value)]));
}

export interface SavedOptimizer {
  /** The optimizer's `vars` group name (`adam`), when the file has one. */
  name?: string;
  /** Its variables in `optimizer.variables()` order, or an empty list. */
  values: WeightArray[];
}

/**
 * Compiles `model` from a Keras 3 compile_config or a legacy training_config,
 * as Keras's compile_from_config. Anything Strata cannot resolve (an unknown
 * optimizer, loss or metric) leaves the model uncompiled with a warning, as
 * Keras does when compile() fails during loading. Returns whether it compiled.
 */
export function compileFromConfig(model: Model, config: Json, registry: KerasRegistry, saved: SavedOptimizer, warn: (message: string) => void): boolean {
  let optimizer: Optimizer | null = null;
  try {
    optimizer = resolveOptimizer(config, registry, saved, warn);
    const loss = mapNested(config.loss, (item) => resolveLoss(item, registry));
    const metrics = config.metrics == null ? undefined : mapNested(config.metrics, (item) => resolveMetric(item, registry));
    const lossWeights = (config.loss_weights ?? undefined) as number[] | Record<string, number> | undefined;
    model.compile({ optimizer, loss: loss as never, metrics: metrics as never, lossWeights });
  } catch (error) {
    optimizer?.dispose();
    warn(`The model was loaded uncompiled: compiling it from the file's compile config failed (${(error as Error).message}). Call model.compile() yourself.`);
    return false;
  }
  // Keep the file's own compile config (a loss given as a string stays a string), with the optimizer as now built.
  const compiled = model.compiled as NonNullable<Model['compiled']>;
  const { optimizer_config: _legacy, optimizer: _optimizer, ...rest } = config;
  compiled.compileConfig = { optimizer: serializeOptimizer(compiled.optimizer), ...rest };
  return true;
}

function resolveOptimizer(config: Json, registry: KerasRegistry, saved: SavedOptimizer, warn: (message: string) => void): Optimizer {
  const serialized = (config.optimizer ?? config.optimizer_config) as Json | string | undefined;
  const options = { customObjects: registry.optimizers };
  if (typeof serialized === 'string') return getOptimizer(serialized, options);
  if (serialized && typeof serialized === 'object') return deserializeOptimizer(serialized, options);
  // Keras 3 on torch leaves the optimizer out of compile_config for some optimizers (Adam, RMSprop); its
  // loader then falls back to rmsprop and drops the saved state. The `optimizer` group's name tells the class.
  if (saved.name) {
    const optimizer = getOptimizer(saved.name, options);
    const learningRate = saved.values[1];
    if (learningRate && learningRate.shape.length === 0) optimizer.learningRate = Number(learningRate.data[0]);
    warn(
      `The file's compile config names no optimizer; using ${optimizer.className} (from the saved optimizer's name '${saved.name}') with the saved learning rate and Keras's defaults for its other settings.`,
    );
    return optimizer;
  }
  warn("The file's compile config names no optimizer; using Keras's default, 'rmsprop'.");
  return getOptimizer('rmsprop', options);
}

/** Applies `resolve` to each leaf of a loss or metrics spec (one value, a list, nested lists or a dict by output). */
function mapNested(value: unknown, resolve: (item: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapNested(item, resolve));
  if (value !== null && typeof value === 'object' && !('class_name' in value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapNested(item, resolve)]));
  }
  return resolve(value);
}

function customName(item: unknown): string | null {
  if (typeof item === 'string') return item;
  if (item !== null && typeof item === 'object') {
    const { registered_name: registered, class_name: className, config } = item as Json;
    if (typeof registered === 'string') return registered;
    if (className === 'function' && typeof config === 'string') return config;
    if (typeof className === 'string') return className;
  }
  return null;
}

/** A registry entry as the object compile takes: a class is built from the file's config (its fromConfig, else its constructor). */
function instantiate(entry: LossOrMetricEntry, item: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || !('lossOrMetricClass' in entry)) return entry;
  const config = ((item as Json | null)?.config ?? {}) as Json;
  const cls = entry.lossOrMetricClass;
  return typeof cls.fromConfig === 'function' ? cls.fromConfig(config) : new cls(config);
}

/** The registry's entry for a loss or metric of the file: by registered name, then class name, then (a function) its name. */
function findCustom(item: unknown, registry: KerasRegistry): LossOrMetricEntry | undefined {
  const names = [customName(item)];
  // Keras writes a registered function as {class_name: 'function', config: 'package>name', registered_name: 'function'}.
  if (item !== null && typeof item === 'object' && (item as Json).class_name === 'function' && typeof (item as Json).config === 'string') names.unshift((item as Json).config as string);
  if (item !== null && typeof item === 'object' && typeof (item as Json).class_name === 'string') names.push((item as Json).class_name as string);
  for (const name of names) if (name !== null && Object.hasOwn(registry.functions, name)) return registry.functions[name];
  return undefined;
}

function resolveLoss(item: unknown, registry: KerasRegistry): unknown {
  const name = customName(item);
  const custom = findCustom(item, registry);
  if (custom !== undefined) return instantiate(custom, item);
  if (item === null) return null;
  try {
    return deserializeLoss(item) as Loss;
  } catch (error) {
    throw new KerasFileError(
      `unknown loss ${JSON.stringify(name ?? item)}: Strata has no such loss (${(error as Error).message}); pass it in customObjects: { ${JSON.stringify(name ?? 'name')}: yourLoss }`,
    );
  }
}

/** Metrics stay identifiers (model.compile resolves 'accuracy' against the label shapes); a serialized metric becomes its name. */
function resolveMetric(item: unknown, registry: KerasRegistry): unknown {
  const custom = findCustom(item, registry);
  if (custom !== undefined) return instantiate(custom, item) as Metric;
  if (typeof item === 'string') return item;
  const configName = ((item as Json | null)?.config as Json | undefined)?.name;
  if (typeof configName === 'string') return configName;
  throw new KerasFileError(`unknown metric ${JSON.stringify(item)}: pass it in customObjects`);
}

/**
 * Restores the optimizer's variables as Keras's optimizer.load_own_variables:
 * build it for the model's trainable variables (paths give the slot names),
 * then set every value in order. A file whose optimizer never stepped holds
 * only iteration and learning_rate; then only the learning rate is taken and
 * the optimizer stays unbuilt, as in the file. A count mismatch skips the
 * state with a warning, as Keras does.
 */
export function restoreOptimizerState(model: Model, saved: SavedOptimizer, warn: (message: string) => void): void {
  const optimizer = model.compiled?.optimizer;
  if (!optimizer || saved.values.length === 0) return;
  if (!optimizer.isBuilt && saved.values.length === optimizer.variables().length) {
    // A MultiOptimizer has no learning rate of its own; its optimizers' stay as their configs give them.
    if ('optimizers' in optimizer) return;
    // A LossScaleOptimizer's learning rate is its inner optimizer's, saved after the wrapper's own (unused) one.
    const inner = (optimizer as { innerOptimizer?: typeof optimizer }).innerOptimizer;
    const learningRate = inner ? saved.values[saved.values.length - inner.variables().length + 1] : saved.values[1];
    if (learningRate && (inner ?? optimizer).learningRateSchedule === null) optimizer.learningRate = Number(learningRate.data[0]);
    return;
  }
  const weights = model.trainableWeights;
  optimizer.build(
    weights.map((weight) => weight.value),
    weights.map((weight) => weight.path),
  );
  const variables = optimizer.variables();
  if (variables.length !== saved.values.length) {
    warn(
      `Skipping variable loading for optimizer '${optimizer.name}', because it has ${variables.length} variables whereas the saved optimizer has ${saved.values.length} variables.`,
    );
    return;
  }
  variables.forEach((variable, i) => {
    if (!sameShape(variable.tensor.shape, saved.values[i].shape)) {
      throw new KerasFileError(
        `Optimizer variable ${variable.path} has shape ${formatShape(variable.tensor.shape)}, but the saved value ${i} has shape ${formatShape(saved.values[i].shape)}.`,
      );
    }
  });
  const tensors: tf.Tensor[] = [];
  try {
    // Made one by one inside the try, so a bad value frees the tensors made before it.
    saved.values.forEach((array, i) => tensors.push(tensorOf(array, variables[i].tensor.dtype, `optimizer variable ${variables[i].path}`)));
    optimizer.setVariableValues(tensors);
  } finally {
    tf.dispose(tensors);
  }
}
