import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index';
import { decode, expectMatchesGolden, itMatchesKeras, readGoldenCases } from '../test-support/golden';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('products, einsum, diagonals, padding, differences and slogdet match Keras 3.15.1', () => {
  itMatchesKeras('numpy_arrays_products.json', { ops: ops as unknown as Record<string, unknown> });
});

describe('vectorize matches Keras 3.15.1', () => {
  // The functions Keras vectorized in scripts/golden/numpy_arrays_products.py, written again with Strata's ops.
  const functions: Record<string, (...args: tf.Tensor[]) => tf.Tensor> = {
    affine: (x, y) => ops.add(ops.matmul(ops.expandDims(x, 0), ops.expandDims(y, 0)), 1),
    dot: (x, y) => ops.sum(ops.matmul(ops.expandDims(x, 0), ops.expandDims(y, 1))),
    outer_sum: (x) => ops.sum(x, { axis: 0 }),
    scale_rows: (m, v) => ops.matmul(ops.diag(v), m),
  };
  readGoldenCases('numpy_arrays_vectorize.json').forEach((goldenCase, index) => {
    const name = (goldenCase as unknown as { function: string }).function;
    it(`vectorize #${index} (${name})`, () => {
      const before = tf.memory().numTensors;
      const args = goldenCase.args.map(decode) as tf.Tensor[];
      const fn = ops.vectorize(functions[name], { signature: goldenCase.kwargs.signature as string | null });
      const result = fn(...args);
      expectMatchesGolden(result, goldenCase.result as never, `vectorize #${index}`);
      tf.dispose([result as tf.Tensor, ...args.filter((arg) => arg instanceof tf.Tensor)]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
