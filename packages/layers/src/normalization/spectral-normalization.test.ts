import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense } from '../core/dense';
import { Flatten } from '../core/flatten';
import { Wrapper } from '../core/wrapper';
import { TimeDistributed } from '../rnn/time-distributed';
import { SpectralNormalization } from './spectral-normalization';

beforeAll(async () => {
  await useBackend('cpu');
});

/** The largest singular value of a matrix, from the eigenvalues of its Gram matrix by power iteration in float64. */
function largestSingularValue(matrix: number[][]): number {
  const columns = matrix[0].length;
  let v = new Array<number>(columns).fill(1);
  let value = 0;
  for (let step = 0; step < 500; step++) {
    const mv = matrix.map((row) => row.reduce((sum, x, j) => sum + x * v[j], 0));
    const next = v.map((_, j) => matrix.reduce((sum, row, i) => sum + row[j] * mv[i], 0));
    value = Math.sqrt(next.reduce((sum, x) => sum + x * x, 0));
    v = next.map((x) => x / value);
  }
  return Math.sqrt(value);
}

describe('SpectralNormalization', () => {
  it('brings the kernel\'s largest singular value to 1 over training calls, and leaves it alone in inference', () => {
    const layer = new SpectralNormalization(new Dense(4, { kernelInitializer: { class_name: 'RandomNormal', config: { stddev: 2, seed: 1 } } as never }));
    const x = tf.ones([2, 6]);
    tf.tidy(() => layer.apply(x));
    const kernel = layer.weights[0];
    expect(kernel.path.endsWith('dense/kernel')).toBe(true);
    const before = kernel.read().arraySync() as number[][];
    tf.tidy(() => layer.apply(x, { training: false }));
    expect(kernel.read().arraySync()).toEqual(before);
    expect(largestSingularValue(before)).toBeGreaterThan(3);
    for (let i = 0; i < 20; i++) tf.tidy(() => layer.apply(x, { training: true }));
    expect(largestSingularValue(kernel.read().arraySync() as number[][])).toBeCloseTo(1, 3);
    x.dispose();
    layer.dispose();
  });

  it('rejects a non-positive power_iterations and a layer without kernel or embeddings', () => {
    expect(() => new SpectralNormalization(new Dense(2), { powerIterations: 0 })).toThrow('`power_iterations` should be greater than zero. Received: `power_iterations=0`');
    const layer = new SpectralNormalization(new Flatten());
    expect(() => layer.maybeBuild([null, 2, 3])).toThrow("Flatten object has no attribute 'kernel' nor 'embeddings'");
  });
});

describe('Wrapper', () => {
  it('is the base of TimeDistributed and SpectralNormalization, and rejects what is not a layer', () => {
    expect(new TimeDistributed(new Dense(2))).toBeInstanceOf(Wrapper);
    expect(new SpectralNormalization(new Dense(2))).toBeInstanceOf(Wrapper);
    expect(() => new SpectralNormalization({} as never)).toThrow("supplied to Wrapper isn't a supported layer type");
  });
});
