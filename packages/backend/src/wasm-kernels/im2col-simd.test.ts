import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { fromConvInfo, im2col } from '../kernels-common/im2col';
import { row2im } from '../kernels-common/row2im';
import { useBackend } from '../use-backend';
import { im2colTapChannelSimd, row2imSimd } from './im2col-simd';
import { moduleBytes, simdKernelsFor } from './simd';
import { asWasmBackend } from './wasm-backend';

beforeAll(async () => {
  await useBackend('wasm');
});

type Pad = 'valid' | 'same' | number;
const cases: Array<{ x: [number, number, number, number]; filter: [number, number, number, number]; strides: number; dilations: number; pad: Pad }> = [
  // The tutorial CNN's second layer: 11 output columns, so both the 4-pixel groups and the scalar tail run.
  { x: [2, 13, 13, 32], filter: [3, 3, 32, 8], strides: 1, dilations: 1, pad: 'valid' },
  { x: [3, 7, 9, 4], filter: [3, 3, 4, 2], strides: 1, dilations: 1, pad: 'same' },
  { x: [2, 9, 10, 8], filter: [3, 2, 8, 3], strides: 2, dilations: 1, pad: 'same' },
  { x: [1, 11, 12, 4], filter: [3, 3, 4, 1], strides: 1, dilations: 2, pad: 'valid' },
  { x: [2, 6, 7, 12], filter: [5, 5, 12, 2], strides: 1, dilations: 1, pad: 2 },
  { x: [1, 3, 3, 4], filter: [3, 3, 4, 1], strides: 1, dilations: 1, pad: 'valid' },
  // One channel at stride 1 (the MNIST CNN's first layer: 26 columns, so 4-value groups and a tail), with padding.
  { x: [2, 28, 28, 1], filter: [3, 3, 1, 4], strides: 1, dilations: 1, pad: 'valid' },
  { x: [3, 7, 9, 1], filter: [3, 3, 1, 2], strides: 1, dilations: 2, pad: 'same' },
];

describe('im2col in SIMD', () => {
  test.each(cases.map((c) => [JSON.stringify(c), c] as const))('equals the scalar im2col: %s', (_, { x: shape, filter, strides, dilations, pad }) => {
    const info = tf.backend_util.computeConv2DInfo(shape, filter, strides, dilations, pad);
    const geometry = fromConvInfo(info);
    const rows = geometry.filterHeight * geometry.filterWidth * geometry.inChannels;
    const pixels = geometry.batchSize * geometry.outHeight * geometry.outWidth;
    const x = tf.randomNormal(shape, 0, 1, 'float32', 7);
    const backend = asWasmBackend(tf.backend());
    const patches = backend.makeOutput([rows, pixels], 'float32');
    const kernels = simdKernelsFor(tf.backend());
    expect(kernels).not.toBeNull();
    // Garbage first: every element must be written.
    (backend.typedArrayFromHeap(patches) as Float32Array).fill(Number.NaN);
    const input = backend.typedArrayFromHeap(x) as Float32Array;
    expect(im2colTapChannelSimd(kernels!, input, backend.typedArrayFromHeap(patches) as Float32Array, geometry)).toBe(true);
    const expected = new Float32Array(rows * pixels);
    im2col(input, expected, geometry, 'tap-channel');
    expect(Array.from(backend.typedArrayFromHeap(patches) as Float32Array)).toEqual(Array.from(expected));
    backend.disposeData(patches.dataId);
    x.dispose();
  });

  test('declines channels that are not a multiple of four, and one channel at a stride above 1', () => {
    const kernels = simdKernelsFor(tf.backend())!;
    const three = tf.backend_util.computeConv2DInfo([1, 5, 5, 3], [3, 3, 3, 1], 1, 1, 'valid');
    expect(im2colTapChannelSimd(kernels, new Float32Array(75), new Float32Array(27 * 9), fromConvInfo(three))).toBe(false);
    const strided = tf.backend_util.computeConv2DInfo([1, 5, 5, 1], [3, 3, 1, 1], 2, 1, 'valid');
    expect(im2colTapChannelSimd(kernels, new Float32Array(25), new Float32Array(9 * 4), fromConvInfo(strided))).toBe(false);
  });
});

describe('row2im in SIMD', () => {
  // row2im's SIMD path takes channels in fours only.
  test.each(cases.filter((c) => c.x[3] % 4 === 0).map((c) => [JSON.stringify(c), c] as const))('equals the scalar row2im: %s', (_, { x: shape, filter, strides, dilations, pad }) => {
    const info = tf.backend_util.computeConv2DInfo(shape, filter, strides, dilations, pad);
    const geometry = fromConvInfo(info);
    const columns = geometry.filterHeight * geometry.filterWidth * geometry.inChannels;
    const pixels = geometry.batchSize * geometry.outHeight * geometry.outWidth;
    const rows = tf.randomNormal([pixels, columns], 0, 1, 'float32', 8);
    const backend = asWasmBackend(tf.backend());
    const image = backend.makeOutput([...shape], 'float32');
    (backend.typedArrayFromHeap(image) as Float32Array).fill(Number.NaN);
    const kernels = simdKernelsFor(tf.backend())!;
    const rowValues = backend.typedArrayFromHeap(rows) as Float32Array;
    expect(row2imSimd(kernels, rowValues, backend.typedArrayFromHeap(image) as Float32Array, geometry)).toBe(true);
    const expected = new Float32Array(shape.reduce((a, b) => a * b, 1));
    row2im(rowValues, expected, geometry);
    // The taps are added in another order: float32 sums of up to 25 terms, about 1e-6 apart.
    const actual = backend.typedArrayFromHeap(image) as Float32Array;
    expected.forEach((value, i) => expect(Math.abs(actual[i] - value)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(value))));
    backend.disposeData(image.dataId);
    rows.dispose();
  });
});

test('the SIMD module stays below the 4 KB that browsers compile synchronously on the main thread', () => {
  const bytes = moduleBytes();
  expect(WebAssembly.validate(bytes)).toBe(true);
  expect(bytes.byteLength).toBeLessThan(4096);
});
