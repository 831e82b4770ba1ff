import { describe, expect, it } from 'vitest';
import { builtInLayers } from './registry';

describe('builtInLayers', () => {
  it('maps Keras class names to layer classes that rebuild from a config', () => {
    const registry = builtInLayers();
    for (const name of ['Dense', 'Flatten', 'Conv2D', 'MaxPooling2D', 'BatchNormalization', 'Softmax', 'InputLayer', 'Add', 'ReLU']) {
      expect(registry[name]?.className, name).toBe(name);
    }
    const dense = registry.Dense.fromConfig({ name: 'head', units: 3, activation: 'relu' });
    expect(dense.name).toBe('head');
    expect(dense.getConfig().units).toBe(3);
  });
});

describe('builtInLayers lists every layer', () => {
  it('holds each exported layer class that has a Keras class name and fromConfig', async () => {
    const exported = await import('./index');
    const { Layer } = await import('./engine/layer');
    const expected = Object.values(exported)
      .filter((value) => typeof value === 'function' && value.prototype instanceof Layer)
      .filter((value) => Object.hasOwn(value, 'className') && typeof (value as { fromConfig?: unknown }).fromConfig === 'function')
      // A class whose Python name differs from its export (GroupQueryAttention's GroupedQueryAttention) is listed under both.
      .flatMap((value) => {
        const { className, kerasClassName } = value as unknown as { className: string; kerasClassName?: string };
        return kerasClassName && kerasClassName !== className ? [className, kerasClassName] : [className];
      })
      .sort();
    expect(expected.length).toBeGreaterThan(80);
    expect(Object.keys(builtInLayers()).sort()).toEqual(expected);
  });
});
