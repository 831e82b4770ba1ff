import { STRATA_CATEGORICAL_CE, STRATA_CATEGORICAL_CE_GRAD, useBackend } from '@strata/backend';
import { expectAllClose, kernelsRunBy } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { CategoricalCrossentropy } from './categorical';

/** Targets [rows, classes]: one-hot rows ((r·7 + 3) mod classes), or soft rows (a softmax of random numbers). */
function targetsOf(rows: number, classes: number, soft: boolean): tf.Tensor2D {
  if (soft) return tf.tidy(() => tf.softmax(tf.randomNormal([rows, classes], 0, 1, 'float32', 5)) as tf.Tensor2D);
  const ids = Array.from({ length: rows }, (_, r) => (r * 7 + 3) % classes);
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(ids, 'int32'), classes), 'float32') as tf.Tensor2D);
}

/** Probabilities whose rows sum to 0.5–1.5 (the loss renormalises them); with `clipped`, some rows (almost) all on one class; with `zeros`, a zero in every row. */
function probabilitiesOf(rows: number, classes: number, kind: 'plain' | 'clipped' | 'zeros'): tf.Tensor2D {
  return tf.tidy(() => {
    const logits = tf.mul(tf.randomNormal([rows, classes], 0, 1, 'float32', rows), kind === 'clipped' ? 40 : 3);
    let probabilities = tf.mul(tf.softmax(logits), tf.add(tf.randomUniform([rows, 1], 0, 1, 'float32', 2), 0.5));
    if (kind === 'zeros') probabilities = tf.mul(probabilities, tf.sub(1, tf.oneHot(tf.fill([rows], classes - 1, 'int32'), classes)));
    return probabilities as tf.Tensor2D;
  });
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`CategoricalCrossentropy.computeFused on ${backend}`, () => {
    for (const [rows, classes, fromLogits, soft, kind] of [
      [256, 10, false, false, 'plain'],
      [7, 3, false, true, 'plain'],
      [13, 17, false, false, 'clipped'],
      [9, 5, false, false, 'zeros'],
      [32, 10, true, false, 'plain'],
      [5, 4, true, true, 'plain'],
    ] as const) {
      it(`[${rows},${classes}] ${fromLogits ? 'logits' : 'probabilities'}, ${soft ? 'soft' : 'one-hot'} targets${kind === 'plain' ? '' : `, ${kind}`}: loss and gradient equal the loss's op chain`, async () => {
        await useBackend(backend);
        const loss = new CategoricalCrossentropy({ fromLogits });
        const output = fromLogits ? tf.mul(tf.randomNormal([rows, classes], 0, 1, 'float32', rows), 4) : probabilitiesOf(rows, classes, kind);
        const targets = targetsOf(rows, classes, soft);
        const before = tf.memory().numTensors;
        let fused: { value: tf.Tensor; grad: tf.Tensor } = { value: output, grad: output };
        const kernels = kernelsRunBy(() => {
          fused = tf.valueAndGrad((x: tf.Tensor) => loss.computeFused(targets, x, null) as tf.Scalar)(output);
        });
        // One kernel forward, one backward: Strata's, not the loss's op chain.
        expect(kernels.filter((name) => name.startsWith('StrataCategorical'))).toEqual([STRATA_CATEGORICAL_CE, STRATA_CATEGORICAL_CE_GRAD]);
        expect(kernels.length).toBeLessThanOrEqual(4);
        const reference = tf.valueAndGrad((x: tf.Tensor) => loss.compute(targets, x) as tf.Scalar)(output);
        expectAllClose(fused.value, reference.value, { rtol: 1e-6, atol: 1e-6 });
        expectAllClose(fused.grad, reference.grad, { rtol: 1e-5, atol: 1e-6 });
        if (kind === 'clipped') {
          // A row whose target's probability reaches 1 − ε (clipped) gets no gradient from it, in both.
          expect(Array.from(await reference.grad.data()).some((value) => value === 0)).toBe(true);
        }
        tf.dispose([fused.value, fused.grad, reference.value, reference.grad]);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([output, targets]);
      });
    }

    it('casts int32 one-hot targets (tf.oneHot\'s dtype) as the op chain does', async () => {
      await useBackend(backend);
      const probabilities = probabilitiesOf(6, 4, 'plain');
      const targets = targetsOf(6, 4, false);
      const intTargets = tf.cast(targets, 'int32');
      const loss = new CategoricalCrossentropy();
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const kernels = kernelsRunBy(() => loss.computeFused(intTargets, probabilities, null));
        expect(kernels).toContain(STRATA_CATEGORICAL_CE);
        expectAllClose(loss.computeFused(intTargets, probabilities, null)!, loss.compute(targets, probabilities), { rtol: 1e-6, atol: 1e-6 });
      });
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([probabilities, targets, intTargets]);
    });

    it('declines what it does not fuse: sample weights, label smoothing, other reductions and axes, other shapes', async () => {
      await useBackend(backend);
      const probabilities = probabilitiesOf(4, 3, 'plain');
      const targets = targetsOf(4, 3, false);
      const weights = tf.ones([4]);
      const before = tf.memory().numTensors;
      expect(new CategoricalCrossentropy().computeFused(targets, probabilities, weights)).toBeNull();
      expect(new CategoricalCrossentropy({ labelSmoothing: 0.1 }).computeFused(targets, probabilities, null)).toBeNull();
      expect(new CategoricalCrossentropy({ reduction: 'sum' }).computeFused(targets, probabilities, null)).toBeNull();
      expect(new CategoricalCrossentropy({ axis: 0 }).computeFused(targets, probabilities, null)).toBeNull();
      const wide = tf.zeros([4, 5]);
      expect(new CategoricalCrossentropy().computeFused(wide, probabilities, null)).toBeNull();
      // The op chain still names the mismatch (compute's intermediates are the caller's tidy's).
      expect(() => tf.tidy(() => new CategoricalCrossentropy().compute(wide, probabilities))).toThrow(/categorical_crossentropy/);
      wide.dispose();
      class Subclass extends CategoricalCrossentropy {}
      expect(new Subclass().computeFused(targets, probabilities, null)).toBeNull();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([probabilities, targets, weights]);
    });
  });
}
