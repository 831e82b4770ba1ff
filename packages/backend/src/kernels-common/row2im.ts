/**
 * The pixel-major transpose of im2col.ts: a patch matrix [N, kh·kw·c] whose
 * rows are output pixels n = (b, y, x) and whose columns are (kh, kw, c) is
 * added back into an NHWC image, which turns dy·Wᵀ into the convolution's
 * input gradient. The inner loop runs over contiguous channels.
 */
import type { PatchGeometry } from './im2col';

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
