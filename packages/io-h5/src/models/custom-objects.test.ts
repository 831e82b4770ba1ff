import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { CustomObjectScope, Dense, Input, clearSession, customObjectScope, registerKerasSerializable } from '@strata/layers';
import { Model } from '@strata/models';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKerasArchive } from '../keras-archive';
import { readLegacyH5 } from '../legacy-h5';
import { KerasFileError } from '../types';
import { Scale, ScaledMSE, TinyModel } from './custom-objects-classes';
import { loadModel } from './load';
import { serializeModel } from './save';
import { disposeLoaded, tensorCount } from '../test-support/loaded-models';

/** Keras-written files (scripts/custom_objects_fixtures.py): registered Custom>Scale, Custom>ScaledMSE, Custom>TinyModel. */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'custom-objects');
const fixtureBytes = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, file)));
type Json = Record<string, unknown>;
interface Fixture {
  inputs: number[][][];
  outputs: number[][][];
  config: Json;
}
const fixture = (name: string): Fixture => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));

async function predictFixture(model: Model, name: string): Promise<tf.Tensor> {
  const input = tf.tensor(fixture(name).inputs[0]);
  try {
    return (await model.predict(input)) as tf.Tensor;
  } finally {
    input.dispose();
  }
}

function expectKerasOutputs(predicted: tf.Tensor, name: string): void {
  const expected = tf.tensor(fixture(name).outputs[0]);
  expectAllClose(predicted, expected, { rtol: 1e-5, atol: 1e-6 });
  tf.dispose([predicted, expected]);
}

/** Strata's build of custom_layer, with the names Keras gives it. */
function customLayerModel(): Model {
  clearSession();
  const x = Input({ shape: [3], name: 'x' });
  const hidden = new Dense(4, { activation: 'tanh', name: 'dense' }).apply(x);
  const model = new Model({ inputs: x, outputs: new Scale(1.5, { name: 'scale' }).apply(hidden), name: 'custom_layer' });
  // Adam, not SGD: Strata writes SGD's momentum 0 as the JSON integer 0, which Keras's SGD refuses (it wants a float).
  model.compile({ optimizer: 'adam', loss: new ScaledMSE(0.25) });
  return model;
}

beforeAll(async () => {
  await useBackend('cpu');
  // The user's explicit registrations, as `@register_keras_serializable(package="Custom")` in the Python twin.
  registerKerasSerializable(Scale, { package: 'Custom' });
  registerKerasSerializable(ScaledMSE, { package: 'Custom' });
  registerKerasSerializable(TinyModel, { package: 'Custom' });
});

describe('registered custom objects in files Keras 3.15.1 wrote', () => {
  for (const file of ['custom_layer.keras', 'custom_layer.h5']) {
    it(`${file}: the registered layer and loss class load by 'Custom>…' and predict Keras's numbers`, async () => {
      const before = tensorCount();
      const model = await loadModel(fixtureBytes(file), { container: file.endsWith('.h5') ? 'hdf5' : 'zip' });
      const scale = model.getLayer('scale');
      expect(scale).toBeInstanceOf(Scale);
      expect((scale as Scale).factor).toBe(1.5);
      const loss = model.compiled?.losses[0];
      expect(loss).toBeInstanceOf(ScaledMSE);
      expect((loss as ScaledMSE).factor).toBe(0.25);
      expectKerasOutputs(await predictFixture(model, 'custom_layer'), 'custom_layer');
      disposeLoaded(model);
      expect(tensorCount()).toBeLessThanOrEqual(before + 1);
    });
  }

  it("custom_model.keras: the registered subclassed model rebuilds from its config and predicts Keras's numbers", async () => {
    const model = await loadModel(fixtureBytes('custom_model.keras'));
    expect(model).toBeInstanceOf(TinyModel);
    expect((model as TinyModel).units).toBe(4);
    expect(model.name).toBe('tiny_model');
    expectKerasOutputs(await predictFixture(model, 'custom_model'), 'custom_model');
    disposeLoaded(model);
  });
});

