import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SymbolicTensor } from '@strata/layers';
import { Input, Model, layers, useBackend, utils } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('keras.utils: pack/unpack_x_y_sample_weight and get_source_inputs', () => {
  it('packs and unpacks as Keras does', () => {
    const x = tf.ones([2, 3]);
    const y = tf.zeros([2, 1]);
    const w = tf.ones([2]);
    expect(utils.packXYSampleWeight(x)).toBe(x);
    expect(utils.packXYSampleWeight([x, x])).toEqual([[x, x]]);
    expect(utils.packXYSampleWeight(x, y)).toEqual([x, y]);
    expect(utils.packXYSampleWeight(x, y, w)).toEqual([x, y, w]);
    expect(utils.unpackXYSampleWeight(x)).toEqual([x, null, null]);
    expect(utils.unpackXYSampleWeight([x])).toEqual([x, null, null]);
    expect(utils.unpackXYSampleWeight([x, y])).toEqual([x, y, null]);
    expect(utils.unpackXYSampleWeight(utils.packXYSampleWeight(x, y, w))).toEqual([x, y, w]);
    expect(() => utils.unpackXYSampleWeight([x, y, w, w])).toThrow('Data is expected to be in format `x`, `[x]`, `[x, y]`, or `[x, y, sampleWeight]`; found an array of 4 items.');
    tf.dispose([x, y, w]);
  });

  it('finds the inputs a symbolic tensor comes from, each once, in the order reached', () => {
    const a = Input({ shape: [3], name: 'a' });
    const b = Input({ shape: [3], name: 'b' });
    const c = Input({ shape: [3], name: 'c' });
    const ab = new layers.Add().apply([a, b]) as SymbolicTensor;
    const hidden = new layers.Dense(3).apply(ab);
    const out = new layers.Concatenate().apply([hidden, b, new layers.Dense(3).apply(a)]);
    expect(utils.getSourceInputs(out)).toEqual([a, b]);
    expect(utils.getSourceInputs(c)).toEqual([c]);
    expect(utils.getSourceInputs(hidden)).toEqual([a, b]);
    const model = new Model({ inputs: [a, b], outputs: out });
    expect(model.inputs).toEqual(utils.getSourceInputs(out));
    model.dispose();
    // A value that is not a symbolic tensor comes back as it is, as in Keras.
    expect(utils.getSourceInputs(5)).toBe(5);
  });
});
