import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { Add, AdditiveAttention, Attention, Concatenate, Dense, Input, MultiHeadAttention, Softmax, type SymbolicTensor, clearSession } from '@strata/layers';
import { Model } from '@strata/models';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKerasArchive } from '../keras-archive';
import { readLegacyH5 } from '../legacy-h5';
import { loadModel } from './load';
import { serializeModel } from './save';
import { disposeLoaded, tensorCount } from '../test-support/loaded-models';

/**
 * Layers called on several tensors, positional and keyword (scripts/custom_objects_fixtures.py, multi_arg):
 * MultiHeadAttention(query, value, key, attention_mask=...), MultiHeadAttention(query, value,
 * use_causal_mask=True, return_attention_scores=True), Attention([q, v], mask=[q_mask, v_mask]),
 * Attention([q, v, k], use_causal_mask=True), AdditiveAttention([q, v]), Concatenate and Add of lists,
 * Softmax(x, mask=...).
 */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'custom-objects');
const fixtureBytes = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, file)));
type Json = Record<string, unknown>;
interface Fixture {
  inputs: unknown[];
  input_dtypes: string[];
  outputs: unknown[];
  config: Json;
}
const fixture: Fixture = JSON.parse(readFileSync(join(FIXTURES, 'multi_arg.json'), 'utf8'));

beforeAll(async () => {
  await useBackend('cpu');
});

/** Strata's build of multi_arg, with the names Keras gives it. */
function multiArgModel(): Model {
  clearSession();
  const q = Input({ shape: [4, 8], name: 'query' });
  const v = Input({ shape: [5, 8], name: 'value' });
  const k = Input({ shape: [5, 8], name: 'key' });
  const attentionMask = Input({ shape: [4, 5], dtype: 'bool', name: 'attention_mask' });
  const queryMask = Input({ shape: [4], dtype: 'bool', name: 'query_mask' });
  const valueMask = Input({ shape: [5], dtype: 'bool', name: 'value_mask' });
  const o1 = new MultiHeadAttention(2, 3, { name: 'mha' }).apply([q, v, k], { attentionMask }) as SymbolicTensor;
  const [o2, scores] = new MultiHeadAttention(1, 4, { name: 'mha_causal' }).apply([q, v], { useCausalMask: true, returnAttentionScores: true }) as SymbolicTensor[];
  const o3 = new Attention({ name: 'attention' }).apply([q, v], { mask: [queryMask, valueMask] }) as SymbolicTensor;
  const o4 = new Attention({ useScale: true, name: 'attention_causal' }).apply([q, v, k], { useCausalMask: true }) as SymbolicTensor;
  const o5 = new AdditiveAttention({ name: 'additive' }).apply([q, v]) as SymbolicTensor;
  const joined = new Concatenate({ axis: -1, name: 'concat' }).apply([o1, o2, o3, o4, o5]) as SymbolicTensor;
  const summed = new Add({ name: 'add' }).apply([o1, o3]) as SymbolicTensor;
  const masked = new Softmax({ name: 'softmax' }).apply(new Dense(5, { name: 'logits' }).apply(q), { mask: attentionMask });
  return new Model({ inputs: [q, v, k, attentionMask, queryMask, valueMask], outputs: [joined, summed, scores, masked], name: 'multi_arg' });
}

function fixtureInputs(): tf.Tensor[] {
  return fixture.inputs.map((value, i) => (fixture.input_dtypes[i] === 'bool' ? tf.tensor(value as boolean[], undefined, 'bool') : tf.tensor(value as number[])));
}

async function predictAll(model: Model, inputs: tf.Tensor[]): Promise<tf.Tensor[]> {
  return (await model.predict(inputs)) as tf.Tensor[];
}

const layerEntries = (config: Json): Json[] => (config.config as Json).layers as Json[];

describe('layers called on several tensors, in files Keras 3.15.1 wrote', () => {
  for (const file of ['multi_arg.keras', 'multi_arg.h5']) {
    it(`${file} loads with every positional and keyword tensor in place, and predicts Keras's four outputs`, async () => {
      const before = tensorCount();
      const model = await loadModel(fixtureBytes(file), { container: file.endsWith('.h5') ? 'hdf5' : 'zip' });
      const inputs = fixtureInputs();
      const outputs = await predictAll(model, inputs);
      expect(outputs.map((output) => output.shape)).toEqual([
        [2, 4, 40],
        [2, 4, 8],
        [2, 1, 4, 5],
        [2, 4, 5],
      ]);
      outputs.forEach((output, i) => {
        const expected = tf.tensor(fixture.outputs[i] as number[]);
        expectAllClose(output, expected, { rtol: 1e-5, atol: 1e-6 });
        expected.dispose();
      });
      tf.dispose([...inputs, ...outputs]);
      disposeLoaded(model);
      expect(tensorCount()).toBe(before);
    });
  }
});

