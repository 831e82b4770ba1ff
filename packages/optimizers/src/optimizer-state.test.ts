import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Adam } from './adam';
import { Nadam } from './nadam';
import { RMSprop } from './rmsprop';
import { ExponentialDecay } from './schedules/exponential-decay';
import { SGD } from './sgd';
import { makeVariables, tensorStep } from './test-support/harness';

beforeAll(() => useBackend('cpu'));
afterEach(() => vi.restoreAllMocks());

const paths = ['model/dense/kernel', 'model/dense/bias'];

describe('optimizer state', () => {
  it('lists variables in Keras order with Keras names and paths', () => {
    const variables = makeVariables();
    const rmsprop = new RMSprop({ momentum: 0.9, centered: true });
    rmsprop.build(variables, paths);
    expect(rmsprop.variables().map(({ path, tensor }) => [path, tensor.shape])).toEqual([
      ['rm_sprop/iteration', []],
      ['rm_sprop/learning_rate', []],
      ['rm_sprop/model_dense_kernel_velocity', [2, 3]],
      ['rm_sprop/model_dense_bias_velocity', [4]],
      ['rm_sprop/model_dense_kernel_momentum', [2, 3]],
      ['rm_sprop/model_dense_bias_momentum', [4]],
      ['rm_sprop/model_dense_kernel_average_gradient', [2, 3]],
      ['rm_sprop/model_dense_bias_average_gradient', [4]],
    ]);
    expect(rmsprop.variables()[2].name).toBe('model_dense_kernel_velocity');
    const nadam = new Nadam({ learningRate: new ExponentialDecay(0.1, 10, 0.9), useEma: true });
    nadam.build(variables, paths);
    expect(nadam.variables().map(({ path }) => path)).toEqual([
      'nadam/iteration',
      'nadam/model_dense_kernel_average',
      'nadam/model_dense_bias_average',
      'nadam/model_dense_kernel_momentum',
      'nadam/model_dense_kernel_velocity',
      'nadam/model_dense_bias_momentum',
      'nadam/model_dense_bias_velocity',
      'nadam/u_product',
    ]);
    tf.dispose(variables);
    rmsprop.dispose();
    nadam.dispose();
  });

  it('creates only its slots: after N steps the tensor count is before + slots', () => {
    const variables = makeVariables();
    const optimizer = new Adam({ amsgrad: true, clipnorm: 1, weightDecay: 0.01 });
    const before = tf.memory().numTensors;
    for (let t = 1; t <= 4; t++) tensorStep(optimizer, variables, t);
    expect(tf.memory().numTensors - before).toBe(3 * variables.length);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before - 2);
    tf.dispose(variables);
  });

  it('never reads device data in applyGradients', () => {
    const variables = makeVariables();
    const optimizer = new Nadam({ learningRate: new ExponentialDecay(0.1, 10, 0.9), globalClipnorm: 1, useEma: true });
    const reads = ['dataSync', 'arraySync', 'data', 'array', 'bufferSync', 'buffer'] as const;
    const spies = reads.map((method) => vi.spyOn(tf.Tensor.prototype, method));
    for (let t = 1; t <= 3; t++) tensorStep(optimizer, variables, t);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    optimizer.dispose();
    tf.dispose(variables);
  });

  it('resumes bit for bit from saved variables', () => {
    for (const make of [() => new Adam({ amsgrad: true }), () => new Nadam(), () => new RMSprop({ momentum: 0.5 })]) {
      const variables = makeVariables();
      const original = make();
      tensorStep(original, variables, 1);
      tensorStep(original, variables, 2);
      const savedState = original.variables().map(({ tensor }) => tf.clone(tensor));
      const savedWeights = variables.map((variable) => tf.clone(variable));
      tensorStep(original, variables, 3);

      const resumedVariables = savedWeights.map((weight) => tf.variable(weight, true));
      const resumed = make();
      resumed.build(resumedVariables);
      resumed.setVariableValues(savedState);
      expect(resumed.iterations).toBe(2);
      tensorStep(resumed, resumedVariables, 3);
      resumedVariables.forEach((variable, k) => {
        expect(variable.dataSync()).toEqual(variables[k].dataSync());
      });
      resumed.variables().forEach(({ tensor }, i) => {
        expect(tensor.dataSync()).toEqual(original.variables()[i].tensor.dataSync());
      });
      tf.dispose([...savedState, ...savedWeights, ...variables, ...resumedVariables]);
      original.dispose();
      resumed.dispose();
    }
  });

  it('rejects values that do not fit', () => {
    const variables = makeVariables();
    const optimizer = new SGD({ momentum: 0.9 });
    expect(() => optimizer.setVariableValues([])).toThrow(/not been built/);
    optimizer.build(variables);
    expect(() => optimizer.setVariableValues([tf.scalar(1)])).toThrow(/has 4 variables, but 1 values/);
    const wrongShape = [tf.scalar(0, 'int32'), tf.scalar(0.1), tf.zeros([3, 2]), tf.zeros([4])];
    expect(() => optimizer.setVariableValues(wrongShape)).toThrow(/shape \[2,3\]/);
    tf.dispose([...wrongShape, ...variables]);
    optimizer.dispose();
  });

  it('has a settable learning rate; a schedule is read at the current step and is not settable', () => {
    const variables = makeVariables();
    const sgd = new SGD({ learningRate: 0.1 });
    expect(sgd.learningRate).toBe(0.1);
    sgd.learningRate = 0.0;
    const before = variables.map((variable) => Array.from(variable.dataSync()));
    tensorStep(sgd, variables, 1);
    expect(variables.map((variable) => Array.from(variable.dataSync()))).toEqual(before);
    expect(sgd.learningRate).toBe(0);
    expect(sgd.getConfig().learning_rate).toBe(0);
    sgd.learningRate = 0.001;
    expect(sgd.getConfig().learning_rate).toBe(Math.fround(0.001));

    const scheduled = new SGD({ learningRate: new ExponentialDecay(0.1, 1, 0.5) });
    expect(scheduled.learningRate).toBe(0.1);
    tensorStep(scheduled, variables, 1);
    tensorStep(scheduled, variables, 2);
    expect(scheduled.learningRate).toBeCloseTo(0.025, 12);
    expect(() => {
      scheduled.learningRate = 0.5;
    }).toThrow(/not settable/);
    tf.dispose(variables);
    sgd.dispose();
    scheduled.dispose();
  });

  it('keeps a moving average of the weights with useEma', () => {
    const variables = makeVariables();
    const optimizer = new SGD({ learningRate: 0.1, useEma: true, emaMomentum: 0.5 });
    const snapshots: number[][][] = [];
    for (let t = 1; t <= 3; t++) {
      tensorStep(optimizer, variables, t);
      snapshots.push(variables.map((variable) => Array.from(variable.dataSync())));
    }
    // Keras: the average starts at the first updated weights, then 0.5 avg + 0.5 w.
    const expected = snapshots[0].map((w, k) => w.map((x, i) => 0.25 * x + 0.25 * snapshots[1][k][i] + 0.5 * snapshots[2][k][i]));
    optimizer.finalizeVariableValues();
    variables.forEach((variable, k) => {
      expectAllClose(variable, expected[k], { rtol: 1e-6, atol: 1e-7 });
    });
    tf.dispose(variables);
    optimizer.dispose();
  });

  it('puts epsilon inside the square root in RMSprop, as Keras does', () => {
    const variable = tf.variable(tf.tensor([1.0]), true);
    const optimizer = new RMSprop({ learningRate: 0.001 });
    tf.tidy(() => optimizer.applyGradients([[tf.tensor([1e-4]), variable]]));
    // v = 0.1 * 1e-8; step = lr * g / sqrt(v + 1e-7) (sqrt(v) + 1e-7 would give a 10 times larger step).
    expectAllClose(variable, [1 - (0.001 * 1e-4) / Math.sqrt(1e-9 + 1e-7)], { rtol: 1e-7, atol: 0 });
    variable.dispose();
    optimizer.dispose();
  });

  it('rejects unknown variables, unknown arguments and conflicting clipping', () => {
    const variables = makeVariables();
    const optimizer = new Adam();
    optimizer.build([variables[0]]);
    expect(() => tf.tidy(() => optimizer.applyGradients([[tf.onesLike(variables[1]), variables[1]]]))).toThrow(
      /unknown variable/,
    );
    expect(() => new Adam({ clipnorm: 1, clipvalue: 1 })).toThrow(/only one of `clipnorm`/);
    expect(() => new Adam({ beta_1: 0.9 } as never)).toThrow(/Adam received an unknown option `beta_1`: Strata spells Keras's `beta_1` in camelCase, `beta1`\./);
    expect(() => new Adam({ learning_rate: 0.01 } as never)).toThrow(/`learning_rate`.*`learningRate`/);
    // Seed 002's RMSprop(lr=0.001, rho=0.9, epsilon=1e-08, decay=0.0), in Strata's spelling.
    new RMSprop({ lr: 0.001, rho: 0.9, epsilon: 1e-8, decay: 0 }).dispose();
    expect(() => new SGD({ momentum: 2 })).toThrow(/momentum/);
    tf.dispose(variables);
    optimizer.dispose();
  });
});
