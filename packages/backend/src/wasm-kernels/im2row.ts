/**
 * The pixel-major counterparts of im2col.ts, for the matrix products whose
 * large operand is dy: rows are output pixels n = (b, y, x), columns are
 * (kh, kw, c), and every inner loop runs over contiguous channels.
 * - im2row writes the patch matrix [N, kh·kw·c] of an NHWC input;
 * - row2im adds a patch matrix back into an NHWC image (the transpose of
 *   im2row), which turns dy·Wᵀ into the convolution's input gradient.
 * The two share their loop nest; it is written out twice so that V8 keeps
 * each inner loop free of calls.
 */
import type { PatchGeometry } from './im2col';

/** Writes every element of `rows` [N, kh·kw·c] from the NHWC input `x`. */
export function im2row(x: Float32Array, rows: Float32Array, geometry: PatchGeometry): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, filterHeight, filterWidth } = geometry;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = geometry;
  let column = 0;
  for (let b = 0; b < batchSize; ++b) {
    for (let y = 0; y < outHeight; ++y) {
      for (let x0 = 0; x0 < outWidth; ++x0) {
        for (let kh = 0; kh < filterHeight; ++kh) {
          const h = y * strideHeight + kh * dilationHeight - padTop;
          const rowInside = h >= 0 && h < inHeight;
          for (let kw = 0; kw < filterWidth; ++kw, column += channels) {
            const w = x0 * strideWidth + kw * dilationWidth - padLeft;
            if (!rowInside || w < 0 || w >= inWidth) {
              rows.fill(0, column, column + channels);
              continue;
            }
            const pixel = ((b * inHeight + h) * inWidth + w) * channels;
            for (let c = 0; c < channels; ++c) rows[column + c] = x[pixel + c];
          }
        }
      }
    }
  }
}

/** Sets `image` (NHWC) to the sum of the patch matrix `rows` [N, kh·kw·c] over the cells each element appears in. */
export function row2im(rows: Float32Array, image: Float32Array, geometry: PatchGeometry): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, filterHeight, filterWidth } = geometry;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = geometry;
  image.fill(0);
  let column = 0;
  for (let b = 0; b < batchSize; ++b) {
    for (let y = 0; y < outHeight; ++y) {
      for (let x0 = 0; x0 < outWidth; ++x0) {
        for (let kh = 0; kh < filterHeight; ++kh) {
          const h = y * strideHeight + kh * dilationHeight - padTop;
          const rowInside = h >= 0 && h < inHeight;
          for (let kw = 0; kw < filterWidth; ++kw, column += channels) {
            const w = x0 * strideWidth + kw * dilationWidth - padLeft;
            if (!rowInside || w < 0 || w >= inWidth) continue;
            const pixel = ((b * inHeight + h) * inWidth + w) * channels;
            for (let c = 0; c < channels; ++c) image[pixel + c] += rows[column + c];
          }
        }
      }
    }
  }
}
