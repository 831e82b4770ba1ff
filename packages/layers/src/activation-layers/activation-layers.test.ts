import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ELU, LeakyReLU, PReLU, ReLU } from './index';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { activationLayerSpecs } from '../test-support/specs/activation-layers';

beforeAll(async () => {
  await useBackend('cpu');
});

const values = [-3, -1.5, -0.5, 0.25, 0.75, 2, 7];
const x = () => tf.tensor2d([values]);

describe('activation layers', () => {
  it('ReLU follows Keras\'s piecewise definition', () => {
    const reference = (v: number) => (v >= 6 ? 6 : v >= 0.5 ? v : 0.1 * (v - 0.5));
    expectAllClose(new ReLU({ maxValue: 6, negativeSlope: 0.1, threshold: 0.5 }).apply(x()) as tf.Tensor, values.map(reference));
    expectAllClose(new ReLU().apply(x()) as tf.Tensor, values.map((v) => Math.max(v, 0)));
    expect(new ReLU().getConfig()).toMatchObject({ max_value: null, negative_slope: 0, threshold: 0 });
  });

  it('LeakyReLU, ELU and PReLU match their formulas', () => {
    expectAllClose(new LeakyReLU().apply(x()) as tf.Tensor, values.map((v) => (v >= 0 ? v : 0.3 * v)));
    expectAllClose(new ELU({ alpha: 0.5 }).apply(x()) as tf.Tensor, values.map((v) => (v > 0 ? v : 0.5 * Math.expm1(v))));
    const prelu = new PReLU({ sharedAxes: [1] });
    const input = tf.tensor3d([[[-1, 2], [3, -4]]]);
    prelu.apply(input);
    expect(prelu.weights[0].shape).toEqual([1, 2]);
    prelu.setWeights([tf.tensor2d([[0.5, 0.25]])]);
    expectAllClose(prelu.apply(input) as tf.Tensor, [-0.5, 2, 3, -1]);
    expect(new LeakyReLU().getConfig()).toMatchObject({ negative_slope: 0.3 });
  });
});

describeLayerTests('activation layers through the layer harness', activationLayerSpecs);
