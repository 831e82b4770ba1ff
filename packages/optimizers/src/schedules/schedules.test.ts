import { describe, expect, it } from 'vitest';
import { CosineDecay } from './cosine-decay';
import { CosineDecayRestarts } from './cosine-decay-restarts';
import { ExponentialDecay } from './exponential-decay';
import { deserializeLearningRateSchedule, serializeLearningRateSchedule } from './index';
import { InverseTimeDecay } from './inverse-time-decay';
import type { LearningRateSchedule } from './learning-rate-schedule';
import { PiecewiseConstantDecay } from './piecewise-constant-decay';
import { PolynomialDecay } from './polynomial-decay';

function expectValues(schedule: LearningRateSchedule, expected: Array<[number, number]>): void {
  for (const [step, value] of expected) expect(schedule.call(step), `step ${step}`).toBeCloseTo(value, 12);
}

describe('learning-rate schedules (Keras formulas)', () => {
  it('ExponentialDecay, continuous and staircase', () => {
    expectValues(new ExponentialDecay(0.1, 10, 0.5), [[0, 0.1], [5, 0.1 * 0.5 ** 0.5], [20, 0.025]]);
    expectValues(new ExponentialDecay(0.1, 10, 0.5, { staircase: true }), [[9, 0.1], [10, 0.05], [25, 0.025]]);
  });

  it('InverseTimeDecay, continuous and staircase', () => {
    expectValues(new InverseTimeDecay(0.1, 2, 0.5), [[0, 0.1], [3, 0.1 / 1.75]]);
    expectValues(new InverseTimeDecay(0.1, 2, 0.5, { staircase: true }), [[3, 0.1 / 1.5], [4, 0.05]]);
  });

  it('PiecewiseConstantDecay: values[i] up to and including boundaries[i]', () => {
    expectValues(new PiecewiseConstantDecay([10, 20], [1, 0.5, 0.1]), [[0, 1], [10, 1], [11, 0.5], [20, 0.5], [21, 0.1]]);
    expect(() => new PiecewiseConstantDecay([10, 20], [1, 0.5])).toThrow(/1 less than the length of values/);
  });

  it('PolynomialDecay, clamped and cycling', () => {
    expectValues(new PolynomialDecay(0.1, 10, { endLearningRate: 0.01, power: 2 }), [
      [0, 0.1],
      [5, 0.09 * 0.25 + 0.01],
      [30, 0.01],
    ]);
    // cycle: decay_steps grows to 20 at step 15, so p = 0.75.
    expectValues(new PolynomialDecay(0.1, 10, { endLearningRate: 0.0, cycle: true }), [[0, 0.1], [15, 0.025], [20, 0]]);
  });

  it('CosineDecay with and without warmup', () => {
    expectValues(new CosineDecay(0.1, 10, { alpha: 0.1 }), [[0, 0.1], [5, 0.1 * (0.9 * 0.5 + 0.1)], [10, 0.01], [50, 0.01]]);
    const warm = new CosineDecay(0.0, 10, { warmupTarget: 0.2, warmupSteps: 4 });
    expectValues(warm, [[0, 0], [2, 0.1], [4, 0.2], [9, 0.1], [14, 0], [100, 0]]);
  });

  it('CosineDecayRestarts: restarts after 10, 10+20 steps with tMul 2', () => {
    const schedule = new CosineDecayRestarts(0.1, 10, { mMul: 0.5 });
    expectValues(schedule, [[0, 0.1], [5, 0.05], [10, 0.05], [20, 0.025], [30, 0.025]]);
    expectValues(new CosineDecayRestarts(0.1, 10, { tMul: 1 }), [[10, 0.1], [15, 0.05]]);
  });

  it('serializes with Keras 3 config keys and back', () => {
    const schedules: LearningRateSchedule[] = [
      new ExponentialDecay(0.1, 100, 0.96, { staircase: true }),
      new InverseTimeDecay(0.1, 1, 0.5),
      new PiecewiseConstantDecay([100, 110], [1, 0.5, 0.1]),
      new PolynomialDecay(0.1, 1000, { power: 0.5 }),
      new CosineDecay(0, 1000, { warmupTarget: 0.1, warmupSteps: 100 }),
      new CosineDecayRestarts(0.1, 1000),
    ];
    for (const schedule of schedules) {
      const serialized = serializeLearningRateSchedule(schedule);
      expect(serialized).toMatchObject({ module: 'keras.optimizers.schedules', class_name: schedule.className });
      const restored = deserializeLearningRateSchedule(JSON.parse(JSON.stringify(serialized)));
      expect(restored.getConfig()).toEqual(schedule.getConfig());
      expect(restored.call(123)).toBe(schedule.call(123));
    }
    expect(serializeLearningRateSchedule(schedules[0]).config).toEqual({
      initial_learning_rate: 0.1,
      decay_steps: 100,
      decay_rate: 0.96,
      staircase: true,
      name: 'ExponentialDecay',
    });
    expect(serializeLearningRateSchedule(schedules[4]).config).toEqual({
      initial_learning_rate: 0,
      decay_steps: 1000,
      alpha: 0,
      name: 'CosineDecay',
      warmup_target: 0.1,
      warmup_steps: 100,
    });
    expect(() => deserializeLearningRateSchedule({ class_name: 'Nope', config: {} })).toThrow(/Unknown learning rate schedule/);
    expect(() => new ExponentialDecay(0.1, 0, 0.5)).toThrow(/decay_steps/);
  });
});
