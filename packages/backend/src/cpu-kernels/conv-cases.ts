/**
 * Convolution shapes the cpu kernel tests share: strides 1 and 2 (and
 * unequal), 'valid', 'same', explicit and numeric padding with both rounding
 * modes, dilations above 1 (forward only: tfjs's backprop kernels have no
 * dilation), 1×1 and large filters, channel counts that are and are not
 * multiples of 4, a depth above the product's slice of 256, batch 1 and
 * above, NCHW, and one case large enough to take two im2col passes.
 */
import type { Pad, Shape4D } from '../test-support/kernel-test-support';

export interface ConvCase {
  x: Shape4D;
  filter: Shape4D;
  strides: number | [number, number];
  pad: Pad;
  dilations?: number | [number, number];
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Cases with dilation 1, valid for every kernel. */
export const convCases: ConvCase[] = [
  { x: [2, 7, 8, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { x: [3, 9, 7, 2], filter: [3, 2, 2, 5], strides: 2, pad: 'same' },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 6], strides: 1, pad: 'same' },
  { x: [1, 10, 9, 4], filter: [2, 3, 4, 3], strides: [2, 1], pad: [[0, 0], [1, 2], [2, 0], [0, 0]] },
  { x: [2, 11, 11, 1], filter: [3, 3, 1, 7], strides: 2, pad: 'valid' },
  { x: [4, 6, 6, 5], filter: [1, 1, 5, 9], strides: 1, pad: 'valid' },
  { x: [2, 5, 5, 8], filter: [5, 5, 8, 3], strides: 1, pad: 'same' },
  { x: [3, 6, 5, 13], filter: [3, 3, 13, 17], strides: 1, pad: 'same' },
  { x: [2, 6, 6, 40], filter: [3, 3, 40, 6], strides: 1, pad: 'valid' },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 2], strides: 2, pad: 1, dimRoundingMode: 'floor' },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 2], strides: 2, pad: 1, dimRoundingMode: 'ceil' },
  { x: [2, 3, 7, 6], filter: [3, 3, 3, 4], strides: 1, pad: 'same', dataFormat: 'NCHW' },
  { x: [2, 5, 9, 8], filter: [2, 3, 5, 3], strides: 2, pad: 'valid', dataFormat: 'NCHW' },
  // W3's second layer at batch 4.
  { x: [4, 13, 13, 32], filter: [3, 3, 32, 64], strides: 1, pad: 'valid' },
];

/** Cases with dilation above 1, for the forward kernel. */
export const dilatedCases: ConvCase[] = [
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 6], strides: 1, pad: 'same', dilations: 2 },
  { x: [2, 11, 11, 1], filter: [3, 3, 1, 7], strides: 1, pad: 'valid', dilations: [2, 1] },
  { x: [1, 9, 10, 5], filter: [2, 3, 5, 4], strides: 1, pad: [[0, 0], [1, 1], [0, 3], [0, 0]], dilations: [1, 3] },
  { x: [2, 4, 9, 9], filter: [3, 3, 4, 5], strides: 1, pad: 'same', dilations: 2, dataFormat: 'NCHW' },
];

/** Five 62×62 outputs of 3·3·32 patch values: 5.5M floats, so two im2col passes under PATCH_LIMIT (2²²). */
export const twoPassCase: ConvCase = { x: [5, 64, 64, 32], filter: [3, 3, 32, 2], strides: 1, pad: 'valid' };
