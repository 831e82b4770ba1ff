import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conv1D } from './conv1d';
import { Conv2D } from './conv2d';
import { Conv3D } from './conv3d';
import { type NaiveArray, naiveConvolution } from './naive-reference';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { convolutionalSpecs } from '../test-support/specs/convolutional';

beforeAll(async () => {
  await useBackend('cpu');
});

function naive(t: tf.Tensor): NaiveArray {
  return { data: t.dataSync() as Float32Array, shape: t.shape };
}

/** Runs a built conv layer on a random input and compares it with the direct sums. */
function expectMatchesDirectSums(
  layer: Conv1D | Conv2D | Conv3D,
  inputShape: number[],
  options: { same: boolean; causal?: boolean },
): void {
  let x = tf.randomNormal(inputShape, 0, 1, 'float32', 11);
  const actual = layer.apply(x) as tf.Tensor;
  const [kernel, bias] = layer.getWeights();
  if (options.causal) {
    x = tf.pad(x, [[0, 0], [(layer.kernelSize[0] - 1) * layer.dilationRate[0], 0], [0, 0]]);
  }
  const expected = naiveConvolution(naive(x), naive(kernel), {
    strides: layer.strides,
    dilation: layer.dilationRate,
    same: options.same,
    groups: layer.groups,
    bias: bias ? Array.from(bias.dataSync()) : undefined,
  });
  expect(actual.shape).toEqual(expected.shape);
  // float32 sums of at most a few dozen products: 1e-5 relative with a 1e-5 floor for values near zero.
  expectAllClose(actual, expected.data, { rtol: 1e-5, atol: 1e-5 });
}

describe('convolutions match direct sums', () => {
  it('Conv2D: valid, same with odd and even kernels, strides, dilation, groups', () => {
    expectMatchesDirectSums(new Conv2D(3, 3, { biasInitializer: 'ones' }), [2, 6, 5, 2], { same: false });
    expectMatchesDirectSums(new Conv2D(3, [2, 4], { strides: [2, 3], padding: 'same' }), [2, 7, 8, 2], { same: true });
    expectMatchesDirectSums(new Conv2D(2, 3, { dilationRate: [2, 1], padding: 'same' }), [1, 7, 6, 3], { same: true });
    expectMatchesDirectSums(new Conv2D(6, 3, { groups: 3, strides: 2 }), [1, 7, 7, 3], { same: false });
  });

  it('Conv1D: same with strides, dilation, causal', () => {
    expectMatchesDirectSums(new Conv1D(4, 3, { strides: 2, padding: 'same' }), [2, 9, 3], { same: true });
    expectMatchesDirectSums(new Conv1D(2, 3, { dilationRate: 3 }), [2, 12, 2], { same: false });
    expectMatchesDirectSums(new Conv1D(2, 2, { padding: 'causal', dilationRate: 2 }), [1, 8, 2], { same: false, causal: true });
  });

  it('Conv3D: same with strides, and dilation', () => {
    expectMatchesDirectSums(new Conv3D(2, [2, 3, 2], { strides: 2, padding: 'same' }), [1, 5, 6, 4, 2], { same: true });
    expectMatchesDirectSums(new Conv3D(2, 2, { dilationRate: 2 }), [1, 5, 5, 5, 1], { same: false });
  });

  it('channels_first gives the channels_last result transposed', () => {
    const last = new Conv2D(3, 3, { padding: 'same' });
    const first = new Conv2D(3, 3, { padding: 'same', dataFormat: 'channels_first' });
    const x = tf.randomNormal([2, 5, 6, 2], 0, 1, 'float32', 4);
    const expected = last.apply(x) as tf.Tensor;
    first.apply(tf.transpose(x, [0, 3, 1, 2]));
    first.setWeights(last.getWeights());
    expect(first.computeOutputShape([null, 2, 5, 6])).toEqual([null, 3, 5, 6]);
    expectAllClose(first.apply(tf.transpose(x, [0, 3, 1, 2])) as tf.Tensor, tf.transpose(expected, [0, 3, 1, 2]));
  });

  it('weight shapes and parameter counts are Keras\'s', () => {
    const layer = new Conv2D(24, 5, { strides: 2, padding: 'same' });
    layer.apply(tf.zeros([1, 8, 8, 24]));
    expect(layer.weights.map((w) => w.shape)).toEqual([[5, 5, 24, 24], [24]]);
    expect(layer.countParams()).toBe(14424);
    const grouped = new Conv1D(4, 3, { groups: 2 });
    grouped.apply(tf.zeros([1, 5, 6]));
    expect(grouped.weights[0].shape).toEqual([3, 3, 4]);
  });

  it('rejects invalid arguments with Keras\'s messages', () => {
    expect(() => new Conv2D(0, 3)).toThrow(/Expected a strictly positive value. Received filters=0/);
    expect(() => new Conv2D(3, 3, { groups: 2 })).toThrow(/evenly divisible by the number of groups/);
    expect(() => new Conv2D(2, 3, { strides: 2, dilationRate: 2 })).toThrow(/strides > 1/);
    expect(() => new Conv2D(2, 3, { padding: 'causal' })).toThrow(/padding/);
  });
});

describeLayerTests('convolution layers through the layer harness', convolutionalSpecs);
