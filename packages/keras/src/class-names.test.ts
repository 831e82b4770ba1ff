import { beforeAll, describe, expect, it } from 'vitest';
import { Layer, Loss, layers, losses, Metric, metrics, Optimizer, optimizers, useBackend } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

type Named = { readonly className: string; readonly name: string };

/** The exported classes of a namespace that extend `base` (aliases counted once). */
function classesOf(namespace: Record<string, unknown>, base: abstract new (...args: never[]) => unknown): Named[] {
  const found = new Set<Named>();
  for (const value of Object.values(namespace)) {
    if (typeof value === 'function' && value.prototype instanceof base) found.add(value as unknown as Named);
  }
  return [...found];
}

describe('one class-name convention for layers, losses, metrics, optimizers and schedules', () => {
  const families: Array<[string, Named[]]> = [
    ['layers', classesOf(layers, Layer)],
    ['losses', classesOf(losses, Loss)],
    ['metrics', classesOf(metrics, Metric)],
    ['optimizers', classesOf(optimizers, Optimizer)],
    ['schedules', classesOf(optimizers.schedules, optimizers.schedules.LearningRateSchedule)],
  ];

  it.each(families)('every exported %s class sets its own `static className`', (_family, classes) => {
    expect(classes.length).toBeGreaterThan(5);
    const inherited = classes.filter((cls) => !Object.hasOwn(cls, 'className')).map((cls) => cls.name);
    expect(inherited).toEqual([]);
  });

  it('an instance reports its class’s static name, and a user subclass names itself the same way', () => {
    expect(new losses.MeanSquaredError().className).toBe('MeanSquaredError');
    expect(new metrics.AUC().className).toBe('AUC');
    const adamW = new optimizers.AdamW();
    expect(adamW.className).toBe('AdamW');
    expect(new optimizers.schedules.ExponentialDecay(0.1, 10, 0.5).className).toBe('ExponentialDecay');

    class ScaledError extends losses.MeanSquaredError {
      static override className = 'ScaledError';
    }
    class Momentum extends optimizers.SGD {
      static override className = 'Momentum';
    }
    const momentum = new Momentum();
    expect([new ScaledError().className, momentum.className, momentum.name]).toEqual(['ScaledError', 'Momentum', 'momentum']);
    adamW.dispose();
    momentum.dispose();
  });
});
