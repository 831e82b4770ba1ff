// What the image goldens cannot hold: elastic_transform draws random numbers (Keras's torch backend uses torch's
// global generator and ignores the seed, so no recorded output can be reproduced), and Strata's deliberate
// departures from Keras 3.15.1's torch backend.
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as ops from '../index';

let before = 0;
beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors, 'tensors leaked').toBe(before);
});

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
const extreme = (x: tf.Tensor, which: 'min' | 'max') => tf.tidy(() => (which === 'min' ? tf.min(x) : tf.max(x)).dataSync()[0]);
const image = () => tf.tidy(() => tf.div(tf.reshape(tf.range(0, 2 * 8 * 10 * 3, 1, 'float32'), [2, 8, 10, 3]), 480));

describe('elasticTransform', () => {
  it('is the identity when alpha is 0', () => {
    const x = image();
    const y = ops.image.elasticTransform(x, { alpha: 0, sigma: 1 });
    expect(maxAbsDiff(y, x)).toBeLessThan(1e-6);
    tf.dispose([x, y]);
  });

  it('moves pixels, repeatably for one seed, differently for another', () => {
    const x = image();
    const a = ops.image.elasticTransform(x, { alpha: 3, sigma: 1, seed: 7 });
    const b = ops.image.elasticTransform(x, { alpha: 3, sigma: 1, seed: 7 });
    const c = ops.image.elasticTransform(x, { alpha: 3, sigma: 1, seed: 8 });
    expect(a.shape).toEqual(x.shape);
    expect(maxAbsDiff(a, x)).toBeGreaterThan(1e-3);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(maxAbsDiff(a, c)).toBeGreaterThan(1e-4);
    // 'reflect' reads inside the image: every value stays within the input's range.
    expect(extreme(a, 'min')).toBeGreaterThanOrEqual(extreme(x, 'min') - 1e-6);
    expect(extreme(a, 'max')).toBeLessThanOrEqual(extreme(x, 'max') + 1e-6);
    tf.dispose([x, a, b, c]);
  });

  it('moves every channel of a pixel together (one field per image) in either data format', () => {
    const gray = tf.tidy(() => tf.tile(tf.randomUniform([1, 6, 7, 1], 0, 1, 'float32', 3), [1, 1, 1, 3]));
    const y = ops.image.elasticTransform(gray, { alpha: 2, sigma: 1, seed: 1 });
    const [r, g, b] = tf.split(y, 3, -1);
    expect(Array.from(r.dataSync())).toEqual(Array.from(g.dataSync()));
    expect(Array.from(r.dataSync())).toEqual(Array.from(b.dataSync()));
    const first = tf.transpose(gray, [0, 3, 1, 2]);
    const yFirst = ops.image.elasticTransform(first, { alpha: 2, sigma: 1, seed: 1, dataFormat: 'channels_first' });
    expect(yFirst.shape).toEqual([1, 3, 6, 7]);
    tf.dispose([gray, y, r, g, b, first, yFirst]);
  });

  it('refuses an unknown interpolation or fill mode', () => {
    const x = image();
    expect(() => ops.image.elasticTransform(x, { interpolation: 'bicubic' as never })).toThrow(/interpolation/);
    expect(() => ops.image.elasticTransform(x, { fillMode: 'edge' as never })).toThrow(/fillMode/);
    x.dispose();
  });
});

describe('departures from Keras 3.15.1 on torch', () => {
  it('affineTransform applies one transform to every image of a batch (Keras on torch raises)', () => {
    const x = image();
    const shift = [1, 0, 1, 0, 1, 0, 0, 0];
    const batched = ops.image.affineTransform(x, shift);
    const each = ops.image.affineTransform(x, [shift, shift]);
    expect(Array.from(batched.dataSync())).toEqual(Array.from(each.dataSync()));
    tf.dispose([x, batched, each]);
  });

  it('gaussianBlur defaults to channels_last, as documented (Keras on torch reads the default as channels_first)', () => {
    const x = image();
    const implicit = ops.image.gaussianBlur(x);
    const explicit = ops.image.gaussianBlur(x, { dataFormat: 'channels_last' });
    expect(Array.from(implicit.dataSync())).toEqual(Array.from(explicit.dataSync()));
    tf.dispose([x, implicit, explicit]);
  });
});
