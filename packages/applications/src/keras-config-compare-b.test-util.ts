/**
 * Test support: compares a Strata model's functional config with the one Keras wrote for the same architecture
 * (golden/<case>.json.gz, written by scripts/keras_configs_b.py), layer by layer.
 *
 * Normalizations, all harmless: numbers compare to 1e-12 relative (Python and JS print floats differently);
 * the `build_config` of the few layer classes in BUILD_CONFIG_GAPS is not compared (it only caches the inbound
 * tensor shape, which the inbound nodes carry too).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Model } from '@strata/models';

export interface KerasGolden {
  case: string;
  function: string;
  kwargs: Record<string, unknown>;
  count_params: number;
  config: {
    name: string;
    layers: Array<Record<string, unknown> & { name: string; class_name: string }>;
    input_layers: unknown;
    output_layers: unknown;
  };
}

const goldenFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');

export function readKerasGolden(caseName: string): KerasGolden {
  return JSON.parse(gunzipSync(readFileSync(join(goldenFolder, `${caseName}.json.gz`))).toString('utf8'));
}

/** Differences between two JSON values as `path: strata vs keras` lines (empty when equal). */
export function jsonDifferences(strata: unknown, keras: unknown, path = ''): string[] {
  if (typeof strata === 'number' && typeof keras === 'number') {
    const close = strata === keras || Math.abs(strata - keras) <= 1e-12 * Math.max(Math.abs(strata), Math.abs(keras));
    return close ? [] : [`${path}: ${strata} vs ${keras}`];
  }
  if (Array.isArray(strata) && Array.isArray(keras)) {
    if (strata.length !== keras.length) return [`${path}: ${JSON.stringify(strata)} vs ${JSON.stringify(keras)}`];
    return strata.flatMap((value, i) => jsonDifferences(value, keras[i], `${path}[${i}]`));
  }
  if (isObject(strata) && isObject(keras)) {
    const keys = [...new Set([...Object.keys(strata), ...Object.keys(keras)])].sort();
    return keys.flatMap((key) =>
      key in strata && key in keras
        ? jsonDifferences(strata[key], keras[key], `${path}.${key}`)
        : [`${path}.${key}: ${key in strata ? JSON.stringify(strata[key]) : '(absent)'} vs ${key in keras ? JSON.stringify(keras[key]) : '(absent)'}`],
    );
  }
  return strata === keras ? [] : [`${path}: ${JSON.stringify(strata)} vs ${JSON.stringify(keras)}`];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Layer classes whose `build_config` Strata writes differently from Keras 3.15 (a gap of @strata/layers, not of
 * the architectures): Keras's Rescaling records its build, Strata's does not; Keras's Reshape does not, Strata's does.
 */
const BUILD_CONFIG_GAPS = new Set(['Rescaling', 'Reshape']);

function withoutBuildConfig(layer: Record<string, unknown>): Record<string, unknown> {
  if (!BUILD_CONFIG_GAPS.has(layer.class_name as string)) return layer;
  const { build_config: _ignored, ...rest } = layer;
  return rest;
}

/** Every difference between the model's config and Keras's, layer by layer in order (empty when the same). */
export function configDifferences(model: Model, golden: KerasGolden): string[] {
  const ours = JSON.parse(JSON.stringify(model.getConfig())) as KerasGolden['config'];
  const theirs = golden.config;
  const differences: string[] = [];
  const ourNames = ours.layers.map((l) => l.name);
  const theirNames = theirs.layers.map((l) => l.name);
  differences.push(...jsonDifferences(ourNames, theirNames, 'layer names'));
  if (differences.length > 0) return differences;
  ours.layers.forEach((layer, i) => {
    differences.push(...jsonDifferences(withoutBuildConfig(layer), withoutBuildConfig(theirs.layers[i]), layer.name));
  });
  differences.push(...jsonDifferences(ours.input_layers, theirs.input_layers, 'input_layers'));
  differences.push(...jsonDifferences(ours.output_layers, theirs.output_layers, 'output_layers'));
  differences.push(...jsonDifferences(ours.name, theirs.name, 'name'));
  return differences;
}

export function countParams(model: Model): number {
  return model.weights.reduce((sum, w) => sum + w.shape.reduce((a: number, b: number) => a * b, 1), 0);
}
