/**
 * The input gradient of a convolution is a stride-1 correlation of the output
 * gradient, spread out and padded, with the filter flipped in space:
 * dx[h] = Σ_j P[h + j·d] · W[K−1−j], where P holds dy[y] at position
 * y·s + (K−1)·d − padTop and zeros between (for stride s > 1) and around.
 * This file builds P and the flipped filters, so that wasm's native (XNNPACK)
 * Conv2D and DepthwiseConv2dNative compute the gradient.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { type WindowGeometry, windowGeometry } from '../kernels-common/im2col';

export interface SpreadGeometry extends WindowGeometry {
  /** Channels of dy (out channels; in·multiplier for depthwise). */
  channels: number;
}

export function spreadGeometry(convInfo: tf.backend_util.Conv2DInfo): SpreadGeometry {
  return { ...windowGeometry(convInfo), channels: convInfo.outChannels };
}

/** Shape [b, PH, PW, channels] of P: a 'valid' correlation with the dilated filter gives back the input's size. */
export function spreadShape(geometry: SpreadGeometry): [number, number, number, number] {
  const { batchSize, inHeight, inWidth, channels, filterHeight, filterWidth, dilationHeight, dilationWidth } = geometry;
  return [batchSize, inHeight + (filterHeight - 1) * dilationHeight, inWidth + (filterWidth - 1) * dilationWidth, channels];
}

/** Writes P (every element) from the NHWC output gradient `dy`. */
export function spreadGradient(dy: Float32Array, spread: Float32Array, geometry: SpreadGeometry): void {
  const { batchSize, outHeight, outWidth, channels, strideHeight, strideWidth } = geometry;
  const [, spreadHeight, spreadWidth] = spreadShape(geometry);
  const frontHeight = (geometry.filterHeight - 1) * geometry.dilationHeight - geometry.padTop;
  const frontWidth = (geometry.filterWidth - 1) * geometry.dilationWidth - geometry.padLeft;
  spread.fill(0);
  let source = 0;
  for (let b = 0; b < batchSize; ++b) {
    for (let y = 0; y < outHeight; ++y) {
      const u = y * strideHeight + frontHeight;
      if (u < 0 || u >= spreadHeight) {
        source += outWidth * channels;
        continue;
      }
      const rowStart = (b * spreadHeight + u) * spreadWidth;
      if (strideWidth === 1 && frontWidth >= 0 && frontWidth + outWidth <= spreadWidth) {
        // Stride 1 and the whole row inside: one contiguous copy (per pixel, the calls cost more than the copying).
        spread.set(dy.subarray(source, source + outWidth * channels), (rowStart + frontWidth) * channels);
        source += outWidth * channels;
        continue;
      }
      for (let x = 0; x < outWidth; ++x, source += channels) {
        const v = x * strideWidth + frontWidth;
        if (v < 0 || v >= spreadWidth) continue;
        const target = (rowStart + v) * channels;
        if (channels === 1) spread[target] = dy[source];
        else spread.set(dy.subarray(source, source + channels), target);
      }
    }
  }
}

/**
 * From a filter [kh, kw, a, b] writes [kh, kw, b, a] flipped in space:
 * flipped[i, j, q, p] = filter[kh−1−i, kw−1−j, p, q]. With a = in and b = out
 * channels, that is the Conv2D input gradient's filter; with b = 1
 * (a depthwise filter [kh, kw, channels·multiplier, 1]) only the flip matters.
 */
export function flipFilter(filter: Float32Array, flipped: Float32Array, shape: readonly number[]): void {
  const [filterHeight, filterWidth, first, second] = shape;
  for (let i = 0; i < filterHeight; ++i) {
    for (let j = 0; j < filterWidth; ++j) {
      const sourceTap = ((filterHeight - 1 - i) * filterWidth + (filterWidth - 1 - j)) * first * second;
      const targetTap = (i * filterWidth + j) * first * second;
      for (let p = 0; p < first; ++p) {
        for (let q = 0; q < second; ++q) flipped[targetTap + q * first + p] = filter[sourceTap + p * second + q];
      }
    }
  }
}
