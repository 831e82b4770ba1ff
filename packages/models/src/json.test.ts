import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { Dense, Dropout, Input, add, builtInLayers, clearSession, concatenate } from '@strata/layers';
import { Adam } from '@strata/optimizers';
import { builtInOps } from '@strata/ops';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelFromJson } from './json';
import { Model } from './model';
import { Sequential } from './sequential';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/json');
const golden = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as Record<string, unknown>;
const registries = () => ({ layers: builtInLayers(), ops: builtInOps() });

beforeAll(async () => {
  await useBackend('cpu');
});

/** The models make_json_golden.py builds, built the same way in Strata. */
function sequential(): Sequential {
  clearSession();
  const model = new Sequential(
    [Input({ shape: [4], name: 'features' }), new Dense(8, { activation: 'relu', name: 'hidden' }), new Dropout(0.25, { name: 'dropout' }), new Dense(3, { activation: 'softmax', name: 'probabilities' })],
    { name: 'mlp' },
  );
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

function functional(): Model {
  clearSession();
  const left = Input({ shape: [4], name: 'left' });
  const right = Input({ shape: [4], name: 'right' });
  const joined = concatenate([left, right], { name: 'joined' });
  const hidden = new Dense(5, { activation: 'tanh', name: 'hidden' }).apply(joined);
  const summed = add([hidden, new Dense(5, { name: 'skip' }).apply(joined)], { name: 'summed' });
  const output = new Dense(1, { name: 'output' }).apply(summed);
  return new Model({ inputs: [left, right], outputs: output, name: 'two_inputs' });
}

/** Keras on torch names its optimizer's backend module and stores the learning rate as float32; neither is part of the architecture. */
function comparable(json: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  const optimizer = (copy.compile_config as Record<string, Record<string, unknown>> | undefined)?.optimizer;
  if (optimizer) {
    delete optimizer.module;
    delete optimizer.registered_name;
    const config = optimizer.config as Record<string, number>;
    config.learning_rate = Math.fround(config.learning_rate);
  }
  return copy;
}

describe('toJSON and modelFromJson', () => {
  it("writes Keras's to_json() for a compiled Sequential", () => {
    const model = sequential();
    expect(comparable(JSON.parse(model.toJSON()))).toEqual(comparable(golden('sequential.json')));
    model.dispose();
  });

  it("writes Keras's to_json() for a functional model with merge helpers", () => {
    const model = functional();
    expect(comparable(JSON.parse(model.toJSON()))).toEqual(comparable(golden('functional.json')));
    model.dispose();
  });

  it("getCompileConfig is Keras's get_compile_config()", () => {
    const model = sequential();
    expect(comparable({ compile_config: model.getCompileConfig() })).toEqual(comparable({ compile_config: golden('compile_config.json') }));
    model.dispose();
  });

  it("reads Keras's JSON into a model that predicts like one built in code with the same weights", () => {
    const before = tf.memory().numTensors;
    const original = functional();
    const loaded = modelFromJson(JSON.stringify(golden('functional.json')), registries());
    expect(loaded.layers.map((layer) => layer.name)).toEqual(original.layers.map((layer) => layer.name));
    expect(loaded.countParams()).toBe(original.countParams());
    const weights = original.getWeights();
    loaded.setWeights(weights);
    tf.dispose(weights);
    const x = [tf.randomNormal([3, 4], 0, 1, 'float32', 1), tf.randomNormal([3, 4], 0, 1, 'float32', 2)];
    const expected = tf.tidy(() => original.apply(x) as tf.Tensor);
    const actual = tf.tidy(() => loaded.apply(x) as tf.Tensor);
    expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([...x, expected, actual]);
    original.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips: modelFromJson(model.toJSON()) writes the same JSON', () => {
    for (const build of [sequential, functional]) {
      const model = build();
      const json = model.toJSON();
      const loaded = modelFromJson(json, registries());
      expect(loaded).toBeInstanceOf(build === sequential ? Sequential : Model);
      // Compiled from the JSON's compile config, as Keras's model_from_json does.
      expect(JSON.parse(loaded.toJSON())).toEqual(JSON.parse(json));
      expect(loaded.compiled !== null).toBe(model.compiled !== null);
      model.dispose();
      loaded.dispose();
    }
  });

  it("Strata's JSON that Keras's model_from_json was checked on is current (make_json_golden.py --check)", () => {
    // Regenerate with STRATA_WRITE_JSON_FIXTURES=1, then run make_json_golden.py --check strata_*.json with Keras.
    for (const [name, build] of [['strata_sequential.json', sequential], ['strata_functional.json', functional]] as const) {
      const model = build();
      const json = `${model.toJSON(1)}\n`;
      if (process.env.STRATA_WRITE_JSON_FIXTURES) writeFileSync(join(fixtures, name), json);
      expect(readFileSync(join(fixtures, name), 'utf8')).toBe(json);
      model.dispose();
    }
  });

  it('refuses text that is not a serialized model, and a subclassed model', () => {
    expect(() => modelFromJson('{"layers": []', registries())).toThrow(/not JSON/);
    expect(() => modelFromJson('[1, 2]', registries())).toThrow(/expects a serialized model/);
    expect(() => new Model({ name: 'sub' }).toJSON()).toThrow(/Model "sub" is a subclassed model/);
  });

  it('getBuildConfig / buildFromConfig build a Sequential for the recorded shape', () => {
    clearSession();
    const model = new Sequential([new Dense(2)]);
    expect(model.getBuildConfig()).toBeNull();
    model.buildFromConfig({ input_shape: [null, 5] });
    expect(model.getBuildConfig()).toEqual({ input_shape: [null, 5] });
    expect(model.countParams()).toBe(12);
    model.dispose();
  });
});
