/**
 * Keras's `get_compile_config` / `compile_from_config` (trainers/trainer.py):
 * the arguments `compile` was given, as Keras writes them in a model's JSON and
 * in a `.keras` file, and back.
 */
import { type Loss, deserializeLoss } from '@strata/losses';
import { type Metric, deserializeMetric } from '@strata/metrics';
import { type Optimizer, deserializeOptimizer, serializeOptimizer } from '@strata/optimizers';
import type { CompileConfig } from './json-types';
import type { CompileArgs, CompiledState } from './training/compile';

type Json = Record<string, unknown>;

/** The compile config Keras writes: optimizer first; `{}` for a model that is not compiled. */
export function compileConfigOf(compiled: CompiledState | null): CompileConfig {
  if (!compiled) return {};
  const { optimizer: _optimizer, ...rest } = compiled.compileConfig;
  // Keras's default metrics=None is written as null; Strata records "no metrics" as [].
  const metrics = Array.isArray(rest.metrics) && rest.metrics.length === 0 ? null : rest.metrics;
  return { optimizer: serializeOptimizer(compiled.optimizer), ...rest, metrics } as CompileConfig;
}

function isJson(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Applies `resolve` to each leaf of a loss or metrics spec: one value, a list, or a dict by output name. */
function mapLeaves(value: unknown, resolve: (item: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapLeaves(item, resolve));
  if (isJson(value) && !('class_name' in value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapLeaves(item, resolve)]));
  return resolve(value);
}

/** A name stays a name, so that the compiled model owns (and disposes) the optimizer compile makes from it. */
function optimizerFrom(serialized: unknown): Optimizer | string {
  if (serialized === undefined || serialized === null) return 'rmsprop';
  if (typeof serialized === 'string') return serialized;
  if (isJson(serialized)) return deserializeOptimizer(serialized);
  throw new TypeError(`A compile config's optimizer should be a name or {class_name, config}; received ${JSON.stringify(serialized)}.`);
}

/**
 * The `compile` arguments of a Keras compile config. Losses and metrics by
 * name stay names (compile resolves them as Keras does); serialized ones are
 * rebuilt from Strata's built-in classes.
 */
export function compileArgsFromConfig(config: Json): CompileArgs {
  if (!isJson(config)) throw new TypeError(`A compile config should be a JSON object; received ${JSON.stringify(config)}.`);
  const loss = config.loss == null ? undefined : mapLeaves(config.loss, (item) => (typeof item === 'string' ? item : (deserializeLoss(item) as Loss)));
  const metrics = config.metrics == null ? undefined : mapLeaves(config.metrics, (item) => (typeof item === 'string' ? item : (deserializeMetric(item as Json) as Metric)));
  return {
    optimizer: optimizerFrom(config.optimizer),
    loss: loss as CompileArgs['loss'],
    metrics: metrics as CompileArgs['metrics'],
    lossWeights: (config.loss_weights ?? undefined) as CompileArgs['lossWeights'],
  };
}
