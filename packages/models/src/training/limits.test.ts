// keras.config's caps on training (setMaxEpochs, setMaxStepsPerEpoch): fit with both caps set equals Keras 3.15.1's
// run (golden/train-api.json, scripts/golden_train_api.py: 5 epochs asked, 2 run, 1 step each, the second epoch
// going on with the second batch as Keras's EpochIterator does), and evaluate/predict take the step cap too.
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { maxEpochs, maxStepsPerEpoch, setMaxEpochs, setMaxStepsPerEpoch } from './limits';
import { goldenCase, goldenModel } from './train-api-golden';

beforeAll(() => useBackend('cpu'));
afterEach(() => {
  setMaxEpochs(null);
  setMaxStepsPerEpoch(null);
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('setMaxEpochs and setMaxStepsPerEpoch', () => {
  it("cap fit as Keras's trainer does, with its warnings", async () => {
    const expected = goldenCase('max_epochs_2_max_steps_1');
    const { model, data } = goldenModel(expected);
    const [x, y] = data;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    setMaxEpochs(2);
    setMaxStepsPerEpoch(1);
    expect([maxEpochs(), maxStepsPerEpoch()]).toEqual([2, 1]);
    const history = await model.fit(x, y, { batchSize: 4, epochs: 5, shuffle: false, verbose: 0 });
    expect(history.epoch).toEqual([0, 1]);
    expectAllClose(history.history.loss as number[], expected.history.loss, { rtol: 1e-5, atol: 1e-6 });
    model.getWeights().forEach((w, k) => {
      expectAllClose(w, expected.final_weights[k], { rtol: 1e-5, atol: 1e-6 });
      w.dispose();
    });
    expect(model.optimizer?.iterations).toBe(expected.iterations);
    expect(warn.mock.calls.map(([message]) => message)).toEqual(['Limiting epochs to 2', 'Limiting steps_per_epoch to 1']);
    model.dispose();
    tf.dispose(data);
  });

  it('cap the steps of evaluate and predict, and leave fit alone when the caps are above what it asks', async () => {
    const { model, data } = goldenModel(goldenCase('ema_no_callback'));
    const [x, y] = data;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const firstBatchLoss = (await model.evaluate(tf.slice(x, 0, 2), tf.slice(y, 0, 2), { verbose: 0 })) as number;
    setMaxStepsPerEpoch(1);
    expect(await model.evaluate(x, y, { batchSize: 2, verbose: 0 })).toBeCloseTo(firstBatchLoss, 6);
    const predicted = (await model.predict(x, { batchSize: 3 })) as tf.Tensor;
    expect(predicted.shape).toEqual([3, 2]);
    predicted.dispose();
    setMaxStepsPerEpoch(null);
    setMaxEpochs(10);
    const history = await model.fit(x, y, { batchSize: 4, epochs: 2, verbose: 0 });
    expect(history.epoch).toEqual([0, 1]);
    expect(model.optimizer?.iterations).toBe(4);
    model.dispose();
    tf.dispose(data);
  });

  it("read Keras's environment variables until set, and refuse what is not a count", async () => {
    // A fresh copy of the module, in which neither cap was ever set.
    vi.resetModules();
    const fresh = await import('./limits');
    vi.stubEnv('KERAS_MAX_EPOCHS', '3');
    vi.stubEnv('KERAS_MAX_STEPS_PER_EPOCH', '7');
    expect([fresh.maxEpochs(), fresh.maxStepsPerEpoch()]).toEqual([3, 7]);
    vi.stubEnv('KERAS_MAX_EPOCHS', 'many');
    expect(() => fresh.maxEpochs()).toThrow(/The environment variable KERAS_MAX_EPOCHS must be an integer. Received: 'many'/);
    fresh.setMaxEpochs(null);
    expect(fresh.maxEpochs()).toBeNull();
    setMaxStepsPerEpoch(2);
    expect(maxStepsPerEpoch()).toBe(2);
    expect(() => setMaxEpochs(1.5)).toThrow(/setMaxEpochs expects an integer >= 0 or null \(no limit\). Received: 1.5/);
    expect(() => setMaxStepsPerEpoch(-1)).toThrow(/setMaxStepsPerEpoch expects an integer >= 0 or null/);
  });
});
