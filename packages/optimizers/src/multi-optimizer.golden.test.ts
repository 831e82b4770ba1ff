// MultiOptimizer and OptimizerMap against real Keras 3.15.1 (golden/train-api.json, scripts/golden_train_api.py,
// on the problem of test-support/harness.ts): the weights after each of 5 steps, the variables in the order Keras
// saves them, the weights after finalizeVariableValues, and the serialized form, which Strata reads and writes.
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { LossScaleOptimizer } from './loss-scale-optimizer';
import { MultiOptimizer } from './multi-optimizer';
import { OptimizerMap } from './optimizer-map';
import { SGD } from './sgd';
import { deserializeOptimizer, serializeOptimizer } from './serialization';
import { makeVariables, tensorStep } from './test-support/harness';

interface GoldenMulti {
  class_name: string;
  serialized: Record<string, unknown>;
  steps: number[][][];
  optimizer_variables: Array<{ path: string; shape: number[]; data: number[] }>;
  finalized: number[][];
}

const cases = (JSON.parse(readFileSync(new URL('../golden/train-api.json', import.meta.url), 'utf8')) as { cases: GoldenMulti[] }).cases.filter(
  (c) => c.class_name === 'MultiOptimizer',
);
const tolerance = { rtol: 1e-5, atol: 1e-6 };

/** Keras on torch names its torch subclasses' module (`keras.src.backend.torch.optimizers.torch_sgd`, registered 'SGD'); Strata writes the public one. */
function publicModules(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(publicModules);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, inner]) => [key, publicModules(inner)]);
  const result = Object.fromEntries(entries) as Record<string, unknown>;
  if (typeof result.module === 'string' && result.module.startsWith('keras.src.backend.')) {
    result.module = 'keras.optimizers';
    result.registered_name = null;
  }
  return result;
}

beforeAll(() => useBackend('cpu'));

describe('MultiOptimizer: the steps real Keras took', () => {
  it.each(cases.map((c, i) => [`case ${i}: ${Object.keys((c.serialized.config as { optimizer_map: { config: { optimizer_map: object } } }).optimizer_map.config.optimizer_map)}`, c] as const))(
    '%s',
    (_label, goldenCase) => {
      const variables = makeVariables();
      const before = tf.memory().numTensors;
      const optimizer = deserializeOptimizer(goldenCase.serialized);
      expect(optimizer).toBeInstanceOf(MultiOptimizer);
      expect(serializeOptimizer(optimizer)).toEqual(publicModules(goldenCase.serialized));
      optimizer.build(variables, ['w0', 'w1']);
      goldenCase.steps.forEach((expected, step) => {
        tensorStep(optimizer, variables, step + 1);
        variables.forEach((variable, k) => expectAllClose(variable, expected[k], tolerance));
      });
      expect(optimizer.iterations).toBe(5);
      const saved = optimizer.variables();
      expect(saved.map((v) => v.path)).toEqual(goldenCase.optimizer_variables.map((v) => v.path));
      saved.forEach((v, i) => expectAllClose(v.tensor, goldenCase.optimizer_variables[i].data, tolerance));
      optimizer.finalizeVariableValues();
      variables.forEach((variable, k) => expectAllClose(variable, goldenCase.finalized[k], tolerance));

      // Keras's saved values restore into a fresh MultiOptimizer built on the same variables.
      const restored = deserializeOptimizer(goldenCase.serialized);
      restored.build(variables, ['w0', 'w1']);
      const values = goldenCase.optimizer_variables.map((v) => tf.tensor(v.data, v.shape, v.path.endsWith('iteration') ? 'int32' : 'float32'));
      restored.setVariableValues(values);
      tf.dispose(values);
      expect(restored.iterations).toBe(5);
      restored.variables().forEach((v, i) => expectAllClose(v.tensor, goldenCase.optimizer_variables[i].data, tolerance));
      restored.dispose();
      optimizer.dispose();
      expect(tf.memory().numTensors, 'tensors left by the optimizers').toBe(before);
      tf.dispose(variables);
    },
  );
});

describe('OptimizerMap and MultiOptimizer', () => {
  it("finds an exact key first, then the one pattern that matches the whole path, else the default (Keras's example)", () => {
    const [adam, sgd, rmsprop] = [new Adam(), new SGD(), new SGD({ name: 'rmsprop_stand_in' })];
    const map = new OptimizerMap(rmsprop);
    map.set('encoder/layer_0/dense', adam).set('encoder/.*', sgd).set('decoder', adam);
    expect(map.get('decoder')).toBe(adam);
    expect(map.get('encoder/layer_0/dense')).toBe(adam);
    expect(map.get('encoder/layer_0/attention/query')).toBe(sgd);
    expect(map.get('decoder/layer_0/dense')).toBe(rmsprop);
    expect([...map.keys()]).toEqual(['encoder/layer_0/dense', 'encoder/.*', 'decoder']);
    map.set('.*query', adam);
    expect(() => map.get('encoder/layer_0/attention/query')).toThrow(/multiple optimizers assigned to variable 'encoder\/layer_0\/attention\/query'/);
    expect(() => map.set('decoder', sgd)).toThrow(/'decoder' already exists/);
    const lossScale = new LossScaleOptimizer(new SGD());
    expect(() => map.set('head', lossScale)).toThrow(/cannot be a LossScaleOptimizer/);
    expect(() => new OptimizerMap('adam' as never)).toThrow(/defaultOptimizer must be an Optimizer. Received: adam/);
    for (const optimizer of [adam, sgd, rmsprop, lossScale]) optimizer.dispose();
  });

  it('chooses with a function of the variable, has no learning rate of its own, and passes its loss scale factor down', () => {
    const variables = makeVariables();
    const adam = new Adam({ learningRate: 0.05, lossScaleFactor: 8 });
    const sgd = new SGD({ learningRate: 0.1 });
    const multi = new MultiOptimizer(({ path }) => (path === 'w1' ? adam : sgd), { lossScaleFactor: 2 });
    multi.build(variables, ['w0', 'w1']);
    expect(multi.optimizers).toEqual([sgd, adam]);
    expect([sgd.lossScaleFactor, adam.lossScaleFactor]).toEqual([2, 2]);
    expect(() => multi.learningRate).toThrow(/Learning rate cannot be accessed on a MultiOptimizer/);
    expect(() => {
      multi.learningRate = 0.1;
    }).toThrow(/cannot be set on a MultiOptimizer/);
    // The w1 group's gradient is null: Adam is left alone, SGD steps w0 with gradients halved by the factor.
    const w0 = Array.from(variables[0].dataSync());
    tf.tidy(() => multi.applyGradients([[tf.onesLike(variables[0]), variables[0]], [null, variables[1]]]));
    expectAllClose(variables[0], w0.map((w) => w - 0.1 * 0.5), tolerance);
    expect([multi.iterations, sgd.iterations, adam.iterations]).toEqual([1, 1, 0]);
    expect((serializeOptimizer(multi).config as { optimizer_map: unknown }).optimizer_map).toMatchObject({ class_name: 'function' });
    expect(() => deserializeOptimizer(serializeOptimizer(multi))).toThrow(/chooses optimizers with a function.*cannot be rebuilt from its config/);
    multi.dispose();
    tf.dispose(variables);
  });
});
