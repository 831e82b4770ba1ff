import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInLayers } from './registry';

/** golden/layer-configs.json: `get_config()` of built Keras 3.15.1 layers (scripts/golden_layer_configs.py). */
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'layer-configs.json');
const cases = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Array<{ class_name: string; config: Record<string, unknown> }>;

beforeAll(async () => {
  await useBackend('cpu');
});

describe('the configs Strata writes are the ones Keras 3.15.1 writes (the keys of the typed configs)', () => {
  it.each(cases.map((c, i) => [`${c.class_name} #${i}`, c] as const))('%s', (_label, { class_name, config }) => {
    const layer = builtInLayers()[class_name].fromConfig(JSON.parse(JSON.stringify(config)));
    expect(JSON.parse(JSON.stringify(layer.getConfig()))).toEqual(config);
    layer.dispose();
  });
});
