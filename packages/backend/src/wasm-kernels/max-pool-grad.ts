/**
 * MaxPoolGrad for wasm. tfjs-backend-wasm 4.22's own starts each window's
 * maximum at the smallest positive float and keeps the last of equal values,
 * so a window of negative values sends its gradient to the wrong cell and ties
 * go to the last cell. This one follows tfjs's cpu kernel and TensorFlow: the
 * gradient goes to the first cell holding the window's maximum. It works on
 * the wasm heap directly: one pass over the pooled windows.
 */
import * as tf from '@tensorflow/tfjs-core';
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
