import { useBackend } from '@strata/backend';
import { checkGradients, expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KerasSerialized } from '../serialization';
import { getRegularizer, serializeRegularizer } from './registry';
import { L1, L1L2, L2, OrthogonalRegularizer } from './regularizers';

beforeAll(() => useBackend('cpu'));

const weights = [
  [0.5, -1.5, 2],
  [-0.25, 3, 0],
  [1, 1, -4],
  [0.1, -0.2, 0.3],
];
const flat = weights.flat();
const sumAbs = flat.reduce((total, v) => total + Math.abs(v), 0);
const sumSquares = flat.reduce((total, v) => total + v * v, 0);

/** Keras's orthogonal penalty written out with plain loops. */
function naiveOrthogonal(matrix: number[][], factor: number): number {
  const unit = matrix.map((row) => {
    const norm = Math.sqrt(row.reduce((total, v) => total + v * v, 0));
    return row.map((v) => v / norm);
  });
  let offDiagonal = 0;
  for (let i = 0; i < unit.length; i++) {
    for (let j = 0; j < unit.length; j++) {
      if (i !== j) offDiagonal += Math.abs(unit[i].reduce((total, v, k) => total + v * unit[j][k], 0));
    }
  }
  const pairs = (unit.length * (unit.length - 1)) / 2;
  return (factor * 0.5 * offDiagonal) / pairs;
}

const transpose = (matrix: number[][]) => matrix[0].map((_, j) => matrix.map((row) => row[j]));

describe('regularizers', () => {
  it('compute Keras penalties with Keras defaults', () => {
    const x = tf.tensor2d(weights);
    expectAllClose(new L1().call(x), 0.01 * sumAbs);
    expectAllClose(new L1(0.3).call(x), 0.3 * sumAbs);
    expectAllClose(new L2().call(x), 0.01 * sumSquares);
    expectAllClose(new L2(null).call(x), 0.01 * sumSquares);
    expectAllClose(new L1L2().call(x), 0);
    expectAllClose(new L1L2({ l1: 0.2, l2: 0.05 }).call(x), 0.2 * sumAbs + 0.05 * sumSquares);
    x.dispose();
  });

  it('OrthogonalRegularizer penalises the cosine similarity of rows or columns', () => {
    const x = tf.tensor2d(weights);
    expectAllClose(new OrthogonalRegularizer().call(x), naiveOrthogonal(weights, 0.01), { rtol: 1e-5, atol: 1e-8 });
    expectAllClose(new OrthogonalRegularizer({ factor: 0.5, mode: 'columns' }).call(x), naiveOrthogonal(transpose(weights), 0.5), {
      rtol: 1e-5,
      atol: 1e-8,
    });
    expectAllClose(new OrthogonalRegularizer().call(tf.eye(4)), 0);
    expect(() => new OrthogonalRegularizer().call(tf.ones([2, 2, 2]))).toThrow(/must have rank 2/);
    expect(() => new OrthogonalRegularizer({ mode: 'diagonal' as never })).toThrow(/'rows' or 'columns'/);
    x.dispose();
  });

  it('are differentiable', () => {
    const x = tf.tensor2d(weights.map((row) => row.map((v) => (v === 0 ? 0.7 : v))));
    for (const regularizer of [new L1(0.1), new L2(0.1), new L1L2({ l1: 0.1, l2: 0.2 }), new OrthogonalRegularizer({ factor: 1 })]) {
      expect(checkGradients((input) => regularizer.call(input), [x], { epsilon: 1e-3 }).maxRelativeError).toBeLessThan(1e-2);
    }
  });

  it('leave only the penalty alive', async () => {
    const x = tf.tensor2d(weights);
    for (const regularizer of [new L1(), new L2(), new L1L2({ l1: 0.1, l2: 0.1 }), new OrthogonalRegularizer()]) {
      (await expectNoLeak(() => regularizer.call(x), 1)).dispose();
    }
    x.dispose();
  });

  it('reject negative or non-finite factors', () => {
    expect(() => new L1(-1)).toThrow(/argument l1 of L1.*l1=-1/);
    expect(() => new L1L2({ l2: Number.NaN })).toThrow(/argument l2 of L1L2/);
  });
});

describe('regularizer registry', () => {
  it('resolves Keras names, class names and camelCase', () => {
    expect(getRegularizer('l1')).toBeInstanceOf(L1);
    expect(getRegularizer('L2')).toBeInstanceOf(L2);
    expect(getRegularizer('l1_l2')).toBeInstanceOf(L1L2);
    expect(getRegularizer('l1l2')).toBeInstanceOf(L1L2);
    expect(getRegularizer('orthogonal_regularizer')).toBeInstanceOf(OrthogonalRegularizer);
    expect(getRegularizer('orthogonalRegularizer')).toBeInstanceOf(OrthogonalRegularizer);
    expect(getRegularizer(null)).toBeNull();
    const own = new L2(0.5);
    expect(getRegularizer(own)).toBe(own);
    expect(() => getRegularizer('l3')).toThrow(/Could not interpret regularizer identifier: 'l3'. Known regularizers: L1, L2/);
  });

  it('serializes to Keras 3 dicts and reads them and legacy dicts back', () => {
    const cases: Array<[L1 | L2 | L1L2 | OrthogonalRegularizer, Record<string, unknown>]> = [
      [new L1(0.02), { l1: 0.02 }],
      [new L2(), { l2: 0.01 }],
      [new L1L2({ l1: 0.1 }), { l1: 0.1, l2: 0 }],
      [new OrthogonalRegularizer({ mode: 'columns' }), { factor: 0.01, mode: 'columns' }],
    ];
    for (const [regularizer, config] of cases) {
      const serialized = serializeRegularizer(regularizer);
      expect(serialized).toEqual({ module: 'keras.regularizers', class_name: regularizer.className, config, registered_name: null });
      expect(serializeRegularizer(getRegularizer(serialized))).toEqual(serialized);
    }
    const legacy = getRegularizer({ class_name: 'L1L2', config: { l1: 0.0, l2: 0.001 } } as unknown as KerasSerialized);
    expect(serializeRegularizer(legacy).config).toEqual({ l1: 0, l2: 0.001 });
  });
});
