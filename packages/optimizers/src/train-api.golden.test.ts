// ScheduleFreeAdamW and the base optimizer's moving average of the weights (useEma) against real Keras 3.15.1
// (golden/train-api.json, written by scripts/golden_train_api.py on the problem of test-support/harness.ts):
// the weights after each of 5 steps, the optimizer's variables in Keras's order, and the weights after
// finalizeVariableValues (float32 both sides: rtol 1e-5, atol 1e-6).
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScheduleFreeAdamW } from './schedule-free-adamw';
import { deserializeOptimizer, serializeOptimizer } from './serialization';
import { makeVariables, tensorStep } from './test-support/harness';

interface GoldenRun {
  class_name: string;
  config?: Record<string, unknown>;
  steps: number[][][];
  optimizer_variables: Array<{ path: string; shape: number[]; data: number[] }>;
  finalized: number[][];
}

const cases = (JSON.parse(readFileSync(new URL('../golden/train-api.json', import.meta.url), 'utf8')) as { cases: GoldenRun[] }).cases;
const singleCases = cases.filter((c) => c.class_name !== 'MultiOptimizer');
const tolerance = { rtol: 1e-5, atol: 1e-6 };

beforeAll(() => useBackend('cpu'));

describe('ScheduleFreeAdamW and useEma: the steps real Keras took', () => {
  it.each(singleCases.map((c) => [`${c.class_name} ${JSON.stringify(c.config)}`, c] as const))('%s', (_label, goldenCase) => {
    const variables = makeVariables();
    const before = tf.memory().numTensors;
    const optimizer = deserializeOptimizer({ module: 'keras.optimizers', class_name: goldenCase.class_name, config: goldenCase.config });
    expect(serializeOptimizer(optimizer).config).toEqual(goldenCase.config);
    optimizer.build(variables, ['w0', 'w1']);
    goldenCase.steps.forEach((expected, step) => {
      tensorStep(optimizer, variables, step + 1);
      variables.forEach((variable, k) => expectAllClose(variable, expected[k], tolerance));
    });
    const saved = optimizer.variables();
    expect(saved.map((v) => v.path)).toEqual(goldenCase.optimizer_variables.map((v) => v.path));
    saved.forEach((v, i) => expectAllClose(v.tensor, goldenCase.optimizer_variables[i].data, tolerance));
    optimizer.finalizeVariableValues();
    variables.forEach((variable, k) => expectAllClose(variable, goldenCase.finalized[k], tolerance));
    optimizer.dispose();
    expect(tf.memory().numTensors, 'tensors left by the optimizer').toBe(before);
    tf.dispose(variables);
  });

  it('takes Keras defaults and refuses a negative warmup', () => {
    const optimizer = new ScheduleFreeAdamW();
    expect(optimizer.learningRate).toBeCloseTo(0.0025, 9);
    expect(optimizer.name).toBe('schedule_free_adam_w');
    expect([optimizer.beta1, optimizer.beta2, optimizer.epsilon, optimizer.warmupSteps]).toEqual([0.9, 0.999, 1e-8, 0]);
    optimizer.dispose();
    expect(() => new ScheduleFreeAdamW({ warmupSteps: -1 })).toThrow(/warmupSteps.*-1/);
  });
});