describe('saving layers called on several tensors as Keras writes them', () => {
  it("records each call's args and kwargs, and each layer's build_config (MultiHeadAttention's shapes_dict), exactly as Keras's config.json does", async () => {
    const model = multiArgModel();
    const config = (await readKerasArchive(await serializeModel(model, 'keras'))).config as Json;
    const ours = new Map(layerEntries(config).map((entry) => [entry.name, entry]));
    const keras = layerEntries(fixture.config);
    expect([...ours.keys()].sort()).toEqual(keras.map((entry) => entry.name).sort());
    for (const entry of keras) {
      const mine = ours.get(entry.name as string) as Json;
      expect({ name: entry.name, inbound_nodes: mine.inbound_nodes, build_config: mine.build_config }).toEqual({
        name: entry.name,
        inbound_nodes: entry.inbound_nodes,
        build_config: entry.build_config,
      });
    }
    expect((config.config as Json).output_layers).toEqual((fixture.config.config as Json).output_layers);
    model.dispose();
  });

  it('writes the same nodes into the legacy .h5 model_config', async () => {
    const model = multiArgModel();
    const file = await readLegacyH5(await serializeModel(model, 'h5'));
    const mha = layerEntries(file.modelConfig as Json).find((entry) => entry.name === 'mha') as Json;
    const kerasMha = layerEntries(fixture.config).find((entry) => entry.name === 'mha') as Json;
    expect(mha.inbound_nodes).toEqual(kerasMha.inbound_nodes);
    model.dispose();
  });

  for (const format of ['keras', 'h5'] as const) {
    it(`round-trips through .${format}: the loaded model predicts what the saved one did`, async () => {
      const model = multiArgModel();
      const inputs = fixtureInputs();
      const expected = await predictAll(model, inputs);
      const loaded = await loadModel(await serializeModel(model, format), { container: format === 'h5' ? 'hdf5' : 'zip' });
      const predicted = await predictAll(loaded, inputs);
      predicted.forEach((output, i) => expectAllClose(output, expected[i], { rtol: 0, atol: 0 }));
      tf.dispose([...inputs, ...expected, ...predicted]);
      model.dispose();
      disposeLoaded(loaded);
    });
  }

  it('a symbolic keyword tensor changes the result: the attention mask and the causal mask are applied, not dropped', async () => {
    const model = multiArgModel();
    const inputs = fixtureInputs();
    const masked = await predictAll(model, inputs);
    const open = [...inputs];
    open[3] = tf.onesLike(inputs[3]);
    const unmasked = await predictAll(model, open);
    // Output 3 is Softmax(logits, mask=attention_mask): masked positions get probability 0 only under the mask.
    const zeros = tf.tidy(() => tf.sum(tf.cast(tf.equal(masked[3], 0), 'int32')).dataSync()[0]);
    const openZeros = tf.tidy(() => tf.sum(tf.cast(tf.equal(unmasked[3], 0), 'int32')).dataSync()[0]);
    const maskedOut = tf.tidy(() => tf.sum(tf.logicalNot(inputs[3] as tf.Tensor)).dataSync()[0]);
    expect(zeros).toBe(maskedOut);
    expect(openZeros).toBe(0);
    // Scores of the causal head: query position 0 attends to key position 0 only.
    const firstRow = tf.tidy(() => tf.slice(masked[2], [0, 0, 0, 1], [2, 1, 1, 4]).dataSync());
    expect([...firstRow].every((value) => value === 0)).toBe(true);
    tf.dispose([...inputs, open[3], ...masked, ...unmasked]);
    model.dispose();
  });
});

/**
 * With STRATA_MULTI_ARG_EXPORT_DIR set, writes Strata's saves of multi_arg (after one training step, so the
 * weights are Strata's own) with its inputs and predictions, for scripts/check_strata_custom_objects.py.
 */
describe.skipIf(!process.env.STRATA_MULTI_ARG_EXPORT_DIR)('export for the Keras check', () => {
  it('writes strata_multi_arg.{keras,h5} and strata_multi_arg.json', async () => {
    const folder = process.env.STRATA_MULTI_ARG_EXPORT_DIR as string;
    mkdirSync(folder, { recursive: true });
    const model = multiArgModel();
    const inputs = fixtureInputs();
    const outputs = await predictAll(model, inputs);
    for (const format of ['keras', 'h5'] as const) writeFileSync(join(folder, `strata_multi_arg.${format}`), await serializeModel(model, format));
    writeFileSync(
      join(folder, 'strata_multi_arg.json'),
      JSON.stringify({ inputs: await Promise.all(inputs.map((x) => x.array())), input_dtypes: fixture.input_dtypes, outputs: await Promise.all(outputs.map((y) => y.array())) }),
    );
    tf.dispose([...inputs, ...outputs]);
    model.dispose();
  });
});
