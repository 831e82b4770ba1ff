import { useBackend } from '@strata/backend';
import { type CallOptions, Dense, Flatten, Input, Softmax, type Tensors, clearSession } from '@strata/layers';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Model } from './model';
import { Sequential } from './sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('Sequential', () => {
  it('builds from inputShape, inputDim or an Input, and supports add and pop', () => {
    clearSession();
    const byShape = new Sequential([new Dense(4, { inputShape: [3] })]);
    expect(byShape.built).toBe(true);
    expect(byShape.weights.map((w) => w.path)).toEqual(['sequential/dense/kernel', 'sequential/dense/bias']);
    const byDim = new Sequential();
    byDim.add(new Dense(500, { inputDim: 784 }));
    byDim.add(new Dense(10));
    expect(byDim.countParams()).toBe(784 * 500 + 500 + 5010);
    const byInput = new Sequential([Input({ shape: [3] }), new Dense(2)]);
    expect(byInput.countParams()).toBe(8);
    byInput.add(new Dense(1));
    expect(byInput.layers.length).toBe(2);
    byInput.pop();
    expect(byInput.layers.length).toBe(1);
  });

  it('builds lazily on the first call when no input shape is given', () => {
    const model = new Sequential([new Dense(3), new Dense(1)]);
    expect(model.built).toBe(false);
    const y = model.apply(tf.zeros([2, 5])) as tf.Tensor;
    expect(y.shape).toEqual([2, 1]);
    expect(model.countParams()).toBe(5 * 3 + 3 + 4);
  });

  it('nests: new Sequential([model, new Softmax()]) gives probabilities of the inner logits (tutorial 001)', () => {
    const model = new Sequential([new Flatten({ inputShape: [2, 2] }), new Dense(3)]);
    const probabilityModel = new Sequential([model, new Softmax()]);
    const x = tf.randomNormal([4, 2, 2], 0, 1, 'float32', 1);
    expectAllClose(probabilityModel.apply(x) as tf.Tensor, tf.softmax(model.apply(x) as tf.Tensor));
    expect(probabilityModel.countParams()).toBe(model.countParams());
    const text = probabilityModel.summary({ returnString: true });
    expect(text).toMatch(/sequential_?\d* \(Sequential\)\s+│ \(None, 3\)\s+│\s+15 │/);
  });

  it('prints the tutorial 002 MLP summary with Keras numbers', () => {
    clearSession();
    const network = new Sequential([
      new Dense(512, { activation: 'relu', inputShape: [784] }),
      new Dense(512, { activation: 'relu' }),
      new Dense(10, { activation: 'softmax' }),
    ]);
    const lines: string[] = [];
    network.summary({ printFn: (t) => lines.push(t) });
    expect(lines[0]).toContain('401,920');
    expect(lines[0]).toContain('262,656');
    expect(lines[0]).toContain('5,130');
    expect(lines[0]).toContain('Total params: 669,706 (2.55 MB)');
  });
});

describe('functional Model', () => {
  it('runs a graph with two inputs, two outputs and a shared layer', () => {
    clearSession();
    const a = Input({ shape: [4], name: 'a' });
    const b = Input({ shape: [4], name: 'b' });
    const shared = new Dense(3, { name: 'shared' });
    const left = shared.apply(a);
    const right = shared.apply(b);
    const sum = new Dense(2, { name: 'sum_head' }).apply(left);
    const other = new Dense(1, { name: 'other_head' }).apply(right);
    const model = new Model({ inputs: [a, b], outputs: [sum, other] });
    expect(model.layers.map((l) => l.name)).toEqual(['a', 'b', 'shared', 'sum_head', 'other_head']);
    const xa = tf.ones([2, 4]);
    const xb = tf.zeros([2, 4]);
    const [outA, outB] = model.apply([xa, xb]) as tf.Tensor[];
    expect(outA.shape).toEqual([2, 2]);
    expect(outB.shape).toEqual([2, 1]);
    expectAllClose(outA, (model.getLayer('sum_head').apply(shared.apply(xa) as tf.Tensor) as tf.Tensor));
    expect(model.countParams()).toBe(15 + 8 + 4);
  });

  it('is usable as a layer inside another model', () => {
    const inner = Input({ shape: [3] });
    const innerModel = new Model({ inputs: inner, outputs: new Dense(2).apply(inner) });
    const outer = Input({ shape: [3] });
    const model = new Model({ inputs: outer, outputs: new Softmax().apply(innerModel.apply(outer) as never) });
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 2);
    expectAllClose(model.apply(x) as tf.Tensor, tf.softmax(innerModel.apply(x) as tf.Tensor));
  });

  it('says which tensor is disconnected', () => {
    const a = Input({ shape: [2], name: 'given' });
    const b = Input({ shape: [2], name: 'missing' });
    const out = new Dense(1).apply(b);
    expect(() => new Model({ inputs: a, outputs: out })).toThrow(/Graph disconnected: cannot obtain value for tensor missing.*at layer "missing"/);
  });

  it('refuses an input of the wrong shape, naming both shapes', () => {
    const a = Input({ shape: [2], name: 'x' });
    const model = new Model({ inputs: a, outputs: new Dense(1).apply(a), name: 'm' });
    expect(() => model.apply(tf.zeros([3, 5]))).toThrow('Input 0 of model "m" is incompatible with the model: expected shape=(None, 2), found shape=(3, 5).');
  });
});

describe('subclassed Model', () => {
  class TwoLayer extends Model {
    hidden = new Dense(8, { activation: 'relu' });
    head = new Dense(2);
    override call(inputs: Tensors, options?: CallOptions): tf.Tensor {
      return this.head.apply(this.hidden.apply(inputs as tf.Tensor, options), options) as tf.Tensor;
    }
  }

  it('tracks the layers it holds, trains and predicts', async () => {
    const model = new TwoLayer({ name: 'two_layer' });
    const x = tf.randomNormal([16, 3], 0, 1, 'float32', 4);
    const y = tf.cast(tf.greater(tf.sum(x, 1), 0), 'int32');
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const history = await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
    expect(history.history.loss.length).toBe(3);
    expect(model.countParams()).toBe(3 * 8 + 8 + 8 * 2 + 2);
    expect(model.trainableWeights.length).toBe(4);
    model.trainable = false;
    expect(model.trainableWeights.length).toBe(0);
  });
});
