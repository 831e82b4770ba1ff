import { useBackend } from '@strata/backend';
import { Dense, clearSession } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { Sequential } from '../sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

/**
 * evaluate's static types, checked by `tsc --noEmit` (the package's
 * typecheck) as well as at run time: the loss alone or `[loss, ...metrics]`
 * as `number | number[]` (which of the two depends on compile, which
 * TypeScript does not see), and the logs by name with `returnDict: true`.
 */
describe('evaluate types', () => {
  it('types returnDict results as logs by name, and the others as Keras may return them', async () => {
    clearSession();
    const model = new Sequential([new Dense(2, { inputShape: [3] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const x = tf.ones([4, 3]);
    const y = tf.zeros([4, 2]);
    const dict = await model.evaluate(x, y, { verbose: 0, returnDict: true });
    expectTypeOf(dict).toEqualTypeOf<Record<string, number>>();
    expect(Object.keys(dict)).toEqual(['loss', 'mae']);
    const values = await model.evaluate(x, y, { verbose: 0 });
    expectTypeOf(values).toEqualTypeOf<number | number[]>();
    // The honest way to destructure: narrow first, since a model compiled without metrics returns a number.
    if (!Array.isArray(values)) throw new Error('expected [loss, mae]');
    const [loss, mae] = values;
    expect(loss).toBeCloseTo(dict.loss, 6);
    expect(mae).toBeCloseTo(dict.mae, 6);
    const returnDict: boolean = Math.random() > 2;
    expectTypeOf(await model.evaluate(x, y, { verbose: 0, returnDict })).toEqualTypeOf<number | number[] | Record<string, number>>();
    tf.dispose([x, y]);
    model.dispose();
  });
});
