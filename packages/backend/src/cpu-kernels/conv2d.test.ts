/**
 * StrataConv2D against tfjs-backend-cpu's FusedConv2D (bias, relu) and
 * Conv2D (plain), same inputs and attributes, on the shapes of conv-cases.ts;
 * agreement as in test-support/kernel-test-support.ts (1e-5 relative).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBackend } from '../use-backend';
import { type ConvCase, convCases, dilatedCases, twoPassCase } from './conv-cases';
import { STRATA_CONV2D } from './conv2d';
import { imagesPerPass } from './image-passes';
import { describeCase, expectAgreement, randomTensor, runKernel } from '../test-support/kernel-test-support';
import { fromConvInfo } from '../kernels-common/im2col';

beforeAll(async () => {
  await useBackend('cpu');
});

function compareWithTfjs(convCase: ConvCase, withBias: boolean, activation: 'linear' | 'relu', seed: number): void {
  const { x: xShape, filter: filterShape, strides, pad, dilations = 1, dataFormat = 'NHWC', dimRoundingMode } = convCase;
  const x = randomTensor(xShape, seed);
  const filter = randomTensor(filterShape, seed + 1);
  const bias = withBias ? randomTensor([filterShape[3]], seed + 2) : undefined;
  const attrs = { strides, pad, dilations, dataFormat, dimRoundingMode };
  const strata = runKernel(STRATA_CONV2D, { x, filter, bias }, { ...attrs, activation });
  const reference =
    withBias || activation !== 'linear'
      ? runKernel('FusedConv2D', { x, filter, bias }, { ...attrs, activation })
      : runKernel('Conv2D', { x, filter }, attrs);
  expectAgreement(strata, reference);
  tf.dispose([x, filter, bias].filter((tensor) => tensor !== undefined));
}

describe('StrataConv2D on cpu agrees with tfjs', () => {
  const cases = [...convCases, ...dilatedCases];
  for (const [index, convCase] of cases.entries()) {
    for (const withBias of [false, true]) {
      for (const activation of ['linear', 'relu'] as const) {
        test(describeCase({ ...convCase, bias: withBias, activation }), () => {
          compareWithTfjs(convCase, withBias, activation, 10 * index + 1);
        });
      }
    }
  }

  test('over two im2col passes', () => {
    const info = tf.backend_util.computeConv2DInfo(twoPassCase.x, twoPassCase.filter, 1, 1, 'valid');
    expect(imagesPerPass(fromConvInfo(info), 3 * 3 * 32)).toBe(3);
    compareWithTfjs(twoPassCase, true, 'relu', 7);
  });

  test('relu zeroes negative sums and keeps positive ones, bias included', () => {
    // x = 1 everywhere, 1×1 filter with weights 2 and -3: sums 2 and -3, plus bias 0.5 and 4.
    const x = tf.ones([1, 2, 2, 1]);
    const filter = tf.tensor4d([2, -3], [1, 1, 1, 2]);
    const bias = tf.tensor1d([0.5, 4]);
    const out = runKernel(STRATA_CONV2D, { x, filter, bias }, { strides: 1, pad: 'valid', dilations: 1, activation: 'relu' });
    expect(out.shape).toEqual([1, 2, 2, 2]);
    expect(Array.from(out.data)).toEqual([2.5, 1, 2.5, 1, 2.5, 1, 2.5, 1]);
    const linear = runKernel(STRATA_CONV2D, { x, filter }, { strides: 1, pad: 'valid', dilations: 1, activation: 'linear' });
    expect(Array.from(linear.data)).toEqual([2, -3, 2, -3, 2, -3, 2, -3]);
    const reluNoBias = runKernel(STRATA_CONV2D, { x, filter }, { strides: 1, pad: 'valid', dilations: 1, activation: 'relu' });
    expect(Array.from(reluNoBias.data)).toEqual([2, 0, 2, 0, 2, 0, 2, 0]);
    tf.dispose([x, filter, bias]);
  });

  test('a single bias value is added to every channel', () => {
    const x = tf.ones([1, 1, 1, 1]);
    const filter = tf.tensor4d([1, 2, 3], [1, 1, 1, 3]);
    const bias = tf.scalar(10);
    const out = runKernel(STRATA_CONV2D, { x, filter, bias }, { strides: 1, pad: 'valid', dilations: 1, activation: 'linear' });
    expect(Array.from(out.data)).toEqual([11, 12, 13]);
    tf.dispose([x, filter, bias]);
  });

  test('refuses other activations, dtypes, biases and channel counts with a clear error', () => {
    const x = tf.ones([1, 3, 3, 2]);
    const filter = tf.ones([2, 2, 2, 3]);
    const attrs = { strides: 1, pad: 'valid', dilations: 1, activation: 'linear' };
    expect(() => runKernel(STRATA_CONV2D, { x, filter }, { ...attrs, activation: 'elu' })).toThrow(
      "StrataConv2D takes activation 'linear' or 'relu', but received 'elu'.",
    );
    const xInt = tf.ones([1, 3, 3, 2], 'int32');
    expect(() => runKernel(STRATA_CONV2D, { x: xInt, filter }, attrs)).toThrow(
      "StrataConv2D takes float32 tensors, but its input 'x' has dtype int32.",
    );
    const bias = tf.ones([2]);
    expect(() => runKernel(STRATA_CONV2D, { x, filter, bias }, attrs)).toThrow(
      'StrataConv2D takes a bias of 3 values (one per output channel) or 1, but received 2.',
    );
    const wrongFilter = tf.ones([2, 2, 4, 3]);
    expect(() => runKernel(STRATA_CONV2D, { x, filter: wrongFilter }, attrs)).toThrow('expects 4 input channels');
    tf.dispose([x, filter, xInt, bias, wrongFilter]);
  });
});
