import { useBackend } from '@strata/backend';
import { expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Constant, IdentityInitializer, Ones, Zeros } from './constant';
import { Orthogonal, RandomNormal, RandomUniform, TruncatedNormal } from './random';
import { setRandomSeed } from './seed';
import { GlorotUniform, HeNormal } from './variance-scaling';

beforeAll(() => useBackend('cpu'));

function statistics(tensor: tf.Tensor): { mean: number; std: number; min: number; max: number } {
  const values = tensor.dataSync();
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length), min, max };
}

describe('constant initializers', () => {
  it('fill the requested shape and dtype', () => {
    const zeros = new Zeros().call([2, 3]);
    const ones = new Ones().call([4], 'int32');
    const constant = new Constant(2.5).call([2, 2]);
    expect(zeros.shape).toEqual([2, 3]);
    expectAllClose(zeros, new Array(6).fill(0));
    expect(ones.dtype).toBe('int32');
    expectAllClose(ones, [1, 1, 1, 1]);
    expectAllClose(constant, [2.5, 2.5, 2.5, 2.5]);
    tf.dispose([zeros, ones, constant]);
  });

  it('Identity makes gain times the identity matrix, and only for 2D shapes', () => {
    const identity = new IdentityInitializer({ gain: 3 }).call([2, 3]);
    expectAllClose(identity, [3, 0, 0, 0, 3, 0]);
    expect(() => new IdentityInitializer().call([2, 2, 2])).toThrow(/only be used for 2D matrices.*rank 3/);
    identity.dispose();
  });

  it('rejects an invalid shape naming the initializer', () => {
    expect(() => new Zeros().call([2, -1])).toThrow(/Zeros expects a shape of non-negative integers/);
  });
});

describe('random initializers', () => {
  it('RandomNormal has the requested mean and standard deviation', () => {
    const values = new RandomNormal({ mean: 0.5, stddev: 2, seed: 1 }).call([300, 400]);
    const { mean, std } = statistics(values);
    expect(values.shape).toEqual([300, 400]);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(std - 2) / 2).toBeLessThan(0.02);
    values.dispose();
  });

  it('RandomNormal defaults to mean 0 and stddev 0.05, as Keras', () => {
    const values = new RandomNormal({ seed: 2 }).call([400, 300]);
    const { mean, std } = statistics(values);
    expect(Math.abs(mean)).toBeLessThan(1e-3);
    expect(Math.abs(std - 0.05) / 0.05).toBeLessThan(0.02);
    values.dispose();
  });

  it('RandomUniform stays within [minval, maxval) and has the uniform mean and spread', () => {
    const values = new RandomUniform({ minval: -1, maxval: 3, seed: 3 }).call([200, 500]);
    const { mean, std, min, max } = statistics(values);
    expect(min).toBeGreaterThanOrEqual(-1);
    expect(max).toBeLessThan(3);
    expect(Math.abs(mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(std - 4 / Math.sqrt(12))).toBeLessThan(0.02);
    const defaults = statistics(new RandomUniform({ seed: 4 }).call([1000]));
    expect(defaults.min).toBeGreaterThanOrEqual(-0.05);
    expect(defaults.max).toBeLessThan(0.05);
    values.dispose();
  });

  it('TruncatedNormal re-draws beyond two standard deviations', () => {
    const values = new TruncatedNormal({ mean: 1, stddev: 0.5, seed: 5 }).call([300, 300]);
    const { mean, std, min, max } = statistics(values);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(2);
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
    // The standard deviation of a normal truncated at ±2σ is 0.8796σ.
    expect(Math.abs(std - 0.5 * 0.87962566103423978) / 0.44).toBeLessThan(0.02);
    values.dispose();
  });
});

describe('seeds', () => {
  it('a seeded initializer returns the same values on every call and in every instance', () => {
    const first = new GlorotUniform({ seed: 42 });
    const a = first.call([20, 30]);
    const b = first.call([20, 30]);
    const c = new GlorotUniform({ seed: 42 }).call([20, 30]);
    const d = new GlorotUniform({ seed: 43 }).call([20, 30]);
    expectAllClose(a, b, { rtol: 0, atol: 0 });
    expectAllClose(a, c, { rtol: 0, atol: 0 });
    expect(tf.max(tf.abs(tf.sub(a, d))).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([a, b, c, d]);
  });

  it('an unseeded initializer keeps one seed for its lifetime (Keras 3) and setRandomSeed makes it reproducible', () => {
    setRandomSeed(1234);
    const firstRun = [new HeNormal(), new RandomNormal(), new Orthogonal()];
    setRandomSeed(1234);
    const secondRun = [new HeNormal(), new RandomNormal(), new Orthogonal()];
    firstRun.forEach((initializer, i) => {
      const once = initializer.call([6, 6]);
      const again = initializer.call([6, 6]);
      const replayed = secondRun[i].call([6, 6]);
      expectAllClose(once, again, { rtol: 0, atol: 0 });
      expectAllClose(once, replayed, { rtol: 0, atol: 0 });
      tf.dispose([once, again, replayed]);
    });
    // Two instances drawn one after the other get different seeds.
    expect(firstRun[0].seed).not.toBe(new HeNormal().seed);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => new RandomUniform({ seed: 1.5 })).toThrow(/seed.*RandomUniform.*integer/);
  });
});

it('every initializer leaves only its output alive', async () => {
  const all = [
    new Zeros(),
    new Ones(),
    new Constant(1),
    new IdentityInitializer(),
    new RandomNormal(),
    new RandomUniform(),
    new TruncatedNormal(),
    new Orthogonal(),
    new GlorotUniform(),
    new HeNormal(),
  ];
  for (const initializer of all) (await expectNoLeak(() => initializer.call([4, 3]), 1)).dispose();
});

describe('Orthogonal', () => {
  function gram(matrix: tf.Tensor2D, transposeFirst: boolean): tf.Tensor {
    return tf.matMul(matrix, matrix, transposeFirst, !transposeFirst);
  }

  it('has orthonormal columns for a tall shape and orthonormal rows for a wide one', () => {
    const tall = new Orthogonal({ seed: 7 }).call([40, 10]) as tf.Tensor2D;
    const wide = new Orthogonal({ seed: 7 }).call([10, 40]) as tf.Tensor2D;
    expectAllClose(gram(tall, true), tf.eye(10), { rtol: 0, atol: 1e-5 });
    expectAllClose(gram(wide, false), tf.eye(10), { rtol: 0, atol: 1e-5 });
    tf.dispose([tall, wide]);
  });

  it('flattens a convolution kernel to (product of leading axes, last axis) and applies the gain', () => {
    const kernel = new Orthogonal({ gain: 2, seed: 8 }).call([3, 3, 4, 8]);
    expect(kernel.shape).toEqual([3, 3, 4, 8]);
    const flat = tf.reshape(kernel, [36, 8]) as tf.Tensor2D;
    expectAllClose(gram(flat, true), tf.mul(tf.eye(8), 4), { rtol: 0, atol: 2e-5 });
    expect(() => new Orthogonal().call([5])).toThrow(/at least two-dimensional/);
  });
});
