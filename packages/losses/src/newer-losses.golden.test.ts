// Dice, Tversky, Circle and CategoricalGeneralizedCrossEntropy against values real Keras 3.15.1 computed
// (golden/losses.json, written by scripts/golden_losses.py). Tolerance: 1e-5 relative (float32).
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { deserializeLoss, serializeLoss } from './index';

interface GoldenArray {
  dtype: string;
  shape: number[];
  data: number[];
}
interface LossCase {
  class_name: string;
  config: Record<string, unknown>;
  y_true: GoldenArray;
  y_pred: GoldenArray;
  sample_weight: GoldenArray | null;
  value: number;
  unreduced: GoldenArray;
}

const cases = (JSON.parse(readFileSync(new URL('../golden/losses.json', import.meta.url), 'utf8')) as { cases: LossCase[] }).cases;

function tensorOf(array: GoldenArray): tf.Tensor {
  return tf.tensor(array.data, array.shape, array.dtype.startsWith('int') ? 'int32' : 'float32');
}

beforeAll(() => useBackend('cpu'));

describe('losses added from Keras 3: values real Keras computed', () => {
  it.each(cases.map((c, i) => [`${c.class_name} ${JSON.stringify(c.config)}`, i] as const))('%s', async (_label, index) => {
    const goldenCase = cases[index];
    const loss = deserializeLoss({ module: 'keras.losses', class_name: goldenCase.class_name, config: goldenCase.config, registered_name: null });
    expect((serializeLoss(loss) as { config: unknown }).config).toEqual(goldenCase.config);
    const yTrue = tensorOf(goldenCase.y_true);
    const yPred = tensorOf(goldenCase.y_pred);
    const sampleWeight = goldenCase.sample_weight === null ? undefined : tensorOf(goldenCase.sample_weight);
    await expectNoLeak(() => {
      // compute() leaves its intermediates to the caller's tidy, as a training step's tidy holds them.
      const [value, unreduced] = tf.tidy(() => [loss.compute(yTrue, yPred, sampleWeight), loss.call(yTrue, yPred)]);
      expectAllClose(value, goldenCase.value, { rtol: 1e-5, atol: 1e-6 });
      expect(unreduced.shape).toEqual(goldenCase.unreduced.shape);
      expectAllClose(unreduced, goldenCase.unreduced.data, { rtol: 1e-5, atol: 1e-5 });
      tf.dispose([value, unreduced]);
    });
    tf.dispose([yTrue, yPred, ...(sampleWeight ? [sampleWeight] : [])]);
  });

  it('refuses q outside (0, 1) as Keras does', () => {
    expect(() => deserializeLoss({ class_name: 'CategoricalGeneralizedCrossEntropy', config: { q: 1 } })).toThrow(/q must be in the interval \(0, 1\)/);
  });
});
