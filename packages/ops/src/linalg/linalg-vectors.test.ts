// Vectors that are unique only up to sign (svd's u and vh, eigh's eigenvectors) and jvp, which takes a function,
// against golden/linalg_vectors.json (written by scripts/golden/linalg.py from Keras 3.15.1, torch): Keras's
// vectors were scaled so that each column's largest-magnitude entry is positive, and Strata's are scaled alike.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as ops from '../index';
import { decode, expectMatchesGolden } from '../test-support/golden';

type Encoded = Parameters<typeof decode>[0];
const records = (
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'linalg_vectors.json'), 'utf8')) as {
    records: Record<string, { inputs: Encoded[]; result: Encoded; full_matrices?: boolean; shapes?: number[][]; imaginary?: number }>;
  }
).records;

/** Each column (the last axis indexes columns) times the sign of its largest-magnitude entry. */
function normalizedColumns(v: tf.Tensor): tf.Tensor {
  const index = tf.argMax(tf.abs(v), -2);
  const rows = v.shape[v.rank - 2];
  const picked = tf.sum(tf.mul(v, tf.transpose(tf.oneHot(index, rows), v.rank === 2 ? [1, 0] : [0, 2, 1])), -2, true);
  return tf.mul(v, tf.sign(picked));
}

function matches(name: string, body: (...inputs: any[]) => unknown, rtol = 1e-4): void {
  tf.tidy(() => {
    expectMatchesGolden(body(...records[name].inputs.map(decode)), records[name].result, name, rtol);
  });
}

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

describe('svd', () => {
  for (const name of ['svd_tall', 'svd_tall_thin', 'svd_wide', 'svd_batch']) {
    it(`${name}: singular values and sign-normalized vectors match torch's`, () =>
      matches(name, (x: tf.Tensor) => {
        const [u, s, vh] = ops.linalg.svd(x, { fullMatrices: records[name].full_matrices }) as tf.Tensor[];
        expect([u.shape, vh.shape]).toEqual(records[name].shapes);
        const k = s.shape[s.rank - 1];
        const firstColumns = (m: tf.Tensor) => tf.slice(m, m.shape.map(() => 0), [...m.shape.slice(0, -1), k]);
        const v = tf.transpose(vh, vh.rank === 2 ? [1, 0] : [0, 2, 1]);
        return [normalizedColumns(firstColumns(u)), s, normalizedColumns(firstColumns(v))];
      }));
  }

  it('reconstructs the input and has orthonormal full U and V', () =>
    tf.tidy(() => {
      const x = decode(records.svd_tall.inputs[0]) as tf.Tensor2D;
      const [u, s, vh] = ops.linalg.svd(x) as tf.Tensor2D[];
      expect(u.shape).toEqual([5, 5]);
      expect(vh.shape).toEqual([3, 3]);
      const rebuilt = tf.matMul(tf.mul(tf.slice(u, [0, 0], [5, 3]), s), vh);
      expect(tf.max(tf.abs(tf.sub(rebuilt, x))).dataSync()[0]).toBeLessThan(1e-5);
      expect(tf.max(tf.abs(tf.sub(tf.matMul(u, u, true), tf.eye(5)))).dataSync()[0]).toBeLessThan(1e-5);
      expect(tf.max(tf.abs(tf.sub(tf.matMul(vh, vh, false, true), tf.eye(3)))).dataSync()[0]).toBeLessThan(1e-5);
    }));
});

describe('eigh', () => {
  for (const name of ['eigh', 'eigh_batch']) {
    it(`${name}: ascending eigenvalues and sign-normalized eigenvectors match torch's`, () =>
      matches(name, (x: tf.Tensor) => {
        const [w, v] = ops.linalg.eigh(x);
        return [w, normalizedColumns(v)];
      }));
  }
});

