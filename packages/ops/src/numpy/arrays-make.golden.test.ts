import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index';
import { callArguments, itMatchesKeras, readGoldenCases, tfjsDtype } from '../test-support/golden';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('creation, shape, joining, splitting and rearranging ops match Keras 3.15.1', () => {
  itMatchesKeras('numpy_arrays_make.json', { ops: ops as unknown as Record<string, unknown> });
});

describe('empty and empty_like give the shapes and dtypes of Keras', () => {
  // Keras returns uninitialized memory there, so only the shape and dtype are recorded (Strata's values are zeros).
  readGoldenCases('numpy_arrays_empty.json').forEach((goldenCase, index) => {
    it(`${goldenCase.op} #${index}`, () => {
      const before = tf.memory().numTensors;
      const args = callArguments(goldenCase);
      const op = goldenCase.op === 'empty' ? ops.empty : ops.emptyLike;
      const result = (op as (...a: unknown[]) => tf.Tensor)(...args);
      const recorded = goldenCase as unknown as { shape: number[]; dtype: string };
      expect(result.shape).toEqual(recorded.shape);
      expect(result.dtype).toBe(tfjsDtype(recorded.dtype));
      expect(Array.from(result.dataSync())).toEqual(new Array(result.size).fill(0));
      tf.dispose([result, ...args.filter((arg): arg is tf.Tensor => arg instanceof tf.Tensor)]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
