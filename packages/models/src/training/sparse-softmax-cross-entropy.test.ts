import { useBackend } from '@strata/backend';
import { SparseCategoricalCrossentropy } from '@strata/losses';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { fusedSparseSoftmaxCrossEntropy } from './sparse-softmax-cross-entropy';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`StrataSparseSoftmaxCE on ${backend}`, () => {
    for (const [rows, classes, labelShape, dtype] of [
      [32, 10, 'flat', 'float32'],
      [7, 3, 'column', 'int32'],
      [1, 5, 'flat', 'int32'],
      [13, 17, 'column', 'float32'],
    ] as const) {
      it(`[${rows},${classes}] logits, ${labelShape} ${dtype} labels: loss and gradient equal the loss's op chain`, async () => {
        await useBackend(backend);
        const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
        const logits = tf.mul(tf.randomNormal([rows, classes], 0, 1, 'float32', rows), 4);
        const ids = Array.from({ length: rows }, (_, r) => (r * 7 + 3) % classes);
        const labels = tf.tensor(ids, labelShape === 'flat' ? [rows] : [rows, 1], dtype);
        const before = tf.memory().numTensors;
        const fused = tf.valueAndGrad((x: tf.Tensor) => fusedSparseSoftmaxCrossEntropy(loss, labels, x, null) as tf.Scalar)(logits);
        const reference = tf.valueAndGrad((x: tf.Tensor) => loss.compute(labels, x) as tf.Scalar)(logits);
        expectAllClose(fused.value, reference.value, { rtol: 1e-6, atol: 1e-6 });
        expectAllClose(fused.grad, reference.grad, { rtol: 1e-5, atol: 1e-7 });
        tf.dispose([fused.value, fused.grad, reference.value, reference.grad]);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([logits, labels]);
      });
    }

    it('declines what it does not fuse: probabilities, sample weights, ignoreClass, other reductions', async () => {
      await useBackend(backend);
      const logits = tf.randomNormal([4, 3], 0, 1, 'float32', 1);
      const labels = tf.tensor1d([0, 2, 1, 1]);
      const weights = tf.ones([4]);
      expect(fusedSparseSoftmaxCrossEntropy(new SparseCategoricalCrossentropy(), labels, logits, null)).toBeNull();
      expect(fusedSparseSoftmaxCrossEntropy(new SparseCategoricalCrossentropy({ fromLogits: true }), labels, logits, weights)).toBeNull();
      expect(fusedSparseSoftmaxCrossEntropy(new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 1 }), labels, logits, null)).toBeNull();
      expect(fusedSparseSoftmaxCrossEntropy(new SparseCategoricalCrossentropy({ fromLogits: true, reduction: 'sum' }), labels, logits, null)).toBeNull();
      tf.dispose([logits, labels, weights]);
    });
  });
}
