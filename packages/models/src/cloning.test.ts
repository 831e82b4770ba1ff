import { useBackend } from '@strata/backend';
import { Dense, Input, Lambda, type Layer, clearSession, concatenate } from '@strata/layers';
import { multiply } from '@strata/ops';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloneModel } from './cloning';
import { Model } from './model';
import { Sequential } from './sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

function twoBranches(): Model {
  const left = Input({ shape: [3], name: 'left' });
  const right = Input({ shape: [2], name: 'right' });
  const shared = new Dense(4, { activation: 'relu', name: 'shared' });
  const joined = concatenate([shared.apply(left), new Dense(4, { name: 'other' }).apply(right)], { name: 'joined' });
  // An op node (x * 2) between layers, as Keras records ops in a functional graph.
  const doubled = multiply(joined, 2) as unknown as typeof joined;
  return new Model({ inputs: [left, right], outputs: new Dense(1, { name: 'out' }).apply(doubled), name: 'branches' });
}

describe('cloneModel', () => {
  it('clones a functional model with an op node onto new layers with new weights; same weights give the same outputs', () => {
    clearSession();
    const before = tf.memory().numTensors;
    const model = twoBranches();
    const clone = cloneModel(model);
    expect(clone).toBeInstanceOf(Model);
    // The op node is in both graphs: one more operation than layers.
    expect(model.operations.length).toBe(model.layers.length + 1);
    expect(clone.operations.length).toBe(clone.layers.length + 1);
    expect(clone.name).toBe('branches');
    expect(clone.layers.map((layer) => layer.name)).toEqual(model.layers.map((layer) => layer.name));
    for (let i = 0; i < clone.layers.length; i++) expect(clone.layers[i]).not.toBe(model.layers[i]);
    expect(clone.countParams()).toBe(model.countParams());
    const x = [tf.tensor2d([[1, -2, 3]]), tf.tensor2d([[0.5, 4]])];
    // Fresh weights: the clone computes something else until it is given the original's.
    const [fresh, expected] = tf.tidy(() => [clone.apply(x) as tf.Tensor, model.apply(x) as tf.Tensor]);
    expect(Array.from(fresh.dataSync())).not.toEqual(Array.from(expected.dataSync()));
    const weights = model.getWeights();
    clone.setWeights(weights);
    const actual = tf.tidy(() => clone.apply(x) as tf.Tensor);
    expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([...x, ...weights, fresh, expected, actual]);
    model.dispose();
    clone.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('clones a Sequential with its input, uncompiled, keeping the layer configs', () => {
    clearSession();
    const model = new Sequential([Input({ shape: [5] }), new Dense(3, { activation: 'tanh', useBias: false }), new Dense(2)], { name: 'stack' });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const clone = cloneModel(model);
    expect(clone).toBeInstanceOf(Sequential);
    expect(clone.compiled).toBeNull();
    expect(clone.getConfig()).toEqual(model.getConfig());
    expect(clone.weights.map((w) => w.shape)).toEqual([[5, 3], [3, 2], [2]]);
    model.dispose();
    clone.dispose();
  });

  it('cloneFunction can share layers or change them; callFunction wraps each call; inputTensors replace the inputs', () => {
    clearSession();
    const model = twoBranches();
    const seen: string[] = [];
    const shareDense = (layer: Layer) => (layer.name === 'shared' ? layer : new Dense((layer as Dense).units, { name: `${layer.name}_copy` }));
    const newLeft = Input({ shape: [3], name: 'new_left' });
    const clone = cloneModel(model, {
      cloneFunction: (layer) => (layer instanceof Dense ? shareDense(layer) : layer),
      callFunction: (layer, inputs) => {
        seen.push(layer.name);
        return layer.apply(inputs as never) as never;
      },
      inputTensors: [newLeft, Input({ shape: [2], name: 'new_right' })],
    });
    expect(clone.getLayer('shared')).toBe(model.getLayer('shared'));
    expect(clone.getLayer('out_copy')).toBeInstanceOf(Dense);
    expect(clone.inputs[0]).toBe(newLeft);
    expect(seen).toEqual(['shared', 'other_copy', 'joined', 'out_copy']);
    clone.dispose();
  });

  it('keeps a Lambda layer by its function, and refuses what it cannot clone', () => {
    clearSession();
    const model = new Sequential([Input({ shape: [2] }), new Lambda((x) => tf.mul(x as tf.Tensor, 3), { name: 'triple' })]);
    const clone = cloneModel(model);
    const x = tf.tensor2d([[1, 2]]);
    const y = tf.tidy(() => clone.apply(x) as tf.Tensor);
    expect(Array.from(y.dataSync())).toEqual([3, 6]);
    tf.dispose([x, y]);
    expect(() => cloneModel(new Model({ name: 'subclassed' }))).toThrow(/cannot clone subclassed model "subclassed"/);
    expect(() => cloneModel(model, { inputTensors: [Input({ shape: [2] }), Input({ shape: [2] })] })).toThrow(/received 2 inputTensors/);
  });
});
