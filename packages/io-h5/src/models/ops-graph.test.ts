import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { Add, clearSession, Dense, Input } from '@strata/layers';
import { Model } from '@strata/models';
import * as ops from '@strata/ops';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKerasArchive } from '../keras-archive';
import { readLegacyH5 } from '../legacy-h5';
import { loadModel } from './load';
import { serializeModel } from './save';
import { disposeLoaded } from '../test-support/loaded-models';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Keras-written models with op nodes and their predictions (scripts/ops_graph_fixtures.py). */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'ops-graph');
const fixtureBytes = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, file)));
interface Fixture {
  inputs: number[][][];
  outputs: unknown[];
  config_layers: string[];
}
const fixture = (name: string): Fixture => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));

/** Strata's build of the ops_basic architecture, with the names Keras gives it. */
function opsBasic(): Model {
  clearSession();
  const x = Input({ shape: [4], name: 'x' });
  const w = Input({ shape: [4], name: 'w' });
  const shifted = x.add(3);
  const dense = new Dense(3, { name: 'dense' }).apply(shifted);
  const total = ops.sum(dense, { axis: -1, keepdims: true });
  const merged = new Add({ name: 'merge' }).apply([dense, total]) as ops.KerasTensor;
  const out2 = ops.sum(ops.add(x, w), { axis: 1 });
  return new Model({ inputs: [x, w], outputs: [merged, out2], name: 'ops_basic' });
}

/** Strata's build of the ops_more architecture: the same calls in the same order as the Python generator. */
function opsMore(): Model {
  clearSession();
  const x = Input({ shape: [6], name: 'x' });
  const w = Input({ shape: [6], name: 'w' });
  let h = x.mul(0.5).sub(w.div(4));
  h = h.neg().add(x.pow(2));
  const dense = new Dense(4, { activation: 'tanh', name: 'dense' }).apply(h);
  const head = dense.getItem([{}, { start: 1, stop: 3 }]);
  const first = dense.getItem(['...', null, 0]);
  const joined = ops.concatenate([head, ops.reshape(first, [-1, 1]), x.getItem([{}, { step: 2 }])], { axis: 1 });
  const grid = ops.transpose(ops.reshape(x, [-1, 2, 3]), { axes: [0, 2, 1] });
  const means = ops.mean(grid, { axis: [1, 2] });
  const clipped = ops.clip(joined, -1, 1).mul(ops.multiply(means.getItem([{}, null]), 2));
  const out = new Dense(2, { name: 'head' }).apply(clipped);
  return new Model({ inputs: [x, w], outputs: [out, grid], name: 'ops_more' });
}

const BUILDERS: Record<string, () => Model> = { ops_basic: opsBasic, ops_more: opsMore };

function expectOutputs(model: Model, data: Fixture): void {
  const inputs = data.inputs.map((x) => tf.tensor2d(x));
  const outputs = model.predictOnBatch(inputs) as tf.Tensor[];
  outputs.forEach((output, i) => expectAllClose(output, (data.outputs[i] as number[][]).flat(4), { rtol: 1e-5, atol: 1e-5 }));
  tf.dispose([...inputs, ...outputs]);
}

/**
 * A Keras config as Strata compares it: JSON numbers as JavaScript writes them (Python's 3.0 is 3), and without
 * `shared_object_id`, the memory address Keras writes to say that dtype policies were one Python object.
 */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value, (key, inner) => (key === 'shared_object_id' ? undefined : inner)));

describe('Keras-written models with ops on symbolic tensors', () => {
  for (const name of ['ops_basic', 'ops_more']) {
    for (const file of [`${name}.keras`, `${name}.h5`]) {
      it(`${file} loads and predicts Keras's numbers, without leaking`, async () => {
        const before = tf.memory().numTensors;
        const model = await loadModel(fixtureBytes(file));
        const config = model.getConfig() as { layers: Array<{ name: string }> };
        expect(config.layers.map((entry) => entry.name)).toEqual(fixture(name).config_layers);
        expectOutputs(model, fixture(name));
        disposeLoaded(model);
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  }
});

describe('Strata-built models with ops save in the exact form Keras writes', () => {
  it.each(['ops_basic', 'ops_more'])('%s: the .keras config and the .h5 model_config equal those Keras wrote for the same architecture', async (name) => {
    const keras = await loadModel(fixtureBytes(`${name}.keras`));
    const model = BUILDERS[name]();
    model.setWeights(keras.getWeights());
    const ours = await readKerasArchive(await serializeModel(model, 'keras'));
    const theirs = await readKerasArchive(fixtureBytes(`${name}.keras`));
    const { config: ourConfig } = asJson(ours.config) as { config: { layers: unknown[] } };
    const { config: theirConfig } = asJson(theirs.config) as { config: { layers: unknown[] } };
    expect(ourConfig.layers).toEqual(theirConfig.layers);
    expect(ourConfig).toEqual(theirConfig);
    const ourH5 = await readLegacyH5(await serializeModel(model, 'h5'));
    const theirH5 = await readLegacyH5(fixtureBytes(`${name}.h5`));
    expect(ourH5.modelConfig).toEqual(asJson(theirH5.modelConfig));
    expect([...ourH5.layers.keys()]).toEqual([...theirH5.layers.keys()]);
    expectOutputs(model, fixture(name));
    model.dispose();
    disposeLoaded(keras);
  });

  it.each(['ops_basic', 'ops_more'])('%s trains, saves to .keras and .h5, and loads back with the same predictions', async (name) => {
    const model = BUILDERS[name]();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const data = fixture(name);
    const inputs = data.inputs.map((x) => tf.tensor2d(x));
    const targets = model.outputs.map((output) => tf.ones([3, ...output.shape.slice(1)] as number[]));
    await model.fit(inputs, targets, { epochs: 3, verbose: 0 });
    const predictions = model.predictOnBatch(inputs) as tf.Tensor[];
    const export_ = process.env.STRATA_OPS_EXPORT_DIR;
    for (const format of ['keras', 'h5'] as const) {
      const bytes = await serializeModel(model, format);
      const loaded = await loadModel(bytes);
      const again = loaded.predictOnBatch(inputs) as tf.Tensor[];
      again.forEach((output, i) => expectAllClose(output, predictions[i]));
      tf.dispose(again);
      disposeLoaded(loaded);
      // For scripts/check_strata_ops_graph.py: real Keras loads these files and compares its predictions.
      if (export_) {
        mkdirSync(export_, { recursive: true });
        writeFileSync(join(export_, `strata_${name}.${format}`), bytes);
      }
    }
    if (export_) {
      const outputs = await Promise.all(predictions.map((p) => p.array()));
      writeFileSync(join(export_, `strata_${name}.json`), JSON.stringify({ inputs: data.inputs, outputs }));
    }
    tf.dispose([...inputs, ...targets, ...predictions]);
    disposeLoaded(model);
  });
});
