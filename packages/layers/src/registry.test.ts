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
