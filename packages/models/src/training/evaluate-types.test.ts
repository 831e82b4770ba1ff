import { useBackend } from '@strata/backend';
import { Dense, clearSession } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { Model } from '../model';
import { Sequential } from '../sequential';
import type { EvaluateResult } from './evaluate';

beforeAll(async () => {
  await useBackend('cpu');
});

/**
 * evaluate's and predict's static types, checked by `tsc --noEmit` (the package's typecheck) as well as at run
 * time: Keras's lines port without a cast (`const [loss, acc] = await model.evaluate(x, y)`, a Sequential model's
 * prediction is a tensor), the logs by name with `returnDict: true`.
 */
describe('evaluate and predict types', () => {
  it('destructures [loss, ...metrics] without a cast, and types returnDict results as logs by name', async () => {
    clearSession();
    const model = new Sequential([new Dense(2, { inputShape: [3] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const x = tf.ones([4, 3]);
    const y = tf.zeros([4, 2]);
    const dict = await model.evaluate(x, y, { verbose: 0, returnDict: true });
    expectTypeOf(dict).toEqualTypeOf<Record<string, number>>();
    expect(Object.keys(dict)).toEqual(['loss', 'mae']);
    const [loss, mae] = await model.evaluate(x, y, { verbose: 0 });
    expectTypeOf(loss).toEqualTypeOf<number>();
    expect(loss).toBeCloseTo(dict.loss, 6);
    expect(mae).toBeCloseTo(dict.mae, 6);
    // Tutorial 003's `score = model.evaluate(...); score[1]`.
    const score = await model.evaluate(x, y, { verbose: 0 });
    expect(score[1]).toBeCloseTo(dict.mae, 6);
    const returnDict: boolean = Math.random() > 2;
    expectTypeOf(await model.evaluate(x, y, { verbose: 0, returnDict })).toEqualTypeOf<EvaluateResult | Record<string, number>>();
    tf.dispose([x, y]);
    model.dispose();
  });

  it('returns the lone loss of a model without metrics as a number, which narrows as one and refuses destructuring', async () => {
    clearSession();
    const model = new Sequential([new Dense(1, { inputShape: [3] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.ones([4, 3]);
    const y = tf.zeros([4, 1]);
    const scores = await model.evaluate(x, y, { verbose: 0 });
    expect(typeof scores).toBe('number');
    if (typeof scores !== 'number') throw new Error('expected the loss alone');
    expect(scores.toFixed(3)).toMatch(/^\d+\.\d{3}$/);
    // As unpacking a float does in Python: a TypeError, not a silent undefined.
    expect(() => {
      const [lossAlone] = scores;
      return lossAlone;
    }).toThrow(TypeError);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('types a Sequential prediction as one tensor, and a functional one as Keras may return it', async () => {
    clearSession();
    const model = new Sequential([new Dense(2, { inputShape: [3] })]);
    const x = tf.ones([4, 3]);
    const before = tf.memory().numTensors;
    const prediction = await model.predict(x, { verbose: 0 });
    expectTypeOf(prediction).toEqualTypeOf<tf.Tensor>();
    expect(prediction.shape).toEqual([4, 2]);
    const onBatch = model.predictOnBatch(x);
    expectTypeOf(onBatch).toEqualTypeOf<tf.Tensor>();
    expect(Array.from(await onBatch.data())).toEqual(Array.from(await prediction.data()));
    tf.dispose([prediction, onBatch]);
    expect(tf.memory().numTensors).toBe(before);
    expectTypeOf<ReturnType<Model['predict']>>().toEqualTypeOf<Promise<tf.Tensor | tf.Tensor[]>>();
    tf.dispose(x);
    model.dispose();
  });
});
