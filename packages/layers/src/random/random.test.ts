import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setRandomSeed } from '../initializers/seed';
import * as random from './index';

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

/** Reads a tensor and disposes it. */
function take(t: tf.Tensor): number[] {
  const values = Array.from(t.dataSync());
  t.dispose();
  return values;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => mean(xs.map((x) => (x - mean(xs)) ** 2));

describe('keras.random', () => {
  it('a number seed gives the same draw each call; a SeedGenerator a new one each call, the same sequence for the same seed', () => {
    expect(take(random.normal([5], { seed: 7 }))).toEqual(take(random.normal([5], { seed: 7 })));
    const a = new random.SeedGenerator(3);
    const b = new random.SeedGenerator(3);
    const first = take(random.uniform([4], { seed: a }));
    expect(take(random.uniform([4], { seed: a }))).not.toEqual(first);
    expect(take(random.uniform([4], { seed: b }))).toEqual(first);
    expect(a.getConfig()).toEqual({ seed: 3 });
  });

  it('without a seed, draws follow setRandomSeed as Keras’s set_random_seed makes them', () => {
    setRandomSeed(42);
    const first = [take(random.normal([3])), take(random.randint([3], 0, 100))];
    setRandomSeed(42);
    expect([take(random.normal([3])), take(random.randint([3], 0, 100))]).toEqual(first);
  });

  it('draws the distributions Keras names, with their moments', () => {
    const n = 20000;
    const normal = take(random.normal([n], { mean: 2, stddev: 3, seed: 1 }));
    expect(mean(normal)).toBeCloseTo(2, 1);
    expect(Math.sqrt(variance(normal))).toBeCloseTo(3, 1);
    const uniform = take(random.uniform([n], { minval: -1, maxval: 3, seed: 2 }));
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...uniform)).toBeLessThan(3);
    expect(mean(uniform)).toBeCloseTo(1, 1);
    const truncated = take(random.truncatedNormal([n], { seed: 3 }));
    expect(Math.max(...truncated.map(Math.abs))).toBeLessThanOrEqual(2);
    // A standard normal truncated at ±2 has variance 1 - 2·2φ(2)/(2Φ(2) - 1) ≈ 0.774.
    expect(variance(truncated)).toBeCloseTo(0.774, 1);
    const integers = random.randint([n], 3, 7, { seed: 4 });
    expect(integers.dtype).toBe('int32');
    expect([...new Set(take(integers))].sort()).toEqual([3, 4, 5, 6]);
    const gamma = take(random.gamma([n], 2.5, { seed: 5 }));
    expect(mean(gamma)).toBeCloseTo(2.5, 1);
    expect(variance(gamma)).toBeCloseTo(2.5, 0);
    const beta = take(random.beta([n], 2, 6, { seed: 6 }));
    expect(mean(beta)).toBeCloseTo(0.25, 2);
    expect(Math.min(...beta)).toBeGreaterThan(0);
    const binomial = take(random.binomial([n], 10, 0.3, { seed: 7 }));
    expect(mean(binomial)).toBeCloseTo(3, 1);
    expect(variance(binomial)).toBeCloseTo(2.1, 1);
    expect(Math.max(...binomial)).toBeLessThanOrEqual(10);
  });

  it('binomial takes per-element counts and probabilities', () => {
    const counts = tf.tensor1d([0, 5, 5]);
    const probabilities = tf.tensor1d([0.5, 0, 1]);
    expect(take(random.binomial([3], counts, probabilities, { seed: 1 }))).toEqual([0, 0, 5]);
    tf.dispose([counts, probabilities]);
  });

  it('categorical samples classes by their logits; shuffle permutes; dropout zeroes at the rate and rescales', () => {
    const logits = tf.tensor2d([
      [0, 0, 10],
      [10, -10, -10],
    ]);
    const classes = random.categorical(logits, 50, { seed: 1 });
    expect(classes.shape).toEqual([2, 50]);
    const drawn = take(classes);
    expect(drawn.slice(0, 50).filter((c) => c === 2).length).toBeGreaterThan(45);
    expect(drawn.slice(50).every((c) => c === 0)).toBe(true);
    logits.dispose();
    const x = tf.range(0, 10);
    expect(take(random.shuffle(x, { seed: 3 })).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const rows = tf.tensor2d([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const shuffled = take(random.shuffle(rows, { axis: 0, seed: 5 }));
    for (let i = 0; i < 3; i++) expect(shuffled[2 * i]).toBe(shuffled[2 * i + 1]);
    rows.dispose();
    x.dispose();
    const ones = tf.ones([20000]);
    const dropped = take(random.dropout(ones, 0.25, { seed: 9 }));
    expect(new Set(dropped)).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    expect(dropped.filter((v) => v === 0).length / dropped.length).toBeCloseTo(0.25, 1);
    ones.dispose();
    const grid = tf.ones([4, 3]);
    const perRow = take(random.dropout(grid, 0.5, { noiseShape: [4, 1], seed: 2 }));
    for (let row = 0; row < 4; row++) expect(new Set(perRow.slice(3 * row, 3 * row + 3)).size).toBe(1);
    grid.dispose();
  });

  it('refuses bad arguments with sentences naming the op and the value', () => {
    expect(() => random.randint([2], 5, 5)).toThrow('random.randint: `maxval` must be greater than `minval`. Received: minval=5, maxval=5.');
    expect(() => random.normal([2.5])).toThrow('random.normal: `shape` must be an array of non-negative integers. Received: [2.5].');
    const x = tf.ones([2]);
    expect(() => random.dropout(x, 1)).toThrow('random.dropout: `rate` must be in [0, 1). Received: 1.');
    x.dispose();
    expect(() => random.gamma([2], 0)).toThrow('random.gamma: `alpha` must be positive. Received: 0.');
  });
});
