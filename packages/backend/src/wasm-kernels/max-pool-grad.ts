/**
 * MaxPoolGrad for wasm. tfjs-backend-wasm 4.22's own starts each window's
 * maximum at the smallest positive float and keeps the last of equal values,
 * so a window of negative values sends its gradient to the wrong cell and ties
 * go to the last cell. This one follows tfjs's cpu kernel and TensorFlow: the
 * gradient goes to the first cell holding the window's maximum. It works on
 * the wasm heap directly: one pass over the pooled windows. 2×2 windows
 * that tile the input (MaxPooling2D's default) with channels in fours run in
 * SIMD (simd.ts); everything else, and windows holding NaN or −∞, take the
 * scalar loop.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type SimdKernels, simdKernelsFor } from './simd';
import { asWasmBackend, type TensorInfo } from './wasm-backend';

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

export const maxPoolGrad: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asWasmBackend(kernelBackend);
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, effectiveFilterHeight, effectiveFilterWidth } = info;
  const dx = backend.makeOutput([...input.shape], 'float32');
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const gradient = backend.typedArrayFromHeap(dy) as Float32Array;
  const result = backend.typedArrayFromHeap(dx) as Float32Array;
  const kernels = info.filterHeight === 2 && info.filterWidth === 2 && channels % 4 === 0 && tilesWithoutOverlap(info) ? simdKernelsFor(kernelBackend) : null;
  if (kernels !== null) {
    // The SIMD rows write every cell of every window; only cells past the last window need zeros first.
    if (outHeight * 2 < inHeight || outWidth * 2 < inWidth) result.fill(0);
    if (simdWindows(kernels, x, gradient, result, info)) return dx;
  }
  result.fill(0);
  const rowStride = inWidth * channels;
  // Per channel of one output pixel: the window's maximum so far and where it is. Channels run
  // innermost so that every read is contiguous; cells are still visited row by row, as cpu does.
  const maxima = new Float32Array(channels);
  const positions = new Int32Array(channels);
  for (let b = 0; b < batchSize; ++b) {
    const image = b * inHeight * rowStride;
    for (let yR = 0; yR < outHeight; ++yR) {
      const rowCorner = yR * strideHeight - info.padInfo.top;
      let rowFirst = rowCorner;
      while (rowFirst < 0) rowFirst += dilationHeight;
      const rowEnd = Math.min(inHeight, rowCorner + effectiveFilterHeight);
      for (let yC = 0; yC < outWidth; ++yC) {
        const columnCorner = yC * strideWidth - info.padInfo.left;
        let columnFirst = columnCorner;
        while (columnFirst < 0) columnFirst += dilationWidth;
        const columnEnd = Math.min(inWidth, columnCorner + effectiveFilterWidth);
        maxima.fill(Number.NEGATIVE_INFINITY);
        positions.fill(-1);
        for (let xR = rowFirst; xR < rowEnd; xR += dilationHeight) {
          for (let xC = columnFirst; xC < columnEnd; xC += dilationWidth) {
            const cell = image + xR * rowStride + xC * channels;
            for (let d = 0; d < channels; ++d) {
              const value = x[cell + d];
              if (value > maxima[d]) {
                maxima[d] = value;
                positions[d] = cell + d;
              }
            }
          }
        }
        const dyOffset = ((b * outHeight + yR) * outWidth + yC) * channels;
        for (let d = 0; d < channels; ++d) {
          if (positions[d] >= 0) result[positions[d]] += gradient[dyOffset + d];
        }
      }
    }
  }
  return dx;
};

/** Windows that cover the input edge to edge, side by side: no padding, no dilation, strides equal to the window. */
function tilesWithoutOverlap(info: tf.backend_util.Conv2DInfo): boolean {
  const { padInfo, dilationHeight, dilationWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  return (
    padInfo.top === 0 &&
    padInfo.left === 0 &&
    dilationHeight === 1 &&
    dilationWidth === 1 &&
    strideHeight === filterHeight &&
    strideWidth === filterWidth &&
    info.outHeight * strideHeight <= info.inHeight &&
    info.outWidth * strideWidth <= info.inWidth
  );
}

/**
 * 2×2 tiles in SIMD, one row of windows per call (simd.ts). Returns false, with
 * `result` partly written, when a window's maximum was NaN or −∞: those need
 * the scalar rules.
 */
function simdWindows(kernels: SimdKernels, x: Float32Array, gradient: Float32Array, result: Float32Array, info: tf.backend_util.Conv2DInfo): boolean {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const rowBytes = inWidth * channels * 4;
  const delta = result.byteOffset - x.byteOffset;
  let special = 0;
  for (let b = 0; b < batchSize; ++b) {
    for (let yR = 0; yR < outHeight; ++yR) {
      const top = x.byteOffset + (b * inHeight + 2 * yR) * rowBytes;
      const dy = gradient.byteOffset + (b * outHeight + yR) * outWidth * channels * 4;
      special |= kernels.maxPoolRow(top, rowBytes, delta, dy, outWidth, channels * 4);
    }
  }
  return special === 0;
}
