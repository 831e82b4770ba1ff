// CTC against Keras 3.15.1 (torch backend): losses, reductions, sample weights and torch's gradient with respect
// to the logits (golden/ctc.json, written by scripts/golden_ctc.py).
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CTC, ctc, deserializeLoss, getLoss, serializeLoss } from './index';
import type { Reduction } from './reduction';

interface GoldenArray {
  dtype: string;
  shape: number[];
  data: number[];
}
interface CtcCase {
  name: string;
  y_true: GoldenArray;
  y_pred: GoldenArray;
  per_sample: number[];
  reduced: Record<string, number | number[]>;
  sample_weight: number[];
  weighted: number;
  gradient: GoldenArray;
}
const golden = JSON.parse(readFileSync(new URL('../golden/ctc.json', import.meta.url), 'utf8')) as {
  cases: CtcCase[];
  config: Record<string, unknown>;
  serialized: Record<string, unknown>;
};

const tensorOf = (array: GoldenArray) => tf.tensor(array.data, array.shape, array.dtype.startsWith('int') ? 'int32' : 'float32');

beforeAll(() => useBackend('cpu'));

describe('CTC loss', () => {
  for (const c of golden.cases) {
    it(`matches keras.losses.CTC: ${c.name}`, () => {
      const yTrue = tensorOf(c.y_true);
      const yPred = tensorOf(c.y_pred);
      const before = tf.memory().numTensors;
      const perSample = ctc(yTrue, yPred);
      expectAllClose(perSample, c.per_sample, { rtol: 1e-5, atol: 1e-5 });
      perSample.dispose();
      for (const [reduction, expected] of Object.entries(c.reduced)) {
        const value = tf.tidy(() => new CTC({ reduction: reduction as Reduction }).compute(yTrue, yPred));
        expectAllClose(value, expected, { rtol: 1e-5, atol: 1e-5 });
        value.dispose();
      }
      const weighted = tf.tidy(() => new CTC().compute(yTrue, yPred, tf.tensor1d(c.sample_weight)));
      expectAllClose(weighted, c.weighted, { rtol: 1e-5, atol: 1e-5 });
      weighted.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([yTrue, yPred]);
    });

    it(`has torch's gradient with respect to the logits: ${c.name}`, () => {
      const yTrue = tensorOf(c.y_true);
      const yPred = tensorOf(c.y_pred);
      const before = tf.memory().numTensors;
      const gradient = tf.grad((logits: tf.Tensor) => new CTC().compute(yTrue, logits))(yPred);
      const values = Array.from(gradient.dataSync());
      expect(values.every(Number.isFinite)).toBe(true);
      expectAllClose(gradient, c.gradient.data, { rtol: 1e-4, atol: 1e-5 });
      gradient.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([yTrue, yPred]);
    });
  }

  it("serializes as Keras ('CTC', name and reduction) and resolves 'ctc'", () => {
    const loss = new CTC({ name: 'my_ctc', reduction: 'sum' });
    expect(loss.getConfig()).toEqual(golden.config);
    expect(serializeLoss(new CTC())).toEqual(golden.serialized);
    const restored = deserializeLoss(golden.serialized as Parameters<typeof deserializeLoss>[0]);
    expect(restored).toBeInstanceOf(CTC);
    expect(getLoss('ctc')).toBeInstanceOf(CTC);
  });

  it('explains wrongly shaped inputs', () => {
    const labels = tf.tensor1d([1, 2], 'int32');
    const logits = tf.zeros([2, 3, 4]);
    expect(() => ctc(labels, logits)).toThrow(/`yTrue` are expected to be a tensor of shape `\(batch_size, max_length\)`.*Received: yTrue.shape=\[2\]/);
    expect(() => ctc(tf.tensor2d([[1]], [1, 1], 'int32'), tf.zeros([2, 4]))).toThrow(/Received: yPred.shape=\[2,4\]/);
    tf.dispose([labels, logits]);
  });
});
