// LossScaleOptimizer against Keras 3.15.1 (golden/loss-scale.json, written by scripts/golden_loss_scale.py):
// the scale, the skipped steps and the weights over gradients with inf and NaN, the variables, the config.
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { LossScaleOptimizer } from './loss-scale-optimizer';
import { deserializeOptimizer, getOptimizer, serializeOptimizer } from './serialization';
import { SGD } from './sgd';

interface Step {
  kernel_grad: Array<Array<number | string>>;
  bias_grad: Array<number | string>;
  kernel: number[];
  bias: number[];
  dynamic_scale: number;
  step_counter: number;
  iterations: number;
}
const golden = JSON.parse(readFileSync(new URL('../golden/loss-scale.json', import.meta.url), 'utf8')) as {
  steps: Step[];
  variables: Array<{ path: string; value: number[] }>;
  scale_loss_1_5: number;
  config: Record<string, unknown>;
  serialized: { config: Record<string, unknown> };
};

beforeAll(() => useBackend('cpu'));

// The generator writes inf and nan as strings (JSON has no such numbers).
const number = (value: number | string) => (typeof value === 'number' ? value : value === 'inf' ? Number.POSITIVE_INFINITY : Number.NaN);
const gradientSteps: Array<[number[][], number[]]> = golden.steps.map((step) => [
  step.kernel_grad.map((row) => row.map(number)),
  step.bias_grad.map(number),
]);

describe('LossScaleOptimizer', () => {
  it('skips non-finite steps, halves and doubles the scale, and updates the weights as Keras', () => {
    const kernel = tf.variable(tf.tensor2d([[1, -2], [0.5, 3]]));
    const bias = tf.variable(tf.tensor1d([0.25, -0.75]));
    const optimizer = new LossScaleOptimizer(new SGD({ learningRate: 0.1, momentum: 0.5 }), { initialScale: 8, dynamicGrowthSteps: 2 });
    optimizer.build([kernel, bias], ['kernel', 'bias']);
    const before = tf.memory().numTensors;
    golden.steps.forEach((expected, i) => {
      const [kernelGrad, biasGrad] = gradientSteps[i];
      const grads = [tf.tensor2d(kernelGrad), tf.tensor1d(biasGrad)];
      optimizer.apply(grads, [kernel, bias]);
      tf.dispose(grads);
      expectAllClose(kernel, expected.kernel, { rtol: 1e-6, atol: 1e-7 });
      expectAllClose(bias, expected.bias, { rtol: 1e-6, atol: 1e-7 });
      expect(optimizer.lossScale).toBe(expected.dynamic_scale);
      expect(optimizer.iterations).toBe(expected.iterations);
      expect(tf.memory().numTensors).toBe(before);
    });
    const variables = optimizer.variables();
    expect(variables.length).toBe(golden.variables.length);
    variables.forEach((variable, i) => expectAllClose(variable.tensor, golden.variables[i].value, { rtol: 1e-6, atol: 1e-7 }));
    // Keras's names of its own four variables; the inner ones follow, in the inner optimizer's order.
    expect(variables.slice(0, 4).map((v) => v.path)).toEqual(golden.variables.slice(0, 4).map((v) => v.path));
    const scaled = optimizer.scaleLoss(tf.scalar(1.5));
    expect(scaled.dataSync()[0]).toBe(golden.scale_loss_1_5);
    tf.dispose([scaled, kernel, bias]);
    optimizer.dispose();
  });

  it('restores its state from saved values and goes on as before', () => {
    const make = () => new LossScaleOptimizer(new SGD({ learningRate: 0.1, momentum: 0.5 }), { initialScale: 8, dynamicGrowthSteps: 2 });
    const kernel = tf.variable(tf.tensor2d([[1, -2], [0.5, 3]]));
    const bias = tf.variable(tf.tensor1d([0.25, -0.75]));
    const restored = make();
    restored.build([kernel, bias], ['kernel', 'bias']);
    restored.setVariableValues(golden.variables.map((v, i) => tf.tensor(v.value, restored.variables()[i].tensor.shape)));
    expect(restored.lossScale).toBe(8);
    expect(restored.iterations).toBe(5);
    // The next finite step completes a growth period (step_counter was 1): the scale doubles.
    const grads = [tf.ones([2, 2]), tf.ones([2])];
    restored.apply(grads, [kernel, bias]);
    expect(restored.lossScale).toBe(16);
    tf.dispose([...grads, kernel, bias]);
    restored.dispose();
  });

  it("writes Keras's config and reads Keras's serialized form", () => {
    const optimizer = new LossScaleOptimizer(new Adam({ learningRate: 0.01 }), { initialScale: 1024, dynamicGrowthSteps: 100, name: 'lso' });
    const config = optimizer.getConfig();
    const { inner_optimizer: inner, ...own } = config as { inner_optimizer: { class_name: string; config: Record<string, unknown> } };
    const { inner_optimizer: kerasInner, ...kerasOwn } = golden.config as { inner_optimizer: { class_name: string; config: Record<string, unknown> } };
    expect(own).toEqual(kerasOwn);
    expect(inner.class_name).toBe(kerasInner.class_name);
    expect(inner.config).toEqual(kerasInner.config);
    const fromKeras = deserializeOptimizer(golden.serialized as unknown as Record<string, unknown>);
    expect(fromKeras).toBeInstanceOf(LossScaleOptimizer);
    const lso = fromKeras as LossScaleOptimizer;
    expect(lso.innerOptimizer).toBeInstanceOf(SGD);
    expect([lso.initialScale, lso.dynamicGrowthSteps, lso.name]).toEqual([32768, 2000, 'loss_scale_optimizer_1']);
    const roundTrip = getOptimizer(serializeOptimizer(optimizer)) as LossScaleOptimizer;
    expect(roundTrip.getConfig()).toEqual(config);
    tf.dispose([]);
    for (const o of [optimizer, lso, roundTrip]) o.dispose();
  });

  it('refuses what Keras refuses, with its reasons', () => {
    expect(() => new LossScaleOptimizer(new SGD(), { clipnorm: 1 })).toThrow(/does not support `clipnorm` \(received 1\). Instead, set `clipnorm` on the inner optimizer/);
    expect(() => new LossScaleOptimizer(new SGD(), { dynamic: false })).toThrow(/no longer supports `dynamic: false`/);
    expect(() => new LossScaleOptimizer(new SGD(), { momentum: 0.9 })).toThrow(/does not support arguments: `momentum`/);
    expect(() => new LossScaleOptimizer('adam' as never)).toThrow(/expects an Optimizer to wrap/);
    // Base-optimizer arguments at their defaults are accepted, as in old Keras configs.
    new LossScaleOptimizer(new SGD(), { clipnorm: null, useEma: false }).dispose();
  });

  it("turns off the inner optimizer's own loss scale, which would unscale twice", () => {
    const inner = new SGD({ lossScaleFactor: 128 });
    const optimizer = new LossScaleOptimizer(inner);
    expect(inner.lossScaleFactor).toBeNull();
    optimizer.dispose();
  });
});
