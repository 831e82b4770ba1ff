import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index';
import { callArguments, expectMatchesGolden, itMatchesKeras, readGoldenCases } from '../test-support/golden';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('indexing, get_item, sorting and counting ops match Keras 3.15.1', () => {
  itMatchesKeras('numpy_arrays_select.json', { ops: ops as unknown as Record<string, unknown> });
});

describe('argpartition partitions as Keras does', () => {
  // Which order each side of kth takes is unspecified (torch's topk decides it in Keras), so the golden holds the
  // partitioned values with each side sorted; Strata's partition must give the same after the same sorting.
  readGoldenCases('numpy_arrays_partition.json').forEach((goldenCase, index) => {
    it(`argpartition #${index}`, () => {
      const before = tf.memory().numTensors;
      const [x, kth, options] = callArguments(goldenCase) as [tf.Tensor, number, { axis: number }];
      const order = ops.argpartition(x, kth, options);
      expect(order.dtype).toBe('int32');
      const canonical = tf.tidy(() => {
        const values = ops.moveaxis(ops.takeAlongAxis(tf.cast(x, 'int32'), order, options), options.axis, -1);
        const length = values.shape[values.rank - 1];
        const [low, at, high] = ops.split(values, [kth, kth + 1], { axis: -1 });
        expect(at.shape[at.rank - 1] + low.shape[low.rank - 1] + high.shape[high.rank - 1]).toBe(length);
        return ops.moveaxis(ops.concatenate([ops.sort(low), at, ops.sort(high)], { axis: -1 }), -1, options.axis);
      });
      expectMatchesGolden(canonical, goldenCase.result as never, `argpartition #${index}`);
      tf.dispose([x, order, canonical]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
