import { useBackend } from '@strata/backend';
import { Add, builtInLayers, clearSession, Dense, Input } from '@strata/layers';
import * as ops from '@strata/ops';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { modelFromConfig } from './deserialize';
import { Model } from './model';

beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(() => clearSession());

/** x -> x + 3 -> Dense(3) -> [dense, sum(dense, -1, keepdims)] -> Add layer; second output: sum(x + x1). */
function buildModel(kernelInitializer = 'ones') {
  const x = Input({ shape: [4], name: 'x' });
  const w = Input({ shape: [4], name: 'w' });
  const shifted = ops.add(x, 3);
  const dense = new Dense(3, { name: 'dense', kernelInitializer }).apply(shifted);
  const total = ops.sum(dense, { axis: -1, keepdims: true });
  const merged = new Add({ name: 'merge' }).apply([dense, total]) as ops.KerasTensor;
  const both = x.add(w);
  const out2 = ops.sum(both, { axis: 1 });
  return new Model({ inputs: [x, w], outputs: [merged, out2], name: 'ops_model' });
}

const tensorArg = (shape: Array<number | null>, history: [string, number, number]) => ({
  class_name: '__keras_tensor__',
  config: { shape, dtype: 'float32', keras_history: history },
});

describe('a functional model with ops on symbolic tensors', () => {
  it('predicts what its ops and layers compute', () => {
    const model = buildModel();
    const x = tf.tensor2d([[1, 2, 3, 4], [0, 0, 0, -3]]);
    const w = tf.tensor2d([[1, 1, 1, 1], [2, 2, 2, 2]]);
    const before = tf.memory().numTensors;
    const [merged, out2] = model.predictOnBatch([x, w]) as tf.Tensor[];
    // dense = sum(x + 3) per unit (ones kernel, zero bias); merged = dense + 3 * dense.
    expectAllClose(merged, [88, 88, 88, 36, 36, 36]);
    expectAllClose(out2, [14, 5]);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([merged, out2, x, w]);
    model.dispose();
  });

  it('lists layers and ops in Keras order, model.layers holding the layers only', () => {
    const model = buildModel();
    expect(model.layers.map((l) => l.name)).toEqual(['x', 'dense', 'w', 'merge']);
    const config = model.getConfig() as { layers: Array<Record<string, unknown>> };
    // The order Keras 3.15.1 writes for this graph (fixtures/ops-graph/ops_basic.json of @strata/io-h5).
    expect(config.layers.map((l) => l.name)).toEqual(['x', 'add', 'dense', 'w', 'sum', 'add_1', 'merge', 'sum_1']);
    model.dispose();
  });

  it('summarizes ops as Keras does: rows of their own, in graph order, with no parameters', () => {
    const model = buildModel();
    const text = model.summary({ returnString: true });
    const names = [...text.matchAll(/^│ (\w+) \((\w+)\)/gm)].map((m) => `${m[1]} (${m[2]})`);
    expect(names).toEqual(['x (InputLayer)', 'add (Add)', 'dense (Dense)', 'w (InputLayer)', 'sum (Sum)', 'add_1 (Add)', 'merge (Add)', 'sum_1 (Sum)']);
    expect(text).toMatch(/│ add \(Add\) +│ \(None, 4\) +│ +0 │/);
    expect(text).toMatch(/│ sum \(Sum\) +│ \(None, 1\) +│ +0 │/);
    expect(text).toContain('Total params: 15 (60.00 B)');
    model.dispose();
  });

  it('writes op nodes exactly as Keras 3 does', () => {
    const model = buildModel();
    const config = model.getConfig() as { layers: Array<Record<string, unknown>>; output_layers: unknown };
    const byName = new Map(config.layers.map((entry) => [entry.name, entry]));
    expect(byName.get('add')).toEqual({
      module: 'keras.src.ops.numpy',
      class_name: 'Add',
      config: { name: 'add' },
      registered_name: 'Add',
      name: 'add',
      inbound_nodes: [{ args: [tensorArg([null, 4], ['x', 0, 0]), 3], kwargs: {} }],
    });
    expect(byName.get('sum')).toEqual({
      module: 'keras.src.ops.numpy',
      class_name: 'Sum',
      config: { name: 'sum', axis: -1, keepdims: true },
      registered_name: 'Sum',
      name: 'sum',
      inbound_nodes: [{ args: [tensorArg([null, 3], ['dense', 0, 0])], kwargs: {} }],
    });
    expect(byName.get('add_1')?.inbound_nodes).toEqual([
      { args: [tensorArg([null, 4], ['x', 0, 0]), tensorArg([null, 4], ['w', 0, 0])], kwargs: {} },
    ]);
    expect(byName.get('sum_1')?.config).toEqual({ name: 'sum_1', axis: 1, keepdims: false });
    expect(byName.get('merge')?.inbound_nodes).toEqual([
      { args: [[tensorArg([null, 3], ['dense', 0, 0]), tensorArg([null, 1], ['sum', 0, 0])]], kwargs: {} },
    ]);
    expect(config.output_layers).toEqual([
      ['merge', 0, 0],
      ['sum_1', 0, 0],
    ]);
    model.dispose();
  });

  it('rebuilds from its config with the same predictions, and refuses op classes it does not know', () => {
    const model = buildModel();
    const config = { class_name: 'Functional', config: model.getConfig() };
    const rebuilt = modelFromConfig(JSON.parse(JSON.stringify(config)), { layers: builtInLayers(), ops: ops.builtInOps() });
    rebuilt.setWeights(model.getWeights());
    expect(JSON.stringify(rebuilt.getConfig())).toBe(JSON.stringify(model.getConfig()));
    const inputs = [tf.randomNormal([3, 4], 0, 1, 'float32', 1), tf.randomNormal([3, 4], 0, 1, 'float32', 2)];
    const expected = model.predictOnBatch(inputs) as tf.Tensor[];
    const actual = rebuilt.predictOnBatch(inputs) as tf.Tensor[];
    expected.forEach((e, i) => expectAllClose(actual[i], e));
    tf.dispose([...inputs, ...expected, ...actual]);

    const entries = (config.config as { layers: Array<Record<string, unknown>> }).layers;
    const unknown = JSON.parse(JSON.stringify(config));
    unknown.config.layers[entries.findIndex((e) => e.name === 'sum')].class_name = 'Evaluate';
    expect(() => modelFromConfig(unknown, { layers: builtInLayers(), ops: ops.builtInOps() })).toThrow(
      /Unknown op class "Evaluate" in module keras\.src\.ops\.numpy \(operation "sum"\)/,
    );
    expect(() => modelFromConfig(JSON.parse(JSON.stringify(config)), { layers: builtInLayers() })).toThrow(/no ops were given to load it/);
    rebuilt.dispose();
    model.dispose();
  });

  it('trains: fit lowers the loss through the ops, and leaks no tensors', async () => {
    const model = buildModel('glorot_uniform');
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = tf.randomNormal([16, 4], 0, 0.1, 'float32', 3);
    const w = tf.randomNormal([16, 4], 0, 0.1, 'float32', 4);
    const y1 = tf.ones([16, 3]);
    const y2 = tf.zeros([16]);
    const history = await model.fit([x, w], [y1, y2], { epochs: 5, batchSize: 8, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[4]).toBeLessThan(losses[0]);
    // Once the optimizer's state exists, more training adds no tensors.
    const before = tf.memory().numTensors;
    await model.fit([x, w], [y1, y2], { epochs: 1, batchSize: 8, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w, y1, y2]);
    model.dispose();
  });
});
