/**
 * StrataConv2DBackpropFilter against tfjs-backend-cpu's Conv2DBackpropFilter,
 * same inputs and attributes, on the shapes of conv-cases.ts; agreement as in
 * test-support/kernel-test-support.ts (1e-5 relative).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBackend } from '../use-backend';
import { type ConvCase, convCases, twoPassCase } from './conv-cases';
import { STRATA_CONV2D_BACKPROP_FILTER } from './conv2d-backprop-filter';
import { convOutShape, describeCase, expectAgreement, randomTensor, runKernel } from '../test-support/kernel-test-support';

beforeAll(async () => {
  await useBackend('cpu');
});

function compareWithTfjs(convCase: ConvCase, seed: number): void {
  const { x: xShape, filter: filterShape, strides, pad, dataFormat = 'NHWC', dimRoundingMode } = convCase;
  const x = randomTensor(xShape, seed);
  const dy = randomTensor(convOutShape(xShape, filterShape, strides, pad, dataFormat, dimRoundingMode), seed + 1);
  const attrs = { strides, pad, dataFormat, dimRoundingMode, filterShape };
  expectAgreement(runKernel(STRATA_CONV2D_BACKPROP_FILTER, { x, dy }, attrs), runKernel('Conv2DBackpropFilter', { x, dy }, attrs));
  tf.dispose([x, dy]);
}

describe('StrataConv2DBackpropFilter on cpu agrees with tfjs', () => {
  for (const [index, convCase] of convCases.entries()) {
    test(describeCase({ ...convCase }), () => compareWithTfjs(convCase, 10 * index + 3));
  }

  test('over two im2col passes, which add to the same gradient', () => compareWithTfjs(twoPassCase, 5));

  test('a 1×1 filter on one pixel is the outer product of x and dy', () => {
    const x = tf.tensor4d([1, 2], [1, 1, 1, 2]);
    const dy = tf.tensor4d([3, 4, 5], [1, 1, 1, 3]);
    const out = runKernel(STRATA_CONV2D_BACKPROP_FILTER, { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [1, 1, 2, 3] });
    expect(out.shape).toEqual([1, 1, 2, 3]);
    expect(Array.from(out.data)).toEqual([3, 4, 5, 6, 8, 10]);
    tf.dispose([x, dy]);
  });

  test('refuses a dy that does not fit the convolution', () => {
    const x = tf.ones([1, 4, 4, 1]);
    const dy = tf.ones([1, 3, 3, 2]);
    expect(() =>
      runKernel(STRATA_CONV2D_BACKPROP_FILTER, { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 1, 2] }),
    ).toThrow("StrataConv2DBackpropFilter: dy has shape [1,3,3,2], but the convolution's output has shape [1,2,2,2].");
    tf.dispose([x, dy]);
  });
});
