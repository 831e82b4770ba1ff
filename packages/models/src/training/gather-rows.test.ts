import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gatherRowsOf } from './gather-rows';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`StrataGatherRows on ${backend}`, () => {
    it('equals tf.gather for float32, int32 and bool rows, and leaves no tensor behind', async () => {
      await useBackend(backend);
      const x = tf.randomNormal([9, 3, 2], 0, 1, 'float32', 4);
      const labels = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8], 'int32');
      const mask = tf.tensor2d([1, 0, 0, 1, 1, 1, 0, 0, 1], [9, 1], 'bool');
      const rows = new Int32Array([8, 0, 3, 3, 5]);
      const before = tf.memory().numTensors;
      const gathered = gatherRowsOf([x, labels, mask], rows);
      expect(tf.memory().numTensors).toBe(before + 3);
      const indices = tf.tensor1d(rows, 'int32');
      [x, labels, mask].forEach((t, i) => {
        const reference = tf.gather(t, indices);
        expect(gathered[i].shape).toEqual(reference.shape);
        expect(gathered[i].dtype).toBe(reference.dtype);
        expect(Array.from(gathered[i].dataSync())).toEqual(Array.from(reference.dataSync()));
        reference.dispose();
      });
      tf.dispose([x, labels, mask, indices, ...gathered]);
    });
  });
}
