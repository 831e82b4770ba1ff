/**
 * Test support: reads a Keras-written golden config (golden/<case>.json.gz, written by scripts/keras_configs.py
 * or scripts/keras_configs_b.py) and compares it with Strata's functional config, layer by layer.
 *
 * Normalizations, all harmless: numbers compare to 1e-7 relative (float32 values such as epsilon 1.001e-5 print
 * differently in Python and JavaScript); Keras's `dtype` policy object compares by its policy name; the
 * `build_config` of the few layer classes in BUILD_CONFIG_GAPS is not compared (it only caches the inbound
 * tensor shape, which the inbound nodes carry too).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { clearSession } from '@strata/layers';
import type { Model } from '@strata/models';
import { expect } from 'vitest';

const goldenFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden');

export interface LayerEntry {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  [key: string]: unknown;
}

export interface FunctionalConfig {
  name: string;
  layers: LayerEntry[];
  input_layers: unknown;
  output_layers: unknown;
  [key: string]: unknown;
}

export interface KerasGolden {
  /** The constructor's keyword arguments (`args` in keras_configs.py's files, `kwargs` in keras_configs_b.py's). */
  args: Record<string, unknown>;
  count_params: number;
  config: FunctionalConfig;
}

export function readKerasGolden(caseName: string): KerasGolden {
  const file = JSON.parse(gunzipSync(readFileSync(join(goldenFolder, `${caseName}.json.gz`))).toString('utf8'));
  return { args: file.args ?? file.kwargs ?? {}, count_params: file.count_params, config: file.config };
}

/** Keras's snake_case arguments of a golden case as Strata's camelCase options (input_shape -> inputShape). */
export function optionsOf(golden: KerasGolden): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(golden.args).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isPolicy = (value: Record<string, unknown>) => value.class_name === 'DTypePolicy' && isObject(value.config);
const policyName = (value: unknown) => (isObject(value) && isPolicy(value) ? (value.config as { name: unknown }).name : value);

/** Differences between two JSON values as `path: strata vs keras` lines (empty when equal). */
export function jsonDifferences(strata: unknown, keras: unknown, path = ''): string[] {
  const [ours, theirs] = [policyName(strata), policyName(keras)];
  if (typeof ours === 'number' && typeof theirs === 'number') {
    const close = ours === theirs || Math.abs(ours - theirs) <= 1e-7 * Math.max(Math.abs(ours), Math.abs(theirs));
    return close ? [] : [`${path}: ${ours} vs ${theirs}`];
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    if (ours.length !== theirs.length) return [`${path}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`];
    return ours.flatMap((value, i) => jsonDifferences(value, theirs[i], `${path}[${i}]`));
  }
  if (isObject(ours) && isObject(theirs)) {
    const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].sort();
    return keys.flatMap((key) =>
      key in ours && key in theirs
        ? jsonDifferences(ours[key], theirs[key], `${path}.${key}`)
        : [`${path}.${key}: ${key in ours ? JSON.stringify(ours[key]) : '(absent)'} vs ${key in theirs ? JSON.stringify(theirs[key]) : '(absent)'}`],
    );
  }
  return ours === theirs ? [] : [`${path}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`];
}

/**
 * Layer classes whose `build_config` Strata writes differently from Keras 3.15 (a gap of @strata/layers, not of
 * the architectures): Keras's Rescaling records its build, Strata's does not; Keras's Reshape does not, Strata's does.
 */
const BUILD_CONFIG_GAPS = new Set(['Rescaling', 'Reshape']);

function withoutBuildConfig(layer: LayerEntry): Record<string, unknown> {
  if (!BUILD_CONFIG_GAPS.has(layer.class_name)) return layer;
  const { build_config: _ignored, ...rest } = layer;
  return rest;
}

/** Every difference between the model's config and Keras's, layer by layer in order (empty when the same). */
export function configDifferences(model: Model, golden: KerasGolden): string[] {
  const ours = JSON.parse(JSON.stringify(model.getConfig())) as FunctionalConfig;
  const theirs = golden.config;
  const names = jsonDifferences(
    ours.layers.map((l) => l.name),
    theirs.layers.map((l) => l.name),
    'layer names',
  );
  if (names.length > 0) return names;
  return [
    ...ours.layers.flatMap((layer, i) => jsonDifferences(withoutBuildConfig(layer), withoutBuildConfig(theirs.layers[i]), layer.name)),
    ...jsonDifferences(ours.input_layers, theirs.input_layers, 'input_layers'),
    ...jsonDifferences(ours.output_layers, theirs.output_layers, 'output_layers'),
    ...jsonDifferences(ours.name, theirs.name, 'name'),
  ];
}

/**
 * Builds a model with `build` and expects Keras's config of `caseName`, layer by layer (differences that match one
 * of `ignored` aside), and Keras's parameter count; disposes the model.
 */
export function expectBuildsLikeKeras(caseName: string, build: () => Model, ignored: RegExp[] = []): void {
  const golden = readKerasGolden(caseName);
  const model = build();
  try {
    const differences = configDifferences(model, golden).filter((difference) => !ignored.some((gap) => gap.test(difference)));
    expect(differences, caseName).toEqual([]);
    expect(model.countParams(), `${caseName}: parameter count`).toBe(golden.count_params);
  } finally {
    model.dispose();
  }
}

/**
 * Builds the architecture of a golden case with the case's arguments (after resetting the automatic layer
 * names, as the script does with clear_session) and expects Keras's config and parameter count.
 */
export function expectKerasConfig(caseName: string, build: (options: Record<string, unknown>) => Model): void {
  const options = optionsOf(readKerasGolden(caseName));
  clearSession();
  expectBuildsLikeKeras(caseName, () => build(options));
}
