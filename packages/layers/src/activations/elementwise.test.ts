import { useBackend } from '@strata/backend';
import { checkGradients, expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as activation from './elementwise';

beforeAll(() => useBackend('cpu'));

/** Values on both sides of every kink, plus large magnitudes. */
const grid = [-50, -10, -4, -3, -2.5, -1.5, -1, -0.7, -0.5, -0.2, 0, 0.2, 0.5, 0.7, 1, 1.5, 2.5, 3, 4, 6, 7, 10, 50];
/** Points at least 0.1 away from every kink, where finite differences are valid. */
const smoothPoints = [-4.3, -2.7, -1.6, -0.77, -0.23, 0.17, 0.61, 1.37, 2.2, 3.4, 5.1, 7.3];

/** Abramowitz & Stegun 7.1.26 is too coarse; this series/continued-fraction pair is exact to ~1e-12. */
function erf(x: number): number {
  const sign = Math.sign(x);
  const a = Math.abs(x);
  if (a < 3) {
    let sum = 0;
    let term = a;
    for (let n = 0; n < 60; n++) {
      sum += term / (2 * n + 1);
      term *= (-a * a) / (n + 1);
    }
    return (sign * 2 * sum) / Math.sqrt(Math.PI);
  }
  // erfc by a continued fraction for large arguments.
  let fraction = 0;
  for (let k = 60; k >= 1; k--) fraction = k / 2 / (a + fraction);
  return sign * (1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + fraction));
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const relu6 = (x: number) => Math.min(Math.max(x, 0), 6);

const cases: Array<[string, (x: tf.Tensor) => tf.Tensor, (x: number) => number]> = [
  ['relu', (x) => activation.relu(x), (x) => Math.max(x, 0)],
  ['relu negativeSlope', (x) => activation.relu(x, { negativeSlope: 0.1 }), (x) => (x >= 0 ? x : 0.1 * x)],
  ['relu maxValue', (x) => activation.relu(x, { maxValue: 2 }), (x) => Math.min(Math.max(x, 0), 2)],
  ['relu maxValue 6', (x) => activation.relu(x, { maxValue: 6 }), relu6],
  ['relu threshold', (x) => activation.relu(x, { threshold: 1.2 }), (x) => (x > 1.2 ? x : 0)],
  [
    'relu all options',
    (x) => activation.relu(x, { negativeSlope: 0.1, maxValue: 4, threshold: 1.2 }),
    // Keras: clip(x * (x > t), 0, max) - slope * relu(t - x).
    (x) => Math.min(Math.max(x > 1.2 ? x : 0, 0), 4) - 0.1 * Math.max(1.2 - x, 0),
  ],
  ['leaky_relu default 0.2', (x) => activation.leakyRelu(x), (x) => (x >= 0 ? x : 0.2 * x)],
  ['relu6', activation.relu6, relu6],
  ['elu', (x) => activation.elu(x), (x) => (x > 0 ? x : Math.expm1(x))],
  ['elu alpha 0.5', (x) => activation.elu(x, 0.5), (x) => (x > 0 ? x : 0.5 * Math.expm1(x))],
  ['selu', activation.selu, (x) => 1.05070098 * (x > 0 ? x : 1.67326324 * Math.expm1(x))],
  ['celu alpha 2', (x) => activation.celu(x, 2), (x) => Math.max(x, 0) + 2 * Math.expm1(Math.min(x, 0) / 2)],
  ['gelu exact', (x) => activation.gelu(x), (x) => 0.5 * x * (1 + erf(x / Math.SQRT2))],
  [
    'gelu approximate',
    (x) => activation.gelu(x, true),
    (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
  ],
  ['silu', activation.silu, (x) => x * sigmoid(x)],
  ['softplus', activation.softplus, softplus],
  ['softsign', activation.softsign, (x) => x / (Math.abs(x) + 1)],
  ['sigmoid', activation.sigmoid, sigmoid],
  ['hard_sigmoid (Keras 3)', activation.hardSigmoid, (x) => relu6(x + 3) / 6],
  ['hard_silu', activation.hardSilu, (x) => (x * relu6(x + 3)) / 6],
  ['tanh', activation.tanh, Math.tanh],
  ['tanh_shrink', activation.tanhShrink, (x) => x - Math.tanh(x)],
  ['hard_tanh', activation.hardTanh, (x) => Math.min(Math.max(x, -1), 1)],
  ['soft_shrink', (x) => activation.softShrink(x), (x) => (x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0)],
  ['hard_shrink', (x) => activation.hardShrink(x), (x) => (Math.abs(x) > 0.5 ? x : 0)],
  ['threshold', (x) => activation.threshold(x, 0.3, -2), (x) => (x > 0.3 ? x : -2)],
  ['exponential', activation.exponential, Math.exp],
  ['linear', activation.linear, (x) => x],
  ['mish', activation.mish, (x) => x * Math.tanh(softplus(x))],
  ['log_sigmoid', activation.logSigmoid, (x) => -softplus(-x)],
  ['sparse_plus', activation.sparsePlus, (x) => (x <= -1 ? 0 : x >= 1 ? x : (x + 1) ** 2 / 4)],
  ['sparse_sigmoid', activation.sparseSigmoid, (x) => (x <= -1 ? 0 : x >= 1 ? 1 : (x + 1) / 2)],
  ['squareplus', (x) => activation.squareplus(x), (x) => (x + Math.sqrt(x * x + 4)) / 2],
];

describe('element-wise activations', () => {
  it.each(cases)('%s matches its definition on a grid', (_name, fn, naive) => {
    const output = tf.tidy(() => fn(tf.tensor1d(grid)));
    expectAllClose(
      output,
      grid.map((x) => naive(x)),
      { rtol: 2e-5, atol: 1e-6 },
    );
    output.dispose();
  });

  it.each(cases.filter(([name]) => name !== 'exponential'))('%s has a correct gradient', (_name, fn) => {
    const x = tf.tensor1d(smoothPoints);
    const { maxRelativeError } = checkGradients((input) => tf.sum(fn(input)) as tf.Scalar, [x], { epsilon: 1e-2 });
    expect(maxRelativeError).toBeLessThan(2e-2);
    x.dispose();
  });

  it('exponential has a correct gradient', () => {
    const x = tf.tensor1d([-2, -0.5, 0.3, 1.7]);
    expect(checkGradients((input) => tf.sum(activation.exponential(input)) as tf.Scalar, [x]).maxRelativeError).toBeLessThan(1e-2);
    x.dispose();
  });

  it('threshold without arguments is an error that names them', () => {
    const x = tf.tensor1d([1]);
    expect(() => activation.threshold(x)).toThrow(/threshold.*defaultValue/);
    x.dispose();
  });

  it('differentiates relu with a threshold without tripping over comparisons', () => {
    const x = tf.tensor1d([-1, 0.5, 1.5, 3]);
    const gradient = tf.grad((input: tf.Tensor) => tf.sum(activation.relu(input, { threshold: 1, negativeSlope: 0.1 })))(x);
    // Above the threshold the slope is 1; below it, 0 from the gated part plus 0.1 from the negative part.
    expectAllClose(gradient, [0.1, 0.1, 1, 1]);
    tf.dispose([x, gradient]);
  });
});
