/**
 * im2col's 'tap-channel' patch matrix (kernels-common/im2col.ts) built with
 * the SIMD `im2colBlock` (simd.ts) when the input's channels come in fours:
 * one call per filter tap and four channels, covering every output pixel whose
 * input cell lies inside the image; with `copyRows` for a one-channel input at
 * stride 1. On the tutorial CNN's second layer (batch
 * 32, 13×13×32 → 288 × 3872 patches) the scalar copy took about as long as
 * the matrix product after it.
 */
import type { PatchGeometry } from '../kernels-common/im2col';
import type { SimdKernels } from './simd';

/** Output positions [first, end) along one axis whose input position falls inside [0, length). */
function insideRange(offset: number, stride: number, outLength: number, inLength: number): [number, number] {
  const first = Math.min(outLength, Math.max(0, Math.ceil(-offset / stride)));
  const end = Math.max(first, Math.min(outLength, Math.ceil((inLength - offset) / stride)));
  return [first, end];
}

/** One filter tap and the rectangle of output pixels whose input cell for it lies inside the image. */
interface InsideTap {
  tap: number;
  rowOffset: number;
  columnOffset: number;
  yFirst: number;
  yEnd: number;
  xFirst: number;
  xEnd: number;
}

function insideTaps(geometry: PatchGeometry): InsideTap[] {
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth } = geometry;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = geometry;
  const taps: InsideTap[] = [];
  for (let kh = 0; kh < filterHeight; ++kh) {
    const rowOffset = kh * dilationHeight - padTop;
    const [yFirst, yEnd] = insideRange(rowOffset, strideHeight, outHeight, inHeight);
    for (let kw = 0; kw < filterWidth; ++kw) {
      const columnOffset = kw * dilationWidth - padLeft;
      const [xFirst, xEnd] = insideRange(columnOffset, strideWidth, outWidth, inWidth);
      taps.push({ tap: kh * filterWidth + kw, rowOffset, columnOffset, yFirst, yEnd, xFirst, xEnd });
    }
  }
  return taps;
}

/** A tap with pixels inside the image, and the byte offset in x of its first pixel's cell. */
interface TapCells extends InsideTap {
  firstCell: number;
}

/**
 * The taps that read inside the image, each with its first cell; zeroes
 * `target` first when some pixels' windows reach into the padding (they read zeros).
 */
function tapCells(geometry: PatchGeometry, target: Float32Array): TapCells[] {
  const { inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth } = geometry;
  const taps = insideTaps(geometry);
  if (taps.some(({ yFirst, yEnd, xFirst, xEnd }) => yFirst > 0 || yEnd < outHeight || xFirst > 0 || xEnd < outWidth)) target.fill(0);
  return taps
    .filter(({ yFirst, yEnd, xFirst, xEnd }) => yEnd > yFirst && xEnd > xFirst)
    .map((tap) => ({ ...tap, firstCell: ((tap.yFirst * strideHeight + tap.rowOffset) * inWidth + tap.xFirst * strideWidth + tap.columnOffset) * inChannels * 4 }));
}

/**
 * Writes the patches of the NHWC input `x` into `patches` ([taps·channels, N]);
 * both must be views of the memory `kernels` work on. Returns false, having
 * written nothing, when the channels are neither a multiple of four nor one
 * channel at stride 1.
 */
