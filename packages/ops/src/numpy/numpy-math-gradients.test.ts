// Custom layers train through these ops: their gradients (tfjs's, through Strata's compositions) must match
// central finite differences of the op itself.
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index';

beforeAll(async () => {
  await useBackend('cpu');
});

// Points away from kinks and domain edges, so that finite differences are meaningful.
const X = [[0.7, -1.3, 2.1], [-0.4, 1.6, -2.4]];
const Y = [0.9, -0.6, 1.8];

type Loss = (x: tf.Tensor) => tf.Tensor;

const cases: Array<[string, Loss]> = [
  ['maximum', (x) => ops.maximum(x, 0.5)],
  ['minimum', (x) => ops.minimum(x, Y)],
  ['fmax', (x) => ops.fmax(x, Y)],
  ['clip', (x) => ops.clip(x, -1, 1.5)],
  ['divide', (x) => ops.divide(Y, x)],
  ['divide_no_nan', (x) => ops.divideNoNan(x, Y)],
  ['power', (x) => ops.power(ops.abs(x), 1.5)],
  ['mod', (x) => ops.mod(x, 0.75)],
  ['logaddexp', (x) => ops.logaddexp(x, Y)],
  ['logaddexp2', (x) => ops.logaddexp2(x, Y)],
  ['hypot', (x) => ops.hypot(x, Y)],
  ['arctan2', (x) => ops.arctan2(x, Y)],
  ['cbrt', (x) => ops.cbrt(x)],
  ['sinc', (x) => ops.sinc(x)],
  ['i0', (x) => ops.i0(x)],
  ['log2', (x) => ops.log2(ops.abs(x))],
  ['exp2', (x) => ops.exp2(x)],
  ['mean', (x) => ops.mean(x, { axis: -1 })],
  ['var', (x) => ops.var(x, { axis: 0 })],
  ['std', (x) => ops.std(x)],
  ['average', (x) => ops.average(x, { axis: 1, weights: [1, 2, 3] })],
  ['prod', (x) => ops.prod(x, { axis: 1 })],
  ['max', (x) => ops.max(x, { axis: 1 })],
  ['amin', (x) => ops.amin(x, { axis: 0 })],
  ['ptp', (x) => ops.ptp(x, { axis: 1 })],
  ['cumsum', (x) => ops.cumsum(x, { axis: 1 })],
  ['cumprod', (x) => ops.cumprod(x, { axis: 0 })],
  ['nansum', (x) => ops.nansum(x, { axis: 0 })],
  ['nanmean', (x) => ops.nanmean(x)],
  ['nanvar', (x) => ops.nanvar(x, { axis: 1 })],
  ['nanmax', (x) => ops.nanmax(x, { axis: 1 })],
  ['nan_to_num', (x) => ops.nanToNum(ops.log(x))],
];

function lossOf(f: Loss, x: tf.Tensor): tf.Scalar {
  // A weighted sum, so that each output element's gradient counts differently.
  const out = f(x);
  const weights = tf.reshape(tf.range(1, out.size + 1), out.shape);
  return tf.sum(tf.mul(out, weights)) as tf.Scalar;
}

describe('gradients of numpy math ops match finite differences', () => {
  for (const [name, f] of cases) {
    it(name, () => {
      const before = tf.memory().numTensors;
      const x = tf.tensor2d(X);
      const analytic = tf.tidy(() => tf.grad((t: tf.Tensor) => lossOf(f, t))(x));
      const gradient = Array.from(analytic.dataSync());
      const base = X.flat();
      const step = 1e-3;
      for (let i = 0; i < base.length; i++) {
        const at = (delta: number) =>
          tf.tidy(() => {
            const shifted = base.slice();
            shifted[i] += delta;
            return lossOf(f, tf.tensor2d(shifted, [2, 3])).dataSync()[0];
          });
        const numeric = (at(step) - at(-step)) / (2 * step);
        expect(gradient[i], `${name}: d/dx[${i}]`).toBeCloseTo(numeric, 1);
        expect(Math.abs(gradient[i] - numeric), `${name}: d/dx[${i}]`).toBeLessThanOrEqual(2e-2 * Math.max(1, Math.abs(numeric)));
      }
      tf.dispose([x, analytic]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
