import { STRATA_SPARSE_PROBABILITIES_CE, STRATA_SPARSE_PROBABILITIES_CE_GRAD, STRATA_SPARSE_SOFTMAX_CE, STRATA_SPARSE_SOFTMAX_CE_GRAD, useBackend } from '@strata/backend';
import { expectAllClose, kernelsRunBy } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { SparseCategoricalCrossentropy } from './categorical';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`SparseCategoricalCrossentropy.computeFused on ${backend}`, () => {
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
        let fused: { value: tf.Tensor; grad: tf.Tensor } = { value: logits, grad: logits };
        const kernels = kernelsRunBy(() => {
          fused = tf.valueAndGrad((x: tf.Tensor) => loss.computeFused(labels, x, null) as tf.Scalar)(logits);
        });
        // One kernel forward, one backward: Strata's, not the loss's op chain.
        expect(kernels.filter((name) => name.startsWith('StrataSparseSoftmax'))).toEqual([STRATA_SPARSE_SOFTMAX_CE, STRATA_SPARSE_SOFTMAX_CE_GRAD]);
        const reference = tf.valueAndGrad((x: tf.Tensor) => loss.compute(labels, x) as tf.Scalar)(logits);
        expectAllClose(fused.value, reference.value, { rtol: 1e-6, atol: 1e-6 });
        expectAllClose(fused.grad, reference.grad, { rtol: 1e-5, atol: 1e-7 });
        tf.dispose([fused.value, fused.grad, reference.value, reference.grad]);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([logits, labels]);
      });
    }

    for (const [rows, classes, labelShape, dtype, clipped] of [
      [32, 10, 'flat', 'float32', false],
      [7, 3, 'column', 'int32', false],
      [13, 17, 'column', 'float32', true],
    ] as const) {
      it(`[${rows},${classes}] probabilities, ${labelShape} ${dtype} labels${clipped ? ', some clipped' : ''}: loss and gradient equal the loss's op chain`, async () => {
        await useBackend(backend);
        const loss = new SparseCategoricalCrossentropy();
        // Softmax rows scaled by 0.5–1.5, which the loss renormalises; with `clipped`, some rows put (almost) all on one class.
        const logits = tf.mul(tf.randomNormal([rows, classes], 0, 1, 'float32', rows), clipped ? 40 : 3);
        const scales = tf.add(tf.randomUniform([rows, 1], 0, 1, 'float32', 2), 0.5);
        const probabilities = tf.mul(tf.softmax(logits), scales);
        const ids = Array.from({ length: rows }, (_, r) => (r * 7 + 3) % classes);
        const labels = tf.tensor(ids, labelShape === 'flat' ? [rows] : [rows, 1], dtype);
        const before = tf.memory().numTensors;
        let fused: { value: tf.Tensor; grad: tf.Tensor } = { value: probabilities, grad: probabilities };
        const kernels = kernelsRunBy(() => {
          fused = tf.valueAndGrad((x: tf.Tensor) => loss.computeFused(labels, x, null) as tf.Scalar)(probabilities);
        });
        expect(kernels.filter((name) => name.startsWith('StrataSparseProbabilities'))).toEqual([STRATA_SPARSE_PROBABILITIES_CE, STRATA_SPARSE_PROBABILITIES_CE_GRAD]);
        const reference = tf.valueAndGrad((x: tf.Tensor) => loss.compute(labels, x) as tf.Scalar)(probabilities);
        expectAllClose(fused.value, reference.value, { rtol: 1e-6, atol: 1e-6 });
        expectAllClose(fused.grad, reference.grad, { rtol: 1e-5, atol: 1e-6 });
        if (clipped) {
          // A row whose label's probability reaches 1 − ε (clipped) gets no gradient, in both.
          const grad = await reference.grad.data();
          expect(Array.from(grad).some((value) => value === 0)).toBe(true);
        }
        tf.dispose([fused.value, fused.grad, reference.value, reference.grad]);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([logits, scales, probabilities, labels]);
      });
    }

    it('declines what it does not fuse: sample weights, ignoreClass, other reductions', async () => {
      await useBackend(backend);
      const logits = tf.randomNormal([4, 3], 0, 1, 'float32', 1);
      const labels = tf.tensor1d([0, 2, 1, 1]);
      const weights = tf.ones([4]);
      expect(new SparseCategoricalCrossentropy().computeFused(labels, logits, weights)).toBeNull();
      expect(new SparseCategoricalCrossentropy({ ignoreClass: 1 }).computeFused(labels, logits, null)).toBeNull();
      expect(new SparseCategoricalCrossentropy({ fromLogits: true }).computeFused(labels, logits, weights)).toBeNull();
      expect(new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 1 }).computeFused(labels, logits, null)).toBeNull();
      expect(new SparseCategoricalCrossentropy({ fromLogits: true, reduction: 'sum' }).computeFused(labels, logits, null)).toBeNull();
      tf.dispose([logits, labels, weights]);
    });
  });
}
