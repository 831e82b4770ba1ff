import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import {
  Average,
  Bidirectional,
  Dense,
  Dot,
  Embedding,
  GlobalAveragePooling1D,
  GRU,
  Input,
  LSTM,
  Maximum,
  Minimum,
  MultiHeadAttention,
  Multiply,
  SimpleRNN,
  Subtract,
  type SymbolicTensor,
  TimeDistributed,
  clearSession,
} from '@strata/layers';
import { Model } from '@strata/models';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKerasArchive } from '../keras-archive';
import { loadModel } from './load';
import { serializeModel } from './save';
import { disposeLoaded, tensorCount } from '../test-support/loaded-models';

/**
 * The other layers whose call takes a mask or several tensors (scripts/custom_objects_fixtures.py, mask_args):
 * LSTM(x, mask, initial_state=[h, c]), GRU(x, initial_state=h), GlobalAveragePooling1D(x, mask),
 * TimeDistributed(x, mask), Bidirectional(x, mask), MultiHeadAttention(x, x, query_mask, value_mask), an
 * Embedding's mask into SimpleRNN, and the merge layers Dot, Subtract, Multiply, Average, Maximum, Minimum.
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
const fixture: Fixture = JSON.parse(readFileSync(join(FIXTURES, 'mask_args.json'), 'utf8'));

beforeAll(async () => {
  await useBackend('cpu');
});

/** Strata's build of mask_args, with the names Keras gives it. */
function maskArgsModel(): Model {
  clearSession();
  const x = Input({ shape: [6, 3], name: 'x' });
  const mask = Input({ shape: [6], dtype: 'bool', name: 'mask' });
  const h0 = Input({ shape: [4], name: 'h0' });
  const c0 = Input({ shape: [4], name: 'c0' });
  const tokens = Input({ shape: [6], dtype: 'int32', name: 'tokens' });
  const seq = new LSTM(4, { returnSequences: true, name: 'lstm' }).apply(x, { mask, initialState: [h0, c0] });
  const gru = new GRU(4, { name: 'gru' }).apply(x, { initialState: h0 });
  const pooled = new GlobalAveragePooling1D({ name: 'gap' }).apply(seq, { mask });
  const td = new TimeDistributed(new Dense(2, { name: 'inner' }), { name: 'td' }).apply(x, { mask });
  const bi = new Bidirectional(new LSTM(3, { name: 'inner_lstm' }), { name: 'bi' }).apply(x, { mask });
  const implicit = new SimpleRNN(2, { name: 'rnn' }).apply(new Embedding(10, 3, { maskZero: true, name: 'emb' }).apply(tokens));
  const selfAttention = new MultiHeadAttention(2, 2, { name: 'self_mha' }).apply([x, x], { mask: [mask, mask] }) as SymbolicTensor;
  const dot = new Dot(1, { name: 'dot' }).apply([pooled, gru]) as SymbolicTensor;
  const merged = [
    new Subtract({ name: 'sub' }).apply([pooled, gru]),
    new Multiply({ name: 'mul' }).apply([pooled, gru, h0]),
    new Average({ name: 'avg' }).apply([pooled, gru, h0]),
    new Maximum({ name: 'max' }).apply([pooled, gru, h0]),
    new Minimum({ name: 'min' }).apply([pooled, gru, h0]),
  ] as SymbolicTensor[];
  return new Model({ inputs: [x, mask, h0, c0, tokens], outputs: [td, bi, implicit, selfAttention, dot, ...merged], name: 'mask_args' });
}

function fixtureInputs(): tf.Tensor[] {
  return fixture.inputs.map((value, i) => tf.tensor(value as number[], undefined, fixture.input_dtypes[i] as tf.DataType));
}

const layerEntries = (config: Json): Json[] => (config.config as Json).layers as Json[];

