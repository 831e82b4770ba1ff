import { useBackend } from '@strata/backend';
import { expectAllClose, goldenDir, hasGolden, readGoldenJson } from '@strata/testing';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KerasSerialized } from '../serialization';
import { Constant, IdentityInitializer, Ones, Zeros } from './constant';
import { Orthogonal, RandomNormal, RandomUniform, TruncatedNormal } from './random';
import { getInitializer, serializeInitializer } from './registry';
import { GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform, VarianceScaling } from './variance-scaling';

beforeAll(() => useBackend('cpu'));

/** Every serialized initializer in the golden model configs, written by Keras 3.15.1. */
function goldenInitializers(): KerasSerialized[] {
  const found = new Map<string, KerasSerialized>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.module === 'keras.initializers') found.set(JSON.stringify(record), record as unknown as KerasSerialized);
      Object.values(record).forEach(walk);
    }
  };
  for (const entry of readdirSync(goldenDir(), { withFileTypes: true })) {
    if (entry.isDirectory()) {
      try {
        walk(readGoldenJson(entry.name, 'meta.json').model_config);
      } catch {
        // Folders without a meta.json (such as train/) hold no model config.
      }
    }
  }
  return [...found.values()];
}

describe('getInitializer', () => {
  it.each([
    ['glorot_uniform', GlorotUniform],
    ['GlorotUniform', GlorotUniform],
    ['glorotUniform', GlorotUniform],
    ['glorot_normal', GlorotNormal],
    ['he_normal', HeNormal],
    ['heUniform', HeUniform],
    ['lecun_normal', LecunNormal],
    ['LecunUniform', LecunUniform],
    ['zeros', Zeros],
    ['zero', Zeros],
    ['ones', Ones],
    ['constant', Constant],
    ['random_normal', RandomNormal],
    ['normal', RandomNormal],
    ['random_uniform', RandomUniform],
    ['uniform', RandomUniform],
    ['truncated_normal', TruncatedNormal],
    ['orthogonal', Orthogonal],
    ['OrthogonalInitializer', Orthogonal],
    ['identity', IdentityInitializer],
    ['variance_scaling', VarianceScaling],
  ] as const)('resolves %s', (name, type) => {
    expect(getInitializer(name)).toBeInstanceOf(type);
  });

  it('gives a new instance, with its own seed, for each name lookup', () => {
    const first = getInitializer('glorot_uniform') as GlorotUniform;
    const second = getInitializer('glorot_uniform') as GlorotUniform;
    expect(first).not.toBe(second);
    expect(first.seed).not.toBe(second.seed);
  });

  it('returns an initializer as is', () => {
    const initializer = new HeNormal({ seed: 3 });
    expect(getInitializer(initializer)).toBe(initializer);
  });

  it('reads legacy {class_name, config} dicts, ignoring Keras 2 extras', () => {
    const legacy = getInitializer({
      class_name: 'VarianceScaling',
      config: { scale: 2, mode: 'fan_out', distribution: 'normal', seed: 5, dtype: 'float32' },
    } as unknown as KerasSerialized) as VarianceScaling;
    expect(legacy).toBeInstanceOf(VarianceScaling);
    expect([legacy.scale, legacy.mode, legacy.distribution, legacy.seed]).toEqual([2, 'fan_out', 'truncated_normal', 5]);
  });

  it('rejects unknown names and classes, listing the known ones', () => {
    expect(() => getInitializer('glorot')).toThrow(/Could not interpret initializer identifier: 'glorot'. Known initializers: Zeros/);
    expect(() => getInitializer({ module: null, class_name: 'Fancy', config: {}, registered_name: null })).toThrow(
      /unknown class_name 'Fancy'/,
    );
    expect(() => getInitializer(null)).toThrow(/received null/);
  });
});

describe('serializeInitializer', () => {
  it.runIf(hasGolden())('writes exactly what Keras 3.15 wrote in the golden models, key order included', () => {
    const golden = goldenInitializers();
    expect(golden.map((g) => g.class_name).sort()).toEqual(expect.arrayContaining(['GlorotUniform', 'Zeros']));
    for (const expected of golden) {
      expect(JSON.stringify(serializeInitializer(getInitializer(expected)))).toBe(JSON.stringify(expected));
    }
  });

  it('writes Keras config keys for every initializer', () => {
    const configs = [
      new Constant(3),
      new IdentityInitializer({ gain: 2 }),
      new RandomNormal({ mean: 1, stddev: 2, seed: 4 }),
      new TruncatedNormal({ seed: 5 }),
      new RandomUniform({ minval: -1, maxval: 1 }),
      new Orthogonal({ gain: 0.5, seed: 6 }),
      new VarianceScaling({ scale: 2, mode: 'fan_avg', distribution: 'uniform', seed: 7 }),
      new HeNormal({ seed: 8 }),
    ].map((initializer) => serializeInitializer(initializer));
    expect(configs.map((c) => [c.class_name, c.config])).toEqual([
      ['Constant', { value: 3 }],
      ['Identity', { gain: 2 }],
      ['RandomNormal', { seed: 4, mean: 1, stddev: 2 }],
      ['TruncatedNormal', { seed: 5, mean: 0, stddev: 0.05 }],
      ['RandomUniform', { seed: null, minval: -1, maxval: 1 }],
      ['Orthogonal', { seed: 6, gain: 0.5 }],
      [
        'VarianceScaling',
        { seed: 7, scale: 2, mode: 'fan_avg', distribution: 'uniform', input_axes: null, output_axes: null },
      ],
      ['HeNormal', { seed: 8, input_axes: null, output_axes: null }],
    ]);
    expect(configs.every((c) => c.module === 'keras.initializers' && c.registered_name === null)).toBe(true);
  });

  it('round-trips a seeded initializer to the same values', () => {
    const original = new VarianceScaling({ scale: 0.3, mode: 'fan_out', distribution: 'untruncated_normal', seed: 11 });
    const restored = getInitializer(serializeInitializer(original));
    expect(serializeInitializer(restored)).toEqual(serializeInitializer(original));
    expectAllClose(restored.call([5, 7]), original.call([5, 7]), { rtol: 0, atol: 0 });
  });
});
