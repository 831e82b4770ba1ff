import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BaseConvTranspose } from './base-conv-transpose';
import { samePaddingBefore } from './conv-utils';
import { Conv1DTranspose, Conv2DTranspose, DepthwiseConv1D, DepthwiseConv2D, SeparableConv2D } from './index';
import { type NaiveArray, naiveConvolution, naiveConvolutionTranspose } from './naive-reference';

beforeAll(async () => {
  await useBackend('cpu');
});

const naive = (t: tf.Tensor): NaiveArray => ({ data: t.dataSync() as Float32Array, shape: t.shape });

/** Depthwise as Keras defines it: a grouped convolution with one group per input channel. */
function naiveDepthwise(x: NaiveArray, kernel: tf.Tensor, strides: number[], dilation: number[], same: boolean): NaiveArray {
  const [channels, multiplier] = kernel.shape.slice(-2);
  const asGrouped = tf.reshape(kernel, [...kernel.shape.slice(0, -2), 1, channels * multiplier]);
  return naiveConvolution(x, naive(asGrouped), { strides, dilation, same, groups: channels });
}

function expectTransposeMatchesScatter(layer: BaseConvTranspose, inputShape: number[]): void {
  const x = tf.randomNormal(inputShape, 0, 1, 'float32', 3);
  const actual = layer.apply(x) as tf.Tensor;
  const [kernel] = layer.getWeights();
  const spatialIn = inputShape.slice(1, -1);
  const outputShape = actual.shape.slice(1, -1);
  const padBefore = spatialIn.map((length, i) => {
    if (layer.padding !== 'same') return 0;
    const effective = (layer.kernelSize[i] - 1) * layer.dilationRate[i] + 1;
    return samePaddingBefore(length, outputShape[i], effective, layer.strides[i]);
  });
  const expected = naiveConvolutionTranspose(naive(x), naive(kernel), {
    strides: layer.strides,
    dilation: layer.dilationRate,
    outputShape,
    padBefore,
  });
  expect(actual.shape).toEqual(expected.shape);
  // Sums of at most a few dozen float32 products.
  expectAllClose(actual, expected.data, { rtol: 1e-5, atol: 1e-5 });
}

describe('transposed, depthwise and separable convolutions match direct sums', () => {
  it('transposed convolutions are the scatter of input times kernel (TensorFlow\'s conv_transpose)', () => {
    expectTransposeMatchesScatter(new Conv2DTranspose(3, 3, { strides: 2 }), [2, 3, 4, 2]);
    expectTransposeMatchesScatter(new Conv2DTranspose(2, [3, 4], { strides: [2, 3], padding: 'same' }), [1, 3, 3, 2]);
    expectTransposeMatchesScatter(new Conv2DTranspose(2, 3, { strides: 2, padding: 'same', outputPadding: [0, 1] }), [1, 3, 4, 2]);
    expectTransposeMatchesScatter(new Conv2DTranspose(2, 2, { strides: 3 }), [1, 2, 3, 1]);
    expectTransposeMatchesScatter(new Conv1DTranspose(2, 3, { dilationRate: 2 }), [2, 4, 3]);
    expectTransposeMatchesScatter(new Conv1DTranspose(2, 4, { strides: 2, padding: 'same' }), [2, 5, 3]);
  });

  it('Keras\'s transposed output lengths', () => {
    expect(new Conv2DTranspose(1, 3, { strides: 2 }).computeOutputShape([null, 4, 5, 1])).toEqual([null, 9, 11, 1]);
    expect(new Conv2DTranspose(1, 3, { strides: 2, padding: 'same' }).computeOutputShape([null, 4, 5, 1])).toEqual([null, 8, 10, 1]);
    expect(new Conv2DTranspose(1, 1, { strides: 3 }).computeOutputShape([null, 2, 2, 1])).toEqual([null, 6, 6, 1]);
    expect(new Conv1DTranspose(1, 4, { strides: 2, padding: 'same', outputPadding: 1 }).computeOutputShape([null, 5, 1])).toEqual([null, 9, 1]);
  });

  it('depthwise convolutions convolve each channel on its own', () => {
    for (const [layer, shape, same] of [
      [new DepthwiseConv2D(3, { depthMultiplier: 2, strides: 2, padding: 'same', biasInitializer: 'ones' }), [2, 6, 5, 3], true],
      [new DepthwiseConv2D([2, 3], { dilationRate: 2 }), [1, 6, 7, 2], false],
      [new DepthwiseConv1D(3, { depthMultiplier: 3, padding: 'same' }), [2, 7, 2], true],
    ] as Array<[DepthwiseConv2D, number[], boolean]>) {
      const x = tf.randomNormal(shape, 0, 1, 'float32', 8);
      const actual = layer.apply(x) as tf.Tensor;
      const [kernel, bias] = layer.getWeights();
      const expected = naiveDepthwise(naive(x), kernel, layer.strides, layer.dilationRate, same);
      const withBias = (expected.data as Float32Array).map((v, i) => v + bias.dataSync()[i % bias.size]);
      expectAllClose(actual, withBias, { rtol: 1e-5, atol: 1e-5 });
    }
  });

  it('separable convolutions are depthwise then pointwise', () => {
    const layer = new SeparableConv2D(4, 3, { depthMultiplier: 2, padding: 'same', biasInitializer: 'ones' });
    const x = tf.randomNormal([2, 5, 4, 3], 0, 1, 'float32', 6);
    const actual = layer.apply(x) as tf.Tensor;
    const [depthwiseKernel, pointwiseKernel, bias] = layer.getWeights();
    const depthwise = naiveDepthwise(naive(x), depthwiseKernel, [1, 1], [1, 1], true);
    const expected = naiveConvolution(depthwise, naive(pointwiseKernel), {
      strides: [1, 1],
      dilation: [1, 1],
      same: false,
      bias: Array.from(bias.dataSync()),
    });
    expectAllClose(actual, expected.data, { rtol: 1e-5, atol: 1e-5 });
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([
      ['depthwise_kernel', [3, 3, 3, 2]],
      ['pointwise_kernel', [1, 1, 6, 4]],
      ['bias', [4]],
    ]);
    expect(layer.countParams()).toBe(54 + 24 + 4);
  });

  it('configs carry Keras\'s keys', () => {
    const keys = (config: Record<string, unknown>) => Object.keys(config).sort();
    expect(keys(new Conv2DTranspose(2, 3).getConfig())).toEqual(
      keys({
        name: 0, trainable: 0, dtype: 0, filters: 0, kernel_size: 0, strides: 0, padding: 0, output_padding: 0, data_format: 0,
        dilation_rate: 0, activation: 0, use_bias: 0, kernel_initializer: 0, bias_initializer: 0, kernel_regularizer: 0,
        bias_regularizer: 0, activity_regularizer: 0, kernel_constraint: 0, bias_constraint: 0,
      }),
    );
    expect(keys(new SeparableConv2D(2, 3).getConfig())).toEqual(
      keys({
        name: 0, trainable: 0, dtype: 0, filters: 0, kernel_size: 0, strides: 0, padding: 0, data_format: 0, depth_multiplier: 0,
        dilation_rate: 0, activation: 0, use_bias: 0, depthwise_initializer: 0, pointwise_initializer: 0, bias_initializer: 0,
        depthwise_regularizer: 0, pointwise_regularizer: 0, bias_regularizer: 0, activity_regularizer: 0,
        depthwise_constraint: 0, pointwise_constraint: 0, bias_constraint: 0,
      }),
    );
  });
});
