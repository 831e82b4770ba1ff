/**
 * StrataConv2DBackpropInput against tfjs-backend-cpu's Conv2DBackpropInput,
 * same inputs and attributes, on the shapes of conv-cases.ts; agreement as in
 * test-support/kernel-test-support.ts (1e-5 relative).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBackend } from '../use-backend';
import { type ConvCase, convCases, twoPassCase } from './conv-cases';
import { STRATA_CONV2D_BACKPROP_INPUT } from './conv2d-backprop-input';
import { convOutShape, describeCase, expectAgreement, randomTensor, runKernel } from '../test-support/kernel-test-support';

beforeAll(async () => {
  await useBackend('cpu');
});

function compareWithTfjs(convCase: ConvCase, seed: number): void {
  const { x: inputShape, filter: filterShape, strides, pad, dataFormat = 'NHWC', dimRoundingMode } = convCase;
  const dy = randomTensor(convOutShape(inputShape, filterShape, strides, pad, dataFormat, dimRoundingMode), seed);
  const filter = randomTensor(filterShape, seed + 1);
  const attrs = { strides, pad, dataFormat, dimRoundingMode, inputShape };
  expectAgreement(
    runKernel(STRATA_CONV2D_BACKPROP_INPUT, { dy, filter }, attrs),
    runKernel('Conv2DBackpropInput', { dy, filter }, attrs),
  );
  tf.dispose([dy, filter]);
}

describe('StrataConv2DBackpropInput on cpu agrees with tfjs', () => {
  for (const [index, convCase] of convCases.entries()) {
    test(describeCase({ ...convCase }), () => compareWithTfjs(convCase, 10 * index + 5));
  }

  test('over two passes of rows added back into the image', () => compareWithTfjs(twoPassCase, 9));

  test('a 2×2 filter of ones spreads one dy value over its window', () => {
    const dy = tf.tensor4d([1, 10], [1, 1, 2, 1]);
    const filter = tf.ones([2, 2, 1, 1]);
    const out = runKernel(STRATA_CONV2D_BACKPROP_INPUT, { dy, filter }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: [1, 2, 3, 1] });
    expect(out.shape).toEqual([1, 2, 3, 1]);
    expect(Array.from(out.data)).toEqual([1, 11, 10, 1, 11, 10]);
    tf.dispose([dy, filter]);
  });

  test('refuses a dy or filter that does not fit inputShape', () => {
    const dy = tf.ones([1, 3, 3, 2]);
    const filter = tf.ones([3, 3, 1, 2]);
    expect(() =>
      runKernel(STRATA_CONV2D_BACKPROP_INPUT, { dy, filter }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: [1, 4, 4, 1] }),
    ).toThrow('StrataConv2DBackpropInput: dy [1,3,3,2] and filter [3,3,1,2] do not fit inputShape [1,4,4,1] (NHWC)');
    tf.dispose([dy, filter]);
  });
});
