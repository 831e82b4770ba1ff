import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clearSession } from '../engine/names';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { Input } from './input-layer';
import { Softmax } from './softmax';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { coreLayerSpecs } from '../test-support/specs/core';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('Dense', () => {
  it('Dense on rank 3 contracts the last axis', () => {
    const layer = new Dense(2, { activation: 'tanh' });
    const x = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 3);
    layer.apply(x);
    const [kernel, bias] = layer.getWeights();
    const naive = tf.tanh(tf.add(tf.matMul(tf.reshape(x, [6, 4]), kernel), bias));
    expectAllClose(layer.apply(x) as tf.Tensor, tf.reshape(naive, [2, 3, 2]));
  });

  it('the training path of Dense (its own kernel gradient) equals tfjs\'s matMul gradient', () => {
    const x = tf.randomNormal([5, 4], 0, 1, 'float32', 8);
    const layer = new Dense(3, { activation: 'relu' });
    layer.apply(x);
    const variables = layer.trainableWeights.map((w) => w.value);
    const objective = (training: boolean) => () => tf.sum(tf.square(layer.apply(x, { training }) as tf.Tensor)) as tf.Scalar;
    const fast = tf.variableGrads(objective(true), variables);
    const reference = tf.variableGrads(objective(false), variables);
    expectAllClose(fast.value, reference.value);
    for (const v of variables) expectAllClose(fast.grads[v.name], reference.grads[v.name], { rtol: 1e-5, atol: 1e-6 });
    const inputGradFast = tf.grad((input: tf.Tensor) => tf.sum(layer.apply(input, { training: true }) as tf.Tensor))(x);
    const inputGradReference = tf.grad((input: tf.Tensor) => tf.sum(layer.apply(input, { training: false }) as tf.Tensor))(x);
    expectAllClose(inputGradFast, inputGradReference, { rtol: 1e-5, atol: 1e-6 });
  });

});

describe('core layer semantics', () => {
  it('names layers as Keras does: dense, dense_1, ...', () => {
    clearSession();
    expect([new Dense(1).name, new Dense(1).name, new Flatten().name, new Dense(1).name]).toEqual([
      'dense',
      'dense_1',
      'flatten',
      'dense_2',
    ]);
  });

  it('Dropout drops about `rate` of the inputs in training, scales the rest, and is the identity in inference', () => {
    const x = tf.ones([100, 100]);
    const layer = new Dropout(0.3, { seed: 5 });
    const values = (layer.apply(x, { training: true }) as tf.Tensor).dataSync();
    const zeros = values.filter((v) => v === 0).length / values.length;
    expect(zeros).toBeGreaterThan(0.27);
    expect(zeros).toBeLessThan(0.33);
    expect(values.filter((v) => v !== 0).every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true);
    expectAllClose(layer.apply(x, { training: false }) as tf.Tensor, x);
  });

  it('Softmax sends masked positions to zero', () => {
    const out = new Softmax().apply(tf.tensor2d([[1, 2, 3]]), { mask: tf.tensor2d([[1, 1, 0]], [1, 3], 'bool') }) as tf.Tensor;
    const e = [Math.exp(1), Math.exp(2)];
    expectAllClose(out, [e[0] / (e[0] + e[1]), e[1] / (e[0] + e[1]), 0]);
  });

  it('a shape mismatch names the layer and both shapes', () => {
    const layer = new Dense(3, { name: 'classifier' });
    layer.apply(tf.zeros([1, 4]));
    expect(() => layer.apply(tf.zeros([1, 5]))).toThrow(
      "Input 0 with name 'None' of layer 'classifier' is incompatible with the layer: expected axis -1 of input shape to have value 4, but received input with shape (1, 5)",
    );
    expect(() => new Dense(3, { name: 'rank' }).apply(tf.zeros([4]))).toThrow(/layer 'rank'.*expected min_ndim=2, found ndim=1/);
  });

  it('setWeights refuses a wrong shape, naming the layer and both shapes', () => {
    const layer = new Dense(2, { name: 'head' });
    layer.apply(tf.zeros([1, 3]));
    expect(() => layer.setWeights([tf.zeros([4, 2]), tf.zeros([2])])).toThrow(
      /Layer "head" weight shape \(3, 2\) is not compatible with provided weight shape \(4, 2\)/,
    );
  });

  it('freezing a layer moves its weights to non-trainable', () => {
    const layer = new Dense(2);
    layer.apply(tf.zeros([1, 3]));
    layer.trainable = false;
    expect(layer.trainableWeights.length).toBe(0);
    expect(layer.nonTrainableWeights.length).toBe(2);
  });

  it('symbolic calls give Keras output shapes', () => {
    const input = Input({ shape: [28, 28] });
    const flat = new Flatten().apply(input);
    expect(flat.shape).toEqual([null, 784]);
    expect((new Dense(10).apply(flat) as { shape: unknown }).shape).toEqual([null, 10]);
  });

  it('kernel regularizer penalties are reported for the training loss', () => {
    const layer = new Dense(2, { kernelRegularizer: 'l2', kernelInitializer: 'ones' });
    layer.apply(tf.zeros([1, 3]));
    const [penalty] = layer.regularizationLosses();
    // Keras's L2 default factor is 0.01: 0.01 * sum(w^2) = 0.01 * 6.
    expectAllClose(penalty, 0.06);
  });
});

describeLayerTests('core layers through the layer harness', coreLayerSpecs);