export function im2colTapChannelSimd(kernels: SimdKernels, x: Float32Array, patches: Float32Array, geometry: PatchGeometry): boolean {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth } = geometry;
  const oneChannelRows = inChannels === 1 && strideWidth === 1;
  if (inChannels % 4 !== 0 && !oneChannelRows) return false;
  const pixels = batchSize * outHeight * outWidth;
  const pixelBytes = inChannels * 4;
  for (const { tap, firstCell, yFirst, yEnd, xFirst, xEnd } of tapCells(geometry, patches)) {
    if (oneChannelRows) {
      // One channel at stride 1: each output row's values for this tap are contiguous in x.
      kernels.copyRows(
        x.byteOffset + firstCell,
        patches.byteOffset + (tap * pixels + yFirst * outWidth + xFirst) * 4,
        batchSize,
        yEnd - yFirst,
        xEnd - xFirst,
        inHeight * inWidth * 4,
        strideHeight * inWidth * 4,
        outHeight * outWidth * 4,
        outWidth * 4,
      );
      continue;
    }
    for (let c = 0; c < inChannels; c += 4) {
      kernels.im2colBlock(
        x.byteOffset + firstCell + c * 4,
        patches.byteOffset + ((tap * inChannels + c) * pixels + yFirst * outWidth + xFirst) * 4,
        batchSize,
        yEnd - yFirst,
        xEnd - xFirst,
        inHeight * inWidth * pixelBytes,
        strideHeight * inWidth * pixelBytes,
        strideWidth * pixelBytes,
        outHeight * outWidth * 4,
        outWidth * 4,
        pixels * 4,
      );
    }
  }
  return true;
}

/**
 * The same patches as im2colTapChannelSimd, written straight into the matrix
 * product's packed layout for its left operand (gemm.ts: blocks of four rows,
 * each [pixels, 4]): a block is four channels of one filter tap, so each
 * pixel's four values are the 16 contiguous bytes of its input cell, copied
 * by `gatherChunks` without the two 4×4 transposes (into the patch rows, then
 * back in the product's packing) and the patch matrix between them. `packed`
 * holds taps·channels/4 blocks of N·4 values. Returns false, having written
 * nothing, when the channels are not a multiple of four.
 */
export function im2colPackedSimd(kernels: SimdKernels, x: Float32Array, packed: Float32Array, geometry: PatchGeometry): boolean {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth } = geometry;
  if (inChannels % 4 !== 0) return false;
  const pixels = batchSize * outHeight * outWidth;
  const pixelBytes = inChannels * 4;
  for (const { tap, firstCell, yFirst, yEnd, xFirst, xEnd } of tapCells(geometry, packed)) {
    for (let c = 0; c < inChannels; c += 4) {
      const block = (tap * inChannels + c) / 4;
      kernels.gatherChunks(
        x.byteOffset + firstCell + c * 4,
        packed.byteOffset + (block * pixels + yFirst * outWidth + xFirst) * 16,
        batchSize,
        yEnd - yFirst,
        xEnd - xFirst,
        inHeight * inWidth * pixelBytes,
        strideHeight * inWidth * pixelBytes,
        strideWidth * pixelBytes,
        outHeight * outWidth * 16,
        outWidth * 16,
      );
    }
  }
  return true;
}

/**
 * row2im (kernels-common/row2im.ts) with the SIMD `row2imTap`: sets the NHWC
 * `image` to the sum of the patch rows `rows` [N, taps·channels] over the
 * cells each value came from, one call per filter tap. Both must be views of
 * the memory `kernels` work on. Returns false, having written nothing, when
 * the channels are not a multiple of four.
 */
export function row2imSimd(kernels: SimdKernels, rows: Float32Array, image: Float32Array, geometry: PatchGeometry): boolean {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = geometry;
  if (inChannels % 4 !== 0) return false;
  image.fill(0);
  const patchBytes = filterHeight * filterWidth * inChannels * 4;
  const pixelBytes = inChannels * 4;
  for (const { tap, rowOffset, columnOffset, yFirst, yEnd, xFirst, xEnd } of insideTaps(geometry)) {
    if (yEnd <= yFirst || xEnd <= xFirst) continue;
    kernels.row2imTap(
      rows.byteOffset + (yFirst * outWidth + xFirst) * patchBytes + tap * pixelBytes,
      image.byteOffset + ((yFirst * strideHeight + rowOffset) * inWidth + xFirst * strideWidth + columnOffset) * pixelBytes,
      geometry.batchSize,
      yEnd - yFirst,
      xEnd - xFirst,
      pixelBytes,
      outHeight * outWidth * patchBytes,
      outWidth * patchBytes,
      patchBytes,
      inHeight * inWidth * pixelBytes,
      strideHeight * inWidth * pixelBytes,
      strideWidth * pixelBytes,
    );
  }
  return true;
}