describe('eig', () => {
  /** Eigenvalues sorted descending with their vectors, as the generator sorted Keras's. */
  const sortedEig = (x: tf.Tensor) => {
    const [w, v] = ops.linalg.eig(x);
    const { values, indices } = tf.topk(w, w.shape[w.rank - 1]);
    const vectors = tf.transpose(tf.gather(transposeLast(v), indices, v.rank - 2, v.rank - 2), v.rank === 2 ? [1, 0] : [0, 2, 1]);
    return [values, normalizedColumns(vectors)];
  };
  const transposeLast = (m: tf.Tensor) => tf.transpose(m, m.rank === 2 ? [1, 0] : [0, 2, 1]);
  for (const name of ['eig_real', 'eig_triangular', 'eig_batch']) {
    it(`${name}: real eigenvalues and sign-normalized eigenvectors match torch's (imaginary parts 0)`, () => {
      expect(records[name].imaginary).toBe(0);
      matches(name, (x: tf.Tensor) => sortedEig(x), 1e-4);
    });
  }
  it('finds independent vectors for a repeated eigenvalue: A V = V diag(w)', () =>
    tf.tidy(() => {
      const p = tf.tensor2d([
        [1, 2, 0],
        [0, 1, 1],
        [1, 0, 3],
      ]);
      const a = tf.matMul(tf.matMul(p, tf.diag(tf.tensor1d([2, 2, -1]))), ops.linalg.inv(p));
      const [w, v] = ops.linalg.eig(a);
      expect(Array.from(w.dataSync()).sort((x, y) => x - y)).toEqual([expect.closeTo(-1, 4), expect.closeTo(2, 4), expect.closeTo(2, 4)]);
      expect(tf.max(tf.abs(tf.sub(tf.matMul(a, v), tf.mul(v, w)))).dataSync()[0]).toBeLessThan(1e-4);
      expect(Math.abs(ops.linalg.det(v).dataSync()[0])).toBeGreaterThan(1e-3);
    }));
  it('refuses a matrix with complex eigenvalues (Keras returns complex64)', () => {
    expect(records.eig_dtype.result).toBe('torch.complex64');
    expect(records.eig_complex.imaginary).toBeGreaterThan(0.5);
    const x = decode(records.eig_complex.inputs[0]) as tf.Tensor;
    expect(() => ops.linalg.eig(x)).toThrow(/complex eigenvalues/);
    x.dispose();
  });
});

describe('gradients of det, inv and solve match torch autograd', () => {
  const weighted = (fn: (...xs: tf.Tensor[]) => tf.Tensor, weights: tf.Tensor) => (...xs: tf.Tensor[]) => tf.sum(tf.mul(fn(...xs), weights));
  it('det', () => matches('det_grad', (a, w) => tf.grads(weighted((x) => ops.linalg.det(x), w))([a])));
  it('inv', () => matches('inv_grad', (a, w) => tf.grads(weighted((x) => ops.linalg.inv(x), w))([a])));
  it('solve with a matrix right-hand side', () => matches('solve_grad', (a, b, w) => tf.grads(weighted((x, y) => ops.linalg.solve(x, y), w))([a, b])));
  it('solve with a vector right-hand side', () => matches('solve_vector_grad', (a, b, w) => tf.grads(weighted((x, y) => ops.linalg.solve(x, y), w))([a, b])));
});

describe('jvp', () => {
  it('gives the output and J·v of a function of two arguments with a nested output', () =>
    matches(
      'jvp',
      (w: tf.Tensor, x: tf.Tensor, y: tf.Tensor, vx: tf.Tensor, vy: tf.Tensor) => {
        const fun = (a: tf.Tensor, b: tf.Tensor) => ({ a: tf.mul(tf.sin(a), b), b: tf.matMul(a as tf.Tensor2D, w as tf.Tensor2D) });
        const [out, tangent] = ops.linalg.jvp(fun, [x, y], [vx, vy]);
        return [out.a, out.b, tangent.a, tangent.b];
      },
      1e-5,
    ));
  it('passes aux through with hasAux', () =>
    matches(
      'jvp_aux',
      (x: tf.Tensor, vx: tf.Tensor) => ops.linalg.jvp((a: tf.Tensor) => [tf.square(tf.tanh(a)), tf.sum(a)], [x], [vx], { hasAux: true }),
      1e-5,
    ));
  it('is also exported flat, as keras.ops.jvp', () => {
    expect(ops.jvp).toBe(ops.linalg.jvp);
    expect(ops.cholesky).toBe(ops.linalg.cholesky);
  });
});
