// Ftrl, Lamb and Adafactor against real Keras 3.15.1 (golden/optimizers.json, written by
// scripts/golden_optimizers.py on the problem of test-support/harness.ts): the weights after each of
// 5 steps (float32 tensors both sides: rtol 1e-5, atol 1e-6), and the optimizer's variables in Keras's order.
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { deserializeOptimizer, serializeOptimizer } from './serialization';
import { makeVariables, tensorStep } from './test-support/harness';

interface OptimizerCase {
  class_name: string;
  config: Record<string, unknown>;
  steps: number[][][];
  optimizer_variables: Array<{ path: string; shape: number[]; data: number[] }>;
}

const cases = (JSON.parse(readFileSync(new URL('../golden/optimizers.json', import.meta.url), 'utf8')) as { cases: OptimizerCase[] }).cases;
const tolerance = { rtol: 1e-5, atol: 1e-6 };

beforeAll(() => useBackend('cpu'));

describe('optimizers added from Keras 3: the steps real Keras took', () => {
  it.each(cases.map((c, i) => [`${c.class_name} ${JSON.stringify(c.config)}`, i] as const))('%s', (_label, index) => {
    const goldenCase = cases[index];
    const variables = makeVariables();
    const before = tf.memory().numTensors;
    const optimizer = deserializeOptimizer({ module: 'keras.optimizers', class_name: goldenCase.class_name, config: goldenCase.config });
    expect(serializeOptimizer(optimizer).config).toEqual(goldenCase.config);
    // The Keras script names its variables w0 and w1: Muon's excludeLayers matches those paths.
    optimizer.build(variables, ['w0', 'w1']);
    goldenCase.steps.forEach((expected, step) => {
      tensorStep(optimizer, variables, step + 1);
      variables.forEach((variable, k) => expectAllClose(variable, expected[k], tolerance));
    });
    const saved = optimizer.variables();
    expect(saved.map((v) => v.tensor.shape)).toEqual(goldenCase.optimizer_variables.map((v) => v.shape));
    saved.forEach((v, i) => expectAllClose(v.tensor, goldenCase.optimizer_variables[i].data, tolerance));
    optimizer.dispose();
    expect(tf.memory().numTensors, 'tensors left by the optimizer').toBe(before);
    tf.dispose(variables);
  });

  it('refuses the arguments Keras refuses', () => {
    expect(() => deserializeOptimizer({ class_name: 'Ftrl', config: { learning_rate_power: 0.5 } })).toThrow(/learning_rate_power/);
    expect(() => deserializeOptimizer({ class_name: 'Ftrl', config: { l1_regularization_strength: -1 } })).toThrow(/l1_regularization_strength/);
  });
});
