import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { isFloatConfigField, markFloatFields } from './float-fields';
import { LossScaleOptimizer } from './loss-scale-optimizer';
import { CosineDecay, CosineDecayRestarts, ExponentialDecay, InverseTimeDecay, PolynomialDecay } from './schedules';
import { getOptimizer, serializeOptimizer } from './serialization';
import { SGD } from './sgd';

/** golden/float-fields.json: the config fields Keras 3.15.1 writes as floats, per class (scripts/golden_float_fields.py). */
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'float-fields.json');
const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, string[]>;

beforeAll(async () => {
  await useBackend('cpu');
});

/** The number fields of a config that `isFloatConfigField` marks, sorted. */
const marked = (config: Record<string, unknown>) =>
  Object.keys(config)
    .filter((key) => typeof config[key] === 'number' && isFloatConfigField(key))
    .sort();

describe("the float fields of Keras's optimizer and schedule configs", () => {
  it('marks exactly the fields Keras 3.15.1 writes as floats, for every optimizer (step counts and ratios Keras keeps as ints stay unmarked)', () => {
    const names = ['SGD', 'RMSprop', 'Adam', 'AdamW', 'Adagrad', 'Adadelta', 'Adamax', 'Nadam', 'Lion', 'Ftrl', 'Lamb', 'Adafactor', 'Muon'];
    for (const name of names) {
      const optimizer = name === 'SGD' ? new SGD({ momentum: 0.5 }) : getOptimizer(name);
      expect({ name, fields: marked(optimizer.getConfig()) }).toEqual({ name, fields: golden[name] });
      optimizer.dispose();
    }
    const scaled = new LossScaleOptimizer(new SGD());
    const { inner_optimizer: _inner, ...outer } = scaled.getConfig();
    expect(marked(outer)).toEqual(golden.LossScaleOptimizer);
    scaled.dispose();
  });

  it('marks the float fields of every learning-rate schedule and none of their step counts', () => {
    const schedules = [
      new ExponentialDecay(0.1, 10, 0.5),
      new InverseTimeDecay(0.1, 10, 0.5),
      new PolynomialDecay(0.1, 10),
      new CosineDecay(0.1, 10, { warmupTarget: 0.2, warmupSteps: 2 }),
      new CosineDecayRestarts(0.1, 10),
    ];
    for (const schedule of schedules) {
      expect({ name: schedule.className, fields: marked(schedule.getConfig()) }).toEqual({ name: schedule.className, fields: golden[schedule.className] });
    }
  });

  it("wraps a serialized optimizer's float fields, its schedule's and a LossScaleOptimizer's inner optimizer's, and leaves the rest as they were", () => {
    const wrap = (value: number) => ({ float: value });
    const sgd = new SGD({ learningRate: new ExponentialDecay(1, 10, 0.5), momentum: 0 });
    const serialized = markFloatFields(serializeOptimizer(sgd), wrap);
    const config = serialized.config as Record<string, unknown>;
    expect(config.momentum).toEqual({ float: 0 });
    expect(config.nesterov).toBe(false);
    expect(config.name).toBe('sgd');
    const schedule = (config.learning_rate as Record<string, unknown>).config as Record<string, unknown>;
    expect([schedule.initial_learning_rate, schedule.decay_steps, schedule.decay_rate]).toEqual([{ float: 1 }, 10, { float: 0.5 }]);
    const scaled = new LossScaleOptimizer(new SGD({ learningRate: 1 }));
    const outer = markFloatFields(serializeOptimizer(scaled), wrap).config as Record<string, unknown>;
    expect(outer.initial_scale).toEqual({ float: 32768 });
    expect(outer.dynamic_growth_steps).toBe(2000);
    expect(((outer.inner_optimizer as Record<string, unknown>).config as Record<string, unknown>).learning_rate).toEqual({ float: 1 });
    // The optimizer's own config is untouched.
    expect(sgd.getConfig().momentum).toBe(0);
    sgd.dispose();
    scaled.dispose();
  });
});
