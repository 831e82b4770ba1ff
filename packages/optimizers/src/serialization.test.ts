import { useBackend } from '@strata/backend';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Adam } from './adam';
import { AdamW } from './adamw';
import { resetLegacyWarnings } from './legacy-options';
import { Optimizer } from './optimizer';
import { RMSprop } from './rmsprop';
import { InverseTimeDecay } from './schedules/inverse-time-decay';
import { PiecewiseConstantDecay } from './schedules/piecewise-constant-decay';
import { builtInOptimizers, deserializeOptimizer, getOptimizer, serializeOptimizer } from './serialization';
import { deserializeLearningRateSchedule } from './schedules';
import { SGD } from './sgd';

beforeAll(() => useBackend('cpu'));
beforeEach(() => resetLegacyWarnings());
afterEach(() => vi.restoreAllMocks());

const baseDefaults = {
  weight_decay: null,
  clipnorm: null,
  global_clipnorm: null,
  clipvalue: null,
  use_ema: false,
  ema_momentum: 0.99,
  ema_overwrite_frequency: null,
  loss_scale_factor: null,
  gradient_accumulation_steps: null,
};

describe('identifiers and serialization', () => {
  it('gets every optimizer by Keras name, any case, with Keras defaults and names', () => {
    const expected: Record<string, [string, string, number]> = {
      adam: ['Adam', 'adam', 0.001],
      sgd: ['SGD', 'sgd', 0.01],
      rmsprop: ['RMSprop', 'rm_sprop', 0.001],
      adamw: ['AdamW', 'adam_w', 0.001],
      adagrad: ['Adagrad', 'adagrad', 0.001],
      adadelta: ['Adadelta', 'adadelta', 0.001],
      adamax: ['Adamax', 'adamax', 0.001],
      nadam: ['Nadam', 'nadam', 0.001],
      lion: ['Lion', 'lion', 0.001],
    };
    for (const [identifier, [className, name, learningRate]] of Object.entries(expected)) {
      for (const spelling of [identifier, identifier.toUpperCase(), className]) {
        const optimizer = getOptimizer(spelling);
        expect([optimizer.className, optimizer.name, optimizer.learningRate]).toEqual([className, name, learningRate]);
        optimizer.dispose();
      }
    }
    const adam = new Adam();
    expect(getOptimizer(adam)).toBe(adam);
    adam.dispose();
    expect(() => getOptimizer('adamm')).toThrow(/Could not interpret optimizer identifier: 'adamm'/);
  });

  it('writes Keras 3 configs', () => {
    const adam = new Adam({ learningRate: 0.01 });
    expect(serializeOptimizer(adam)).toEqual({
      module: 'keras.optimizers',
      class_name: 'Adam',
      config: {
        name: 'adam',
        learning_rate: Math.fround(0.01),
        ...baseDefaults,
        beta_1: 0.9,
        beta_2: 0.999,
        epsilon: 1e-7,
        amsgrad: false,
      },
      registered_name: null,
    });
    const adamW = new AdamW();
    expect(adamW.getConfig()).toMatchObject({ name: 'adam_w', weight_decay: 0.004, amsgrad: false });
    adam.dispose();
    adamW.dispose();
  });

  it('round-trips every optimizer, a schedule included', () => {
    for (const [className, make] of Object.entries(builtInOptimizers)) {
      const options = { name: `my_${className}`, clipnorm: 2, learningRate: new PiecewiseConstantDecay([5], [0.1, 0.01]) };
      const optimizer = make(options);
      const serialized = JSON.parse(JSON.stringify(serializeOptimizer(optimizer)));
      const restored = deserializeOptimizer(serialized);
      expect(restored.className).toBe(className);
      expect(restored.getConfig()).toEqual(optimizer.getConfig());
      expect(restored.learningRateSchedule?.className).toBe('PiecewiseConstantDecay');
      optimizer.dispose();
      restored.dispose();
    }
  });

  it("reads tf.keras configs: 'Custom>Adam', jit_compile, is_legacy_optimizer, lr and decay", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const legacy = deserializeOptimizer({
      class_name: 'Custom>Adam',
      config: {
        name: 'Adam',
        weight_decay: null,
        clipnorm: null,
        global_clipnorm: null,
        clipvalue: null,
        use_ema: false,
        ema_momentum: 0.99,
        ema_overwrite_frequency: null,
        jit_compile: true,
        is_legacy_optimizer: false,
        learning_rate: 0.0010000000474974513,
        beta_1: 0.9,
        beta_2: 0.999,
        epsilon: 1e-7,
        amsgrad: false,
      },
    });
    expect(legacy).toBeInstanceOf(Adam);
    expect(legacy.name).toBe('Adam');
    const keras2 = deserializeOptimizer({ class_name: 'RMSprop', config: { name: 'RMSprop', lr: 0.01, decay: 0.0, rho: 0.9 } });
    expect(keras2.learningRate).toBe(0.01);
    expect(warn).toHaveBeenCalled();
    legacy.dispose();
    keras2.dispose();
  });

  it('accepts tutorial 002 legacy arguments with a one-time warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = new RMSprop({ lr: 0.001, rho: 0.9, epsilon: 1e-8, decay: 0 });
    const second = new RMSprop({ lr: 0.001, rho: 0.9, epsilon: 1e-8, decay: 0 });
    expect(first.learningRate).toBe(0.001);
    expect(first.getConfig()).toMatchObject({ learning_rate: Math.fround(0.001), rho: 0.9, epsilon: 1e-8 });
    expect(first).toBeInstanceOf(Optimizer);
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringMatching(/`lr` is deprecated/),
      expect.stringMatching(/`decay` is deprecated/),
    ]);
    // Nonzero decay: Keras 2's lr / (1 + decay * iterations), as an InverseTimeDecay schedule.
    const decayed = new SGD({ lr: 0.1, decay: 0.5 });
    expect(decayed.learningRateSchedule).toBeInstanceOf(InverseTimeDecay);
    expect(decayed.learningRateSchedule?.call(2)).toBeCloseTo(0.05, 12);
    expect(() => new SGD({ lr: 0.1, learningRate: 0.1 })).toThrow(/both `lr`/);
    for (const optimizer of [first, second, decayed]) optimizer.dispose();
  });

  it('requires a weight decay for AdamW', () => {
    expect(() => new AdamW({ weightDecay: null })).toThrow(/weightDecay/);
  });
});

describe('inherited property names are not optimizers or schedules', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`'${name}' is refused as an optimizer and as a learning rate schedule`, () => {
      expect(() => getOptimizer(name)).toThrow(`Could not interpret optimizer identifier: '${name}'`);
      expect(() => deserializeOptimizer({ class_name: name, config: {} })).toThrow();
      expect(() => deserializeLearningRateSchedule({ class_name: name, config: {} })).toThrow(`Unknown learning rate schedule: '${name}'`);
    });
  }
});
