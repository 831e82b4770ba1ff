/**
 * Test support: reads a Keras-written golden config (golden/<case>.json.gz, written by
 * scripts/keras_configs.py) and compares it with Strata's functional config, layer by layer.
 *
 * Normalization (harmless differences only): numbers are compared to 7 significant digits (float32 values
 * such as epsilon 1.001e-5 print differently in Python and JavaScript), tuples and lists are both arrays,
 * and Keras's `dtype` policy object is compared by its policy name.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { clearSession } from '@strata/layers';
import type { Model } from '@strata/models';
import { expect } from 'vitest';

const goldenFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden');

export interface KerasGolden {
  keras_version: string;
  constructor: string;
  args: Record<string, unknown>;
  count_params: number;
  config: FunctionalConfig;
}

export interface LayerEntry {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[];
  [key: string]: unknown;
}

export interface FunctionalConfig {
  name: string;
  layers: LayerEntry[];
  input_layers: unknown;
  output_layers: unknown;
  [key: string]: unknown;
}

export function readKerasGolden(caseName: string): KerasGolden {
  return JSON.parse(gunzipSync(readFileSync(join(goldenFolder, `${caseName}.json.gz`))).toString('utf-8'));
}

/** Keras's snake_case arguments of a golden case as Strata's camelCase options (input_shape -> inputShape). */
export function optionsOf(golden: KerasGolden): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(golden.args).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]),
  );
}

function normalize(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(7));
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.class_name === 'DTypePolicy' && record.config) return (record.config as { name: string }).name;
    return Object.fromEntries(Object.keys(record).sort().map((k) => [k, normalize(record[k])]));
  }
  return value;
}

/** One layer as compared: class, module, registered name, name, config, build config and inbound nodes, normalized. */
export function comparableLayer(entry: LayerEntry): Record<string, unknown> {
  return normalize({
    class_name: entry.class_name,
    name: entry.name,
    config: entry.config,
    inbound_nodes: entry.inbound_nodes,
    module: entry.module,
    registered_name: entry.registered_name,
    build_config: entry.build_config,
  }) as Record<string, unknown>;
}

/** The model-level part of a functional config (name, inputs, outputs), normalized. */
export function comparableModel(config: FunctionalConfig): Record<string, unknown> {
  return normalize({
    name: config.name,
    input_layers: config.input_layers,
    output_layers: config.output_layers,
    layer_names: config.layers.map((l) => l.name),
  }) as Record<string, unknown>;
}

/**
 * Builds the architecture of a golden case with the case's arguments (after resetting the automatic layer
 * names, as the script does with clear_session) and expects Keras's config, layer by layer, and Keras's
 * parameter count.
 */
export function expectKerasConfig(caseName: string, build: (options: Record<string, unknown>) => Model): void {
  const golden = readKerasGolden(caseName);
  clearSession();
  const model = build(optionsOf(golden));
  try {
    const config = model.getConfig() as unknown as FunctionalConfig;
    expect(comparableModel(config), `${caseName}: model`).toEqual(comparableModel(golden.config));
    config.layers.forEach((layer, i) => {
      const message = `${caseName}: layer ${i} (${layer.name})`;
      expect(comparableLayer(layer), message).toEqual(comparableLayer(golden.config.layers[i]));
    });
    expect(model.countParams(), `${caseName}: parameter count`).toBe(golden.count_params);
  } finally {
    model.dispose();
  }
}
