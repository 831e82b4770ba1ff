/**
 * A patch matrix holds kh·kw·c values per output pixel, about kh·kw times the
 * input: for a large image or batch it would not fit in memory at once. The
 * kernels therefore run over the batch in passes of whole images, each with a
 * patch matrix of at most PATCH_LIMIT floats (one image at least). The
 * tutorial CNN at batch 32 needs a single pass per layer.
 */
import type { PatchGeometry } from '../kernels-common/im2col';

/** 2²² floats: 16 MiB of float32 per patch matrix. */
export const PATCH_LIMIT = 2 ** 22;

export interface ImagePass {
  /** The first image of the pass. */
  first: number;
  /** The geometry of the pass alone: `batchSize` is its number of images. */
  geometry: PatchGeometry;
  /** Output pixels of the pass: images · outHeight · outWidth. */
  pixels: number;
}

/** Images per pass when each output pixel needs `valuesPerPixel` values. */
export function imagesPerPass(geometry: PatchGeometry, valuesPerPixel: number): number {
  const perImage = valuesPerPixel * geometry.outHeight * geometry.outWidth;
  return Math.max(1, Math.min(geometry.batchSize, Math.floor(PATCH_LIMIT / Math.max(1, perImage))));
}

/** The passes over the batch, in order, each of at most `imagesPerPass` images. */
export function imagePasses(geometry: PatchGeometry, valuesPerPixel: number): ImagePass[] {
  const step = imagesPerPass(geometry, valuesPerPixel);
  const passes: ImagePass[] = [];
  for (let first = 0; first < geometry.batchSize; first += step) {
    const images = Math.min(step, geometry.batchSize - first);
    passes.push({ first, geometry: { ...geometry, batchSize: images }, pixels: images * geometry.outHeight * geometry.outWidth });
  }
  return passes;
}