describe('saving registered custom objects as Keras writes them', () => {
  it("writes module, class_name and registered_name 'Custom>Scale' / 'Custom>ScaledMSE' exactly as Keras's config.json has them", async () => {
    const model = customLayerModel();
    const config = (await readKerasArchive(await serializeModel(model, 'keras'))).config as Json;
    const keras = fixture('custom_layer').config;
    const entry = (c: Json, name: string) => ((c.config as Json).layers as Json[]).find((layer) => layer.name === name) as Json;
    const pick = (e: Json) => ({ module: e.module, class_name: e.class_name, registered_name: e.registered_name, inbound_nodes: e.inbound_nodes });
    expect(pick(entry(config, 'scale'))).toEqual(pick(entry(keras, 'scale')));
    expect((entry(config, 'scale').config as Json).factor).toBe(1.5);
    expect((config.compile_config as Json).loss).toEqual((keras.compile_config as Json).loss);
    disposeLoaded(model);
  });

  it("writes the legacy .h5 dialect as Keras does: class_name 'Custom>Scale', the loss as 'Custom>ScaledMSE'", async () => {
    const model = customLayerModel();
    const file = await readLegacyH5(await serializeModel(model, 'h5'));
    const layers = ((file.modelConfig as Json).config as Json).layers as Json[];
    expect(layers.map((layer) => layer.class_name)).toEqual(['InputLayer', 'Dense', 'Custom>Scale']);
    expect(((file.trainingConfig as Json).loss as Json).class_name).toBe('Custom>ScaledMSE');
    disposeLoaded(model);
  });

  for (const format of ['keras', 'h5'] as const) {
    it(`a model with a registered layer and loss round-trips through .${format}: same weights, predictions and loss`, async () => {
      const model = customLayerModel();
      const input = tf.tensor(fixture('custom_layer').inputs[0]);
      const expected = (await model.predict(input)) as tf.Tensor;
      const loaded = await loadModel(await serializeModel(model, format), { container: format === 'h5' ? 'hdf5' : 'zip' });
      const predicted = (await loaded.predict(input)) as tf.Tensor;
      expectAllClose(predicted, expected, { rtol: 0, atol: 0 });
      expect((loaded.compiled?.losses[0] as ScaledMSE | undefined)?.factor).toBe(0.25);
      tf.dispose([input, expected, predicted]);
      disposeLoaded(model);
      disposeLoaded(loaded);
    });
  }

  it('a registered subclassed model saves its config, build_config and weights, and loads as its own class', async () => {
    clearSession();
    const model = new TinyModel(3, { name: 'tiny_model' });
    model.maybeBuild([1, 3]);
    const bytes = await serializeModel(model, 'keras');
    const config = (await readKerasArchive(bytes)).config as Json;
    const keras = fixture('custom_model').config;
    expect({ module: config.module, class_name: config.class_name, registered_name: config.registered_name, build_config: config.build_config }).toEqual({
      module: keras.module,
      class_name: keras.class_name,
      registered_name: keras.registered_name,
      build_config: keras.build_config,
    });
    expect(config.config).toEqual({ ...(keras.config as Json), units: 3 });
    const loaded = await loadModel(bytes);
    expect(loaded).toBeInstanceOf(TinyModel);
    const input = tf.tensor(fixture('custom_model').inputs[0]);
    const [ours, theirs] = [(await model.predict(input)) as tf.Tensor, (await loaded.predict(input)) as tf.Tensor];
    expectAllClose(theirs, ours, { rtol: 0, atol: 0 });
    tf.dispose([input, ours, theirs]);
    model.dispose();
    loaded.dispose();
  });

  it('refuses to save an unregistered subclassed model, naming the class and the call that fixes it', async () => {
    class Unregistered extends TinyModel {
      static override className = 'Unregistered';
    }
    const model = new Unregistered(2);
    model.maybeBuild([1, 3]);
    await expect(serializeModel(model, 'keras')).rejects.toThrow(/class Unregistered.*registerKerasSerializable\(Unregistered/);
    model.dispose();
  });
});

describe('where loading finds a custom class: scope, then registry, then customObjects, then built-ins', () => {
  /** A second class under the same registered name, to see which one a load picks. */
  class OtherScale extends Scale {
    static override fromConfig(config: Record<string, unknown>): OtherScale {
      return new OtherScale(config.factor as number, { name: config.name as string });
    }
  }

  it('an open customObjectScope wins over the registry, and the registry over customObjects', async () => {
    const bytes = fixtureBytes('custom_layer.keras');
    const fromRegistry = await loadModel(bytes, { customObjects: { 'Custom>Scale': OtherScale } });
    expect(fromRegistry.getLayer('scale').constructor).toBe(Scale);
    const fromScope = await customObjectScope({ 'Custom>Scale': OtherScale }, () => loadModel(bytes));
    expect(fromScope.getLayer('scale').constructor).toBe(OtherScale);
    disposeLoaded(fromRegistry);
    disposeLoaded(fromScope);
  });

  it('a CustomObjectScope closes when disposed, and the registry answers again', async () => {
    const bytes = fixtureBytes('custom_layer.keras');
    {
      using _scope = new CustomObjectScope({ 'Custom>Scale': OtherScale }).enter();
      const loaded = await loadModel(bytes);
      expect(loaded.getLayer('scale').constructor).toBe(OtherScale);
      disposeLoaded(loaded);
    }
    const loaded = await loadModel(bytes);
    expect(loaded.getLayer('scale').constructor).toBe(Scale);
    disposeLoaded(loaded);
  });

  it('a class neither registered nor given is refused before anything is built, by its registered name', async () => {
    const config = { ...fixture('custom_layer').config };
    const layers = ((config.config as Json).layers as Json[]).map((layer) => (layer.name === 'scale' ? { ...layer, registered_name: 'Other>Scale', class_name: 'Scale2' } : layer));
    const before = tensorCount();
    const { modelFromKerasFile } = await import('./load');
    expect(() =>
      modelFromKerasFile({ kind: 'keras-archive', metadata: {}, config: { ...config, config: { ...(config.config as Json), layers } }, assets: new Map(), weights: new Map(), groups: [] } as never),
    ).toThrow(KerasFileError);
    expect(() =>
      modelFromKerasFile({ kind: 'keras-archive', metadata: {}, config: { ...config, config: { ...(config.config as Json), layers } }, assets: new Map(), weights: new Map(), groups: [] } as never),
    ).toThrow(/Other>Scale/);
    expect(tensorCount()).toBe(before);
  });
});

/**
 * With STRATA_CUSTOM_EXPORT_DIR set, writes Strata's saves of these models and its predictions for
 * scripts/check_strata_custom_objects.py, which loads them in real Keras with the same classes in Python.
 */
describe.skipIf(!process.env.STRATA_CUSTOM_EXPORT_DIR)('export for the Keras check', () => {
  it('writes strata_custom_layer.{keras,h5} and strata_custom_model.keras with their predictions', async () => {
    const folder = process.env.STRATA_CUSTOM_EXPORT_DIR as string;
    mkdirSync(folder, { recursive: true });
    const model = customLayerModel();
    // Train one step so that the weights differ from their initial values (and the gain from its factor).
    const x = tf.tensor(fixture('custom_layer').inputs[0]);
    await model.fit(x, tf.ones([2, 4]), { epochs: 1, batchSize: 2, verbose: 0 });
    for (const format of ['keras', 'h5'] as const) writeFileSync(join(folder, `strata_custom_layer.${format}`), await serializeModel(model, format));
    writeFileSync(join(folder, 'strata_custom_layer.json'), JSON.stringify({ inputs: [await x.array()], outputs: [await ((await model.predict(x)) as tf.Tensor).array()] }));
    clearSession();
    const tiny = new TinyModel(5, { name: 'tiny_model' });
    tiny.maybeBuild([1, 3]);
    writeFileSync(join(folder, 'strata_custom_model.keras'), await serializeModel(tiny, 'keras'));
    writeFileSync(join(folder, 'strata_custom_model.json'), JSON.stringify({ inputs: [await x.array()], outputs: [await ((await tiny.predict(x)) as tf.Tensor).array()] }));
  });
});
