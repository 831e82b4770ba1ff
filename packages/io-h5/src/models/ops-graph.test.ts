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
import { disposeLoaded } from './test-support';

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
  for (const file of ['ops_basic.keras', 'ops_basic.h5']) {
    it(`${file} loads and predicts Keras's numbers, without leaking`, async () => {
      const before = tf.memory().numTensors;
      const model = await loadModel(fixtureBytes(file));
      expect(model.layers.map((layer) => layer.name)).toEqual(['x', 'dense', 'w', 'merge']);
      expectOutputs(model, fixture('ops_basic'));
      disposeLoaded(model);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('Strata-built models with ops save in the exact form Keras writes', () => {
  it('the .keras config and the .h5 model_config equal those Keras wrote for the same architecture', async () => {
    const keras = await loadModel(fixtureBytes('ops_basic.keras'));
    const model = opsBasic();
    model.setWeights(keras.getWeights());
    const ours = await readKerasArchive(await serializeModel(model, 'keras'));
    const theirs = await readKerasArchive(fixtureBytes('ops_basic.keras'));
    const { config: ourConfig } = asJson(ours.config) as { config: { layers: unknown[] } };
    const { config: theirConfig } = asJson(theirs.config) as { config: { layers: unknown[] } };
    expect(ourConfig.layers).toEqual(theirConfig.layers);
    expect(ourConfig).toEqual(theirConfig);
    const ourH5 = await readLegacyH5(await serializeModel(model, 'h5'));
    const theirH5 = await readLegacyH5(fixtureBytes('ops_basic.h5'));
    expect(ourH5.modelConfig).toEqual(asJson(theirH5.modelConfig));
    expect([...ourH5.layers.keys()]).toEqual([...theirH5.layers.keys()]);
    expectOutputs(model, fixture('ops_basic'));
    model.dispose();
    disposeLoaded(keras);
  });

  it('trains, saves to .keras and .h5, and loads back with the same predictions', async () => {
    const model = opsBasic();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const data = fixture('ops_basic');
    const inputs = data.inputs.map((x) => tf.tensor2d(x));
    const targets = [tf.ones([3, 3]), tf.zeros([3])];
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
        writeFileSync(join(export_, `strata_ops_basic.${format}`), bytes);
      }
    }
    if (export_) {
      const outputs = await Promise.all(predictions.map((p) => p.array()));
      writeFileSync(join(export_, 'strata_ops_basic.json'), JSON.stringify({ inputs: data.inputs, outputs }));
    }
    tf.dispose([...inputs, ...targets, ...predictions]);
    disposeLoaded(model);
  });
});
