// fit with an optimizer that keeps moving averages of the weights (useEma), and callbacks.SwapEMAWeights,
// against Keras 3.15.1 (golden/train-api.json, scripts/golden_train_api.py): the losses, the validation losses
// (on the EMA weights when the callback swaps them in), the weights that later callbacks see at each epoch's end,
// and the final weights, which fit sets to the averages.
import { useBackend } from '@strata/backend';
import { Callback, SwapEMAWeights } from '@strata/callbacks';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { goldenCase, goldenModel } from './train-api-golden';

beforeAll(() => useBackend('cpu'));

const tolerance = { rtol: 1e-5, atol: 1e-6 };

/** Copies the weights at each epoch's end, as the Keras script's Recorder does. */
class Recorder extends Callback {
  readonly seen: number[][][] = [];
  override onEpochEnd(): void {
    this.seen.push(this.model.getWeights().map((w) => {
      const values = Array.from(w.dataSync());
      w.dispose();
      return values;
    }));
  }
}

describe('useEma and SwapEMAWeights in fit, at Keras numbers', () => {
  it.each([
    ['ema_no_callback', () => []],
    ['swap_ema_weights', () => [new SwapEMAWeights()]],
    ['swap_ema_weights_on_epoch', () => [new SwapEMAWeights({ swapOnEpoch: true })]],
  ] as const)('%s', async (name, callbacks) => {
    const expected = goldenCase(name);
    const { model, data } = goldenModel(expected);
    const [x, y, xVal, yVal] = data;
    const before = tf.memory().numTensors;
    const recorder = new Recorder();
    const history = await model.fit(x, y, {
      batchSize: 4, epochs: 3, shuffle: false, verbose: 0, validationData: [xVal, yVal], callbacks: [...callbacks(), recorder],
    });
    expectAllClose(history.history.loss as number[], expected.history.loss, tolerance);
    expectAllClose(history.history.val_loss as number[], expected.history.val_loss, tolerance);
    recorder.seen.forEach((weights, epoch) => {
      weights.forEach((w, k) => expectAllClose(w, expected.epoch_end_weights[epoch][k], tolerance));
    });
    model.getWeights().forEach((w, k) => {
      expectAllClose(w, expected.final_weights[k], tolerance);
      w.dispose();
    });
    expect(model.optimizer?.iterations).toBe(expected.iterations);
    // The optimizer's two averages (kernel, bias) are all that fit adds: it has no other slots.
    expect(tf.memory().numTensors - before).toBe(2);
    model.dispose();
    tf.dispose(data);
  });

  it('refuses an optimizer without useEma, saying so', async () => {
    const { model, data } = goldenModel(goldenCase('max_epochs_2_max_steps_1'));
    const [x, y, xVal, yVal] = data;
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, validationData: [xVal, yVal], callbacks: [new SwapEMAWeights()] })).rejects.toThrow(
      /SwapEMAWeights must be used when `useEma: true` is set on the optimizer. Received: useEma=false/,
    );
    model.dispose();
    tf.dispose(data);
  });

  it('puts the trained weights back after predict', async () => {
    const { model, data } = goldenModel(goldenCase('ema_no_callback'));
    const [x, y] = data;
    await model.fit(x, y, { batchSize: 4, epochs: 1, shuffle: false, verbose: 0 });
    const optimizer = model.optimizer!;
    // After fit the weights are the averages; move them so that the two differ, then predict through the callback.
    const kernel = optimizer.movingAverageVariables()[0].variable;
    tf.tidy(() => kernel.assign(tf.add(kernel, 1)));
    const trained = Array.from(kernel.dataSync());
    const average = Array.from(optimizer.movingAverageVariables()[0].average.dataSync());
    const seenInPredict: number[][] = [];
    class Probe extends Callback {
      override onPredictBatchBegin(): void {
        seenInPredict.push(Array.from(kernel.dataSync()));
      }
    }
    const predicted = (await model.predict(x, { callbacks: [new SwapEMAWeights(), new Probe()] })) as tf.Tensor;
    predicted.dispose();
    // The batches ran on the averages; afterwards the trained weights are back (Keras 3.15.1 leaves the averages in).
    expect(seenInPredict.length).toBeGreaterThan(0);
    expectAllClose(seenInPredict[0], average, tolerance);
    expectAllClose(kernel, trained, tolerance);
    expectAllClose(optimizer.movingAverageVariables()[0].average, average, tolerance);
    model.dispose();
    tf.dispose(data);
  });
});
