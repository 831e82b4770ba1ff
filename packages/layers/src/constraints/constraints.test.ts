import { useBackend } from '@strata/backend';
import { expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KerasSerialized } from '../serialization';
import { MaxNorm, MinMaxNorm, NonNeg, UnitNorm } from './constraints';
import { getConstraint, serializeConstraint } from './registry';

beforeAll(() => useBackend('cpu'));

const EPSILON = 1e-7;
/** A Dense kernel [inputDim 3, units 4]: columns with norms below, inside and above the bounds. */
const kernel = [
  [0.1, 3, -0.6, 0],
  [0.2, -4, 0.8, 0],
  [-0.2, 0, 0, 0],
];

/** Applies `scale(norm)` to each column, as Keras's constraints do with axis 0. */
function perColumn(matrix: number[][], scale: (norm: number) => number): number[] {
  const columns = matrix[0].map((_, j) => Math.sqrt(matrix.reduce((total, row) => total + row[j] ** 2, 0)));
  return matrix.flatMap((row) => row.map((v, j) => v * scale(columns[j])));
}

describe('constraints', () => {
  it('MaxNorm rescales columns above maxValue (default 2) with epsilon beside the norm', () => {
    const w = tf.tensor2d(kernel);
    const expected = perColumn(kernel, (n) => Math.min(Math.max(n, 0), 2) / (EPSILON + n));
    expectAllClose(new MaxNorm().call(w), expected, { rtol: 1e-6, atol: 1e-7 });
    const expectedRows = kernel.flatMap((row) => {
      const n = Math.sqrt(row.reduce((total, v) => total + v * v, 0));
      return row.map((v) => (v * Math.min(n, 1)) / (EPSILON + n));
    });
    expectAllClose(new MaxNorm({ maxValue: 1, axis: 1 }).call(w), expectedRows, { rtol: 1e-6, atol: 1e-7 });
    w.dispose();
  });

  it('MinMaxNorm moves norms into [min, max] at the given rate', () => {
    const w = tf.tensor2d(kernel);
    const strict = perColumn(kernel, (n) => Math.min(Math.max(n, 0), 1) / (EPSILON + n));
    expectAllClose(new MinMaxNorm().call(w), strict, { rtol: 1e-6, atol: 1e-7 });
    const partial = perColumn(kernel, (n) => (0.5 * Math.min(Math.max(n, 0.5), 2) + 0.5 * n) / (EPSILON + n));
    expectAllClose(new MinMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.5 }).call(w), partial, { rtol: 1e-6, atol: 1e-7 });
    w.dispose();
  });

  it('UnitNorm divides by epsilon + norm, so an all-zero column stays zero', () => {
    const w = tf.tensor2d(kernel);
    expectAllClose(new UnitNorm().call(w), perColumn(kernel, (n) => 1 / (EPSILON + n)), { rtol: 1e-6, atol: 1e-7 });
    w.dispose();
  });

  it('MaxNorm over several axes constrains each convolution filter', () => {
    const filters = tf.tidy(() => tf.reshape(tf.mul(tf.range(1, 2 * 2 * 3 * 2 + 1), 0.5), [2, 2, 3, 2]));
    const constrained = new MaxNorm({ maxValue: 1, axis: [0, 1, 2] }).call(filters);
    const filterNorms = tf.sqrt(tf.sum(tf.square(constrained), [0, 1, 2]));
    expectAllClose(filterNorms, [1, 1], { rtol: 1e-5 });
    tf.dispose([filters, constrained, filterNorms]);
  });

  it('NonNeg zeroes negative weights', () => {
    const w = tf.tensor1d([-2, -0.1, 0, 0.3, 5]);
    expectAllClose(new NonNeg().call(w), [0, 0, 0, 0.3, 5]);
    w.dispose();
  });
});

it('constraints leave only their output alive', async () => {
  const w = tf.tensor2d(kernel);
  for (const constraint of [new MaxNorm(), new MinMaxNorm(), new NonNeg(), new UnitNorm()]) {
    (await expectNoLeak(() => constraint.call(w), 1)).dispose();
  }
  w.dispose();
});

describe('constraint registry', () => {
  it('resolves Keras names, class names and camelCase', () => {
    expect(getConstraint('max_norm')).toBeInstanceOf(MaxNorm);
    expect(getConstraint('MinMaxNorm')).toBeInstanceOf(MinMaxNorm);
    expect(getConstraint('nonNeg')).toBeInstanceOf(NonNeg);
    expect(getConstraint('unit_norm')).toBeInstanceOf(UnitNorm);
    expect(getConstraint(undefined)).toBeNull();
    const own = new UnitNorm({ axis: 1 });
    expect(getConstraint(own)).toBe(own);
    expect(() => getConstraint('positive')).toThrow(/Could not interpret constraint identifier: 'positive'. Known constraints: MaxNorm/);
  });

  it('serializes to Keras 3 dicts and reads them and legacy dicts back', () => {
    const cases: Array<[MaxNorm | MinMaxNorm | NonNeg | UnitNorm, Record<string, unknown>]> = [
      [new MaxNorm(), { max_value: 2, axis: 0 }],
      [new MinMaxNorm({ rate: 0.5, axis: [0, 1, 2] }), { min_value: 0, max_value: 1, rate: 0.5, axis: [0, 1, 2] }],
      [new NonNeg(), {}],
      [new UnitNorm({ axis: -1 }), { axis: -1 }],
    ];
    for (const [constraint, config] of cases) {
      const serialized = serializeConstraint(constraint);
      expect(serialized).toEqual({ module: 'keras.constraints', class_name: constraint.className, config, registered_name: null });
      expect(serializeConstraint(getConstraint(serialized))).toEqual(serialized);
    }
    const legacy = getConstraint({ class_name: 'MaxNorm', config: { max_value: 3, axis: 0 } } as unknown as KerasSerialized);
    expect((legacy as MaxNorm).maxValue).toBe(3);
  });
});
