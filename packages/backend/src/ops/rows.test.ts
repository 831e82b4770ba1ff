import { gatherRows, sliceRows } from './rows';
import { useBackend } from '../use-backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`StrataGatherRows on ${backend}`, () => {
    it('equals tf.gather for float32, int32 and bool rows, and leaves no tensor behind', async () => {
      await useBackend(backend);
      const x = tf.randomNormal([9, 3, 2], 0, 1, 'float32', 4);
      const labels = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8], 'int32');
      const mask = tf.tensor2d([1, 0, 0, 1, 1, 1, 0, 0, 1], [9, 1], 'bool');
      const rows = new Int32Array([8, 0, 3, 3, 5]);
      const before = tf.memory().numTensors;
      const gathered = gatherRows([x, labels, mask], rows);
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

for (const backend of ['cpu', 'wasm', 'cpu, string rows'] as const) {
  describe(`sliceRows on ${backend}`, () => {
    it('equals tf.slice for float32, int32 and bool rows, and leaves no tensor behind', async () => {
      await useBackend(backend === 'cpu, string rows' ? 'cpu' : backend);
      const x = tf.randomNormal([9, 3, 2], 0, 1, 'float32', 4);
      const labels = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8], 'int32');
      const mask = tf.tensor2d([1, 0, 0, 1, 1, 1, 0, 0, 1], [9, 1], 'bool');
      // String tensors take tf.slice, the path every backend without host memory (webgpu) takes too.
      const names = tf.tensor1d(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], 'string');
      const tensors = backend === 'cpu, string rows' ? [names] : [x, labels, mask];
      const before = tf.memory().numTensors;
      const sliced = sliceRows(tensors, 3, 4);
      expect(tf.memory().numTensors).toBe(before + tensors.length);
      tensors.forEach((t, i) => {
        const reference = tf.slice(t, [3], [4]);
        expect(sliced[i].shape).toEqual(reference.shape);
        expect(sliced[i].dtype).toBe(reference.dtype);
        expect(Array.from(sliced[i].dataSync() as ArrayLike<unknown>)).toEqual(Array.from(reference.dataSync() as ArrayLike<unknown>));
        reference.dispose();
      });
      tf.dispose([x, labels, mask, names, ...sliced]);
    });
  });
}

describe('sliceRows on wasm copies only the rows it returns', () => {
  it('reads no tensor off the heap, where tf.slice reads the whole input for every batch', async () => {
    await useBackend('wasm');
    const backend = tf.backend() as unknown as { readSync(dataId: object): ArrayLike<number> };
    const readSync = backend.readSync.bind(backend);
    let bytesRead = 0;
    backend.readSync = (dataId: object) => {
      const values = readSync(dataId) as unknown as ArrayBufferView;
      bytesRead += values.byteLength;
      return values as unknown as ArrayLike<number>;
    };
    try {
      const x = tf.zeros([1000, 16]);
      tf.dispose(sliceRows([x], 500, 32));
      expect(bytesRead).toBe(0);
      // The reason this kernel exists: tfjs-backend-wasm's Slice copies all 1000 rows to return 32.
      tf.dispose(tf.slice(x, [500], [32]));
      expect(bytesRead).toBe(1000 * 16 * 4);
      x.dispose();
    } finally {
      backend.readSync = readSync;
    }
  });
});
