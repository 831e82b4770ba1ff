import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ActivityRegularization,
  AlphaDropout,
  GaussianDropout,
  GaussianNoise,
  SpatialDropout1D,
  SpatialDropout2D,
} from './index';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { regularizationSpecs } from '../test-support/specs/regularization';

beforeAll(async () => {
  await useBackend('cpu');
});

function meanAndVariance(values: ArrayLike<number>): [number, number] {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return [mean, squares / values.length];
}

describe('regularization layers in training and inference', () => {
  const ones = () => tf.ones([64, 10, 10, 8]);

  it('every layer is the identity in inference', () => {
    const x = tf.randomNormal([4, 6, 6, 3], 0, 1, 'float32', 1);
    for (const layer of [new SpatialDropout2D(0.5), new GaussianNoise(0.5), new GaussianDropout(0.5), new AlphaDropout(0.5)]) {
      expectAllClose(layer.apply(x, { training: false }) as tf.Tensor, x);
    }
  });

  it('SpatialDropout drops whole feature maps and scales the rest by 1 / (1 - rate)', () => {
    const output = (new SpatialDropout2D(0.25, { seed: 3 }).apply(ones(), { training: true }) as tf.Tensor).arraySync() as number[][][][];
    let dropped = 0;
    for (const sample of output) {
      for (let channel = 0; channel < 8; channel++) {
        const map = sample.flatMap((row) => row.map((pixel) => pixel[channel]));
        // A map is all zeros or all 1 / 0.75: one draw per sample and channel.
        expect(map.every((v) => v === map[0])).toBe(true);
        if (map[0] === 0) dropped++;
        else expect(map[0]).toBeCloseTo(1 / 0.75, 6);
      }
    }
    expect(dropped / (64 * 8)).toBeGreaterThan(0.18);
    expect(dropped / (64 * 8)).toBeLessThan(0.32);
    const first = (new SpatialDropout1D(0.5, { seed: 4 }).apply(tf.ones([32, 5, 4]), { training: true }) as tf.Tensor).arraySync() as number[][][];
    expect(first.every((sample) => [0, 1, 2, 3].every((c) => sample.every((step) => step[c] === sample[0][c])))).toBe(true);
  });

  it('GaussianNoise adds noise of stddev; GaussianDropout multiplies by noise of mean 1 and stddev sqrt(rate / (1 - rate))', () => {
    const noise = tf.sub(new GaussianNoise(0.5, { seed: 1 }).apply(ones(), { training: true }) as tf.Tensor, 1).dataSync();
    const [noiseMean, noiseVariance] = meanAndVariance(noise);
    // 51,200 draws: the sample mean is within 0.01 and the variance within 2% with overwhelming probability.
    expect(Math.abs(noiseMean)).toBeLessThan(0.01);
    expect(Math.abs(noiseVariance / 0.25 - 1)).toBeLessThan(0.02);
    const factors = (new GaussianDropout(0.2, { seed: 2 }).apply(ones(), { training: true }) as tf.Tensor).dataSync();
    const [factorMean, factorVariance] = meanAndVariance(factors);
    expect(Math.abs(factorMean - 1)).toBeLessThan(0.01);
    expect(Math.abs(factorVariance / (0.2 / 0.8) - 1)).toBeLessThan(0.02);
  });

  it('AlphaDropout keeps standard-normal inputs at mean 0 and variance 1, as SELU needs', () => {
    const x = tf.randomNormal([64, 10, 10, 8], 0, 1, 'float32', 5);
    const output = (new AlphaDropout(0.2, { seed: 6 }).apply(x, { training: true }) as tf.Tensor).dataSync();
    const [mean, variance] = meanAndVariance(output);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    // Dropped units all share the value a * alpha' + b.
    const alphaP = -1.6732632423543772 * 1.0507009873554805;
    const a = (0.8 * (1 + 0.2 * alphaP ** 2)) ** -0.5;
    const droppedValue = a * alphaP - a * alphaP * 0.2;
    const droppedShare = output.filter((v) => Math.abs(v - droppedValue) < 1e-6).length / output.length;
    expect(Math.abs(droppedShare - 0.2)).toBeLessThan(0.01);
  });

  it('ActivityRegularization records l1 * sum|x| + l2 * sum(x^2)', () => {
    const layer = new ActivityRegularization({ l1: 0.1, l2: 0.01 });
    const x = tf.tensor2d([[1, -2], [3, -4]]);
    expectAllClose(layer.apply(x) as tf.Tensor, x);
    const [loss] = layer.regularizationLosses();
    expectAllClose(loss, 0.1 * 10 + 0.01 * 30);
  });

  it('configs are Keras\'s, including SpatialDropout\'s short one', () => {
    expect(new SpatialDropout2D(0.5, { name: 'sd' }).getConfig()).toEqual({
      rate: 0.5,
      seed: null,
      name: 'sd',
      dtype: 'float32',
      data_format: 'channels_last',
    });
    expect(new AlphaDropout(0.1).getConfig()).toMatchObject({ rate: 0.1, seed: null, noise_shape: null });
    expect(new GaussianNoise(0.1).getConfig()).toMatchObject({ stddev: 0.1, seed: null });
    expect(new ActivityRegularization().getConfig()).toMatchObject({ l1: 0, l2: 0 });
  });
});

describeLayerTests('regularization layers through the layer harness', regularizationSpecs);