describe('layers with mask and state arguments, in files Keras 3.15.1 wrote', () => {
  for (const file of ['mask_args.keras', 'mask_args.h5']) {
    it(`${file} loads (the Embedding's mask as Keras's NotEqual op) and predicts Keras's ten outputs`, async () => {
      const before = tensorCount();
      const model = await loadModel(fixtureBytes(file), { container: file.endsWith('.h5') ? 'hdf5' : 'zip' });
      const inputs = fixtureInputs();
      const outputs = (await model.predict(inputs)) as tf.Tensor[];
      expect(outputs).toHaveLength(10);
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

describe('saving layers with mask and state arguments as Keras writes them', () => {
  it('records mask, initial_state, query_mask and value_mask as keyword tensors and merge inputs as one list, as Keras does', async () => {
    const model = maskArgsModel();
    const config = (await readKerasArchive(await serializeModel(model, 'keras'))).config as Json;
    const ours = new Map(layerEntries(config).map((entry) => [entry.name, entry]));
    // Keras records an Embedding's implicit mask as a NotEqual op and passes it to SimpleRNN as mask=...;
    // Strata passes the mask along at run time (Keras does too when a file has no such node), so rnn differs.
    for (const entry of layerEntries(fixture.config).filter((e) => !['not_equal', 'rnn'].includes(e.name as string))) {
      expect({ name: entry.name, inbound_nodes: ours.get(entry.name as string)?.inbound_nodes }).toEqual({ name: entry.name, inbound_nodes: entry.inbound_nodes });
    }
    model.dispose();
  });

  for (const format of ['keras', 'h5'] as const) {
    it(`round-trips through .${format}: the loaded model predicts what the saved one did`, async () => {
      const model = maskArgsModel();
      const inputs = fixtureInputs();
      const expected = (await model.predict(inputs)) as tf.Tensor[];
      const loaded = await loadModel(await serializeModel(model, format), { container: format === 'h5' ? 'hdf5' : 'zip' });
      const predicted = (await loaded.predict(inputs)) as tf.Tensor[];
      predicted.forEach((output, i) => expectAllClose(output, expected[i], { rtol: 0, atol: 0 }));
      tf.dispose([...inputs, ...expected, ...predicted]);
      model.dispose();
      disposeLoaded(loaded);
    });
  }

  it('the keyword tensors are used: another initial state or mask gives other outputs', async () => {
    const model = maskArgsModel();
    const inputs = fixtureInputs();
    const base = (await model.predict(inputs)) as tf.Tensor[];
    const changed = [...inputs];
    changed[1] = tf.onesLike(inputs[1]); // every step unmasked
    changed[3] = tf.add(inputs[3], 1); // another LSTM cell state
    const other = (await model.predict(changed)) as tf.Tensor[];
    // td (TimeDistributed ignores the mask), and rnn (its own tokens) stay; bi, self_mha and the pooled merges change.
    const maxDiff = (i: number) => tf.tidy(() => tf.max(tf.abs(tf.sub(base[i], other[i]))).dataSync()[0]);
    expect(maxDiff(0)).toBe(0);
    expect(maxDiff(2)).toBe(0);
    for (const i of [1, 3, 4, 5]) expect(maxDiff(i)).toBeGreaterThan(1e-4);
    tf.dispose([...inputs, changed[1], changed[3], ...base, ...other]);
    model.dispose();
  });
});

/** With STRATA_MULTI_ARG_EXPORT_DIR set, writes Strata's saves of mask_args for scripts/check_strata_custom_objects.py. */
describe.skipIf(!process.env.STRATA_MULTI_ARG_EXPORT_DIR)('export for the Keras check', () => {
  it('writes strata_mask_args.{keras,h5} and strata_mask_args.json', async () => {
    const folder = process.env.STRATA_MULTI_ARG_EXPORT_DIR as string;
    mkdirSync(folder, { recursive: true });
    const model = maskArgsModel();
    const inputs = fixtureInputs();
    const outputs = (await model.predict(inputs)) as tf.Tensor[];
    for (const format of ['keras', 'h5'] as const) writeFileSync(join(folder, `strata_mask_args.${format}`), await serializeModel(model, format));
    writeFileSync(
      join(folder, 'strata_mask_args.json'),
      JSON.stringify({ inputs: await Promise.all(inputs.map((x) => x.array())), input_dtypes: fixture.input_dtypes, outputs: await Promise.all(outputs.map((y) => y.array())) }),
    );
    tf.dispose([...inputs, ...outputs]);
    model.dispose();
  });
});
