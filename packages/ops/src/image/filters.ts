import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { type DataFormat, asBatchNhwc, checkImagesRank, depthwise, standardizeDataFormat } from './layout';

/** A normalized 1D Gaussian of `size` taps. */
function gaussian1d(size: number, sigma: number): number[] {
  const taps = Array.from({ length: size }, (_, i) => Math.exp(-0.5 * ((i - (size - 1) / 2) / sigma) ** 2));
  const total = taps.reduce((a, b) => a + b, 0);
  return taps.map((t) => t / total);
}

export interface GaussianBlurOptions {
  /** [height, width] of the kernel. Default [3, 3]. */
  kernelSize?: [number, number];
  /** [sigmaX, sigmaY]... as Keras: the first goes with kernelSize[0]. Default [1, 1]. */
  sigma?: [number, number];
  dataFormat?: DataFormat | null;
}

/**
 * `ops.image.gaussianBlur(images, { kernelSize, sigma, dataFormat })`: each channel convolved with a Gaussian,
 * zero padding of kernelSize[0] // 2 on every side, as Keras's torch backend (whose 2D kernel is the outer product
 * of the kernelSize[1]/sigma[1] taps with the kernelSize[0]/sigma[0] ones, laid out as kernelSize[0] × kernelSize[1]).
 */
export const gaussianBlur = /* @__PURE__ */ defineOp({ name: 'gaussian_blur', module: 'image' }, function gaussianBlur(
  images: TensorLike,
  options: GaussianBlurOptions = {},
): tf.Tensor {
  const [sizeX, sizeY] = options.kernelSize ?? [3, 3];
  const [sigmaX, sigmaY] = options.sigma ?? [1, 1];
  const format = standardizeDataFormat(options.dataFormat, 'gaussianBlur');
  return tf.tidy(() => {
    const input = toTensor(images);
    checkImagesRank(input, 'gaussianBlur');
    const { x, restore } = asBatchNhwc(tf.cast(input, 'float32'), format);
    const alongX = gaussian1d(sizeX, sigmaX);
    const alongY = gaussian1d(sizeY, sigmaY);
    const outer = alongY.flatMap((y) => alongX.map((v) => y * v));
    const pad = Math.floor(sizeX / 2);
    const kernel = tf.tensor2d(outer, [sizeX, sizeY]);
    const blurred = restore(
      depthwise(x, kernel, [
        [pad, pad],
        [pad, pad],
      ]),
    );
    return input.dtype === 'float32' ? blurred : tf.cast(blurred, input.dtype);
  });
});

export interface SobelOptions {
  dataFormat?: DataFormat | null;
}

/**
 * `ops.image.sobelEdges(images, { dataFormat })`: the Sobel responses [dy, dx] of each channel in a new last axis
 * (shape [..., 2]), zero padding; a batch of images (rank 4) is expected, as Keras's torch backend.
 */
export const sobelEdges = /* @__PURE__ */ defineOp({ name: 'sobel_edges', module: 'image' }, function sobelEdges(images: TensorLike, options: SobelOptions = {}): tf.Tensor {
  const format = standardizeDataFormat(options.dataFormat, 'sobelEdges');
  return tf.tidy(() => {
    const input = toTensor(images);
    if (input.rank !== 4) throw new RangeError(`ops.image.sobelEdges: expected a batch of images (rank 4); received shape [${input.shape}].`);
    const { x } = asBatchNhwc(tf.cast(input, 'float32'), format);
    const padding: [[number, number], [number, number]] = [
      [1, 1],
      [1, 1],
    ];
    const dy = depthwise(
      x,
      tf.tensor2d([
        [-1, -2, -1],
        [0, 0, 0],
        [1, 2, 1],
      ]),
      padding,
    );
    const dx = depthwise(
      x,
      tf.tensor2d([
        [-1, 0, 1],
        [-2, 0, 2],
        [-1, 0, 1],
      ]),
      padding,
    );
    let edges = tf.stack([dy, dx], -1);
    if (format === 'channels_first') edges = tf.transpose(edges, [0, 3, 1, 2, 4]);
    return input.dtype === 'float32' ? edges : tf.cast(edges, input.dtype);
  });
});

export interface SsimOptions {
  /** The images' dynamic range. Default 1. */
  maxVal?: number;
  /** Gaussian window size. Default 11. */
  filterSize?: number;
  /** Gaussian window sigma. Default 1.5. */
  filterSigma?: number;
  /** Default 0.01. */
  k1?: number;
  /** Default 0.03. */
  k2?: number;
  dataFormat?: DataFormat | null;
}

/**
 * `ops.image.ssim(image1, image2, options)`: the structural similarity of each pair of images (Wang et al. 2004),
 * a Gaussian window with valid padding, averaged over positions and channels: one value per image.
 */
export const ssim = /* @__PURE__ */ defineOp({ name: 'ssim', module: 'image' }, function ssim(image1: TensorLike, image2: TensorLike, options: SsimOptions = {}): tf.Tensor {
  const { maxVal = 1, filterSize = 11, filterSigma = 1.5, k1 = 0.01, k2 = 0.03 } = options;
  const format = standardizeDataFormat(options.dataFormat, 'ssim');
  return tf.tidy(() => {
    const first = toTensor(image1);
    const second = toTensor(image2);
    checkImagesRank(first, 'ssim', 'image1');
    checkImagesRank(second, 'ssim', 'image2');
    const a = asBatchNhwc(tf.cast(first, 'float32'), format).x;
    const b = asBatchNhwc(tf.cast(second, 'float32'), format).x;
    const taps = gaussian1d(filterSize, filterSigma);
    const kernel = tf.tensor2d(
      taps.flatMap((y) => taps.map((v) => y * v)),
      [filterSize, filterSize],
    );
    const none: [[number, number], [number, number]] = [
      [0, 0],
      [0, 0],
    ];
    const mean = (x: tf.Tensor4D) => depthwise(x, kernel, none);
    const c1 = (k1 * maxVal) ** 2;
    const c2 = (k2 * maxVal) ** 2;
    const mu1 = mean(a);
    const mu2 = mean(b);
    const mu1Sq = tf.square(mu1);
    const mu2Sq = tf.square(mu2);
    const mu12 = tf.mul(mu1, mu2);
    const sigma1Sq = tf.sub(mean(tf.mul(a, a)), mu1Sq);
    const sigma2Sq = tf.sub(mean(tf.mul(b, b)), mu2Sq);
    const sigma12 = tf.sub(mean(tf.mul(a, b)), mu12);
    const numerator = tf.mul(tf.add(tf.mul(2, mu12), c1), tf.add(tf.mul(2, sigma12), c2));
    const denominator = tf.mul(tf.add(tf.add(mu1Sq, mu2Sq), c1), tf.add(tf.add(sigma1Sq, sigma2Sq), c2));
    const perImage = tf.mean(tf.div(numerator, denominator), [1, 2, 3]);
    const result = first.rank === 3 ? tf.squeeze(perImage, [0]) : perImage;
    return first.dtype === 'float32' ? result : tf.cast(result, first.dtype);
  });
});
