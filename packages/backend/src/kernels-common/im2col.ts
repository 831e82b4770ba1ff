/**
 * im2col: lays the input pixels each filter tap sees out as rows, so a
 * convolution's filter gradient (and, on cpu, its forward pass) becomes one
 * matrix product: Strata's SIMD product on wasm (wasm-kernels/mat-mul.ts),
 * a blocked JS product on cpu (cpu-kernels/).
 *
 * For a tap k = (kh, kw) and channel c, the row holds, for every output pixel
 * n = (b, y, x), the input value xpad[b, y*strideH + kh*dilationH, x*strideW +
 * kw*dilationW, c], or 0 where that falls in the padding.
 */
import type * as tf from '@tensorflow/tfjs-core';

/** Where a convolution's windows sit: the sizes, strides, dilations and leading padding of tfjs's Conv2DInfo. */
export interface WindowGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padLeft: number;
}

export function windowGeometry(convInfo: tf.backend_util.Conv2DInfo): WindowGeometry {
  return {
    batchSize: convInfo.batchSize,
    inHeight: convInfo.inHeight,
    inWidth: convInfo.inWidth,
    outHeight: convInfo.outHeight,
    outWidth: convInfo.outWidth,
    filterHeight: convInfo.filterHeight,
    filterWidth: convInfo.filterWidth,
    strideHeight: convInfo.strideHeight,
    strideWidth: convInfo.strideWidth,
    dilationHeight: convInfo.dilationHeight,
    dilationWidth: convInfo.dilationWidth,
    padTop: convInfo.padInfo.top,
    padLeft: convInfo.padInfo.left,
  };
}

export interface PatchGeometry extends WindowGeometry {
  inChannels: number;
}

/** Row order of the patch matrix. */
export type PatchLayout =
  /** [filterHeight·filterWidth·inChannels, N]: row (k, c); the Conv2D filter gradient's order. */
  | 'tap-channel'
  /** [inChannels, filterHeight·filterWidth, N]: rows grouped per channel; the depthwise filter gradient's batches. */
  | 'channel-tap';

export function fromConvInfo(convInfo: tf.backend_util.Conv2DInfo): PatchGeometry {
  return { ...windowGeometry(convInfo), inChannels: convInfo.inChannels };
}

/**
 * Writes the patch matrix of the NHWC input `x` into `patches` (every element
 * is written, so it may come uninitialised from the heap).
 */
export function im2col(x: Float32Array, patches: Float32Array, geometry: PatchGeometry, layout: PatchLayout): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = geometry;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = geometry;
  const pixels = batchSize * outHeight * outWidth;
  const taps = filterHeight * filterWidth;
  const rowStride = inWidth * inChannels;
  const imageStride = inHeight * rowStride;
  const columnStep = strideWidth * inChannels;
  for (let kh = 0; kh < filterHeight; ++kh) {
    for (let kw = 0; kw < filterWidth; ++kw) {
      const tap = kh * filterWidth + kw;
      const columnOffset = kw * dilationWidth - padLeft;
      // Output columns whose input column lies inside the image: [xFirst, xEnd).
      const xFirst = Math.min(outWidth, Math.max(0, Math.ceil(-columnOffset / strideWidth)));
      const xEnd = Math.max(xFirst, Math.min(outWidth, Math.ceil((inWidth - columnOffset) / strideWidth)));
      for (let c = 0; c < inChannels; ++c) {
        const row = layout === 'tap-channel' ? tap * inChannels + c : c * taps + tap;
        let target = row * pixels;
        for (let b = 0; b < batchSize; ++b) {
          for (let y = 0; y < outHeight; ++y) {
            const h = y * strideHeight + kh * dilationHeight - padTop;
            if (h < 0 || h >= inHeight) {
              patches.fill(0, target, target + outWidth);
              target += outWidth;
              continue;
            }
            if (xFirst > 0) patches.fill(0, target, target + xFirst);
            let source = b * imageStride + h * rowStride + (xFirst * strideWidth + columnOffset) * inChannels + c;
            for (let xo = xFirst; xo < xEnd; ++xo) {
              patches[target + xo] = x[source];
              source += columnStep;
            }
            if (xEnd < outWidth) patches.fill(0, target + xEnd, target + outWidth);
            target += outWidth;
          }
        }
      }
    }
  }
}
