import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, layerArgsFromConfig } from '../engine/layer';
import { BaseImageAugmentation, type ImageAugmentationArgs, parseValueRange, transformValueRange, type ValueRange } from './augmentation-base';
import type { DataFormat } from './image-utils';

export interface ContrastLimitedAdaptiveHistogramEqualizationArgs extends Omit<ImageAugmentationArgs, 'seed'> {
  /** The range the pixel values lie in, [low, high]. Default `[0, 255]`. */
  valueRange?: ValueRange;
  /** The cap on a histogram bin, in multiples of the mean bin count; 0 turns the cap off. Default `4`. */
  clipLimit?: number;
  /** The number of tiles [down, across]. Default `[8, 8]`. */
  tileGridSize?: [number, number];
}

const LEVELS = 256;
/** An int32 scalar: index arithmetic stays int32 (a plain number would make it float32). */
const int = (value: number) => tf.scalar(value, 'int32');

/**
 * Keras's ContrastLimitedAdaptiveHistogramEqualization (CLAHE): on the
 * 0..255 scale, each channel of each image is cut into a grid of tiles
 * (padded at the bottom and right by mirroring), each tile's histogram is
 * capped at `clipLimit` times its mean bin count with the excess spread over
 * all bins, and each pixel is mapped through the equalizing curves of its
 * four nearest tiles, blended bilinearly. Nothing is random, and Keras applies
 * it in training and inference alike.
 */
export class ContrastLimitedAdaptiveHistogramEqualization extends BaseImageAugmentation<null> {
  static override className = 'ContrastLimitedAdaptiveHistogramEqualization';
  readonly valueRange: ValueRange;
  readonly clipLimit: number;
  readonly tileGridSize: [number, number];

  constructor(args: ContrastLimitedAdaptiveHistogramEqualizationArgs = {}) {
    super(args);
    const name = 'ContrastLimitedAdaptiveHistogramEqualization';
    this.valueRange = parseValueRange(name, args.valueRange ?? [0, 255], false);
    const clipLimit = args.clipLimit ?? 4;
    if (typeof clipLimit !== 'number' || !(clipLimit >= 0)) {
      throw new Error(`${name} expects \`clipLimit\` to be a number of at least 0; received clipLimit=${JSON.stringify(clipLimit)}.`);
    }
    const grid = args.tileGridSize ?? [8, 8];
    if (!Array.isArray(grid) || grid.length !== 2 || !grid.every((g) => Number.isInteger(g) && g > 0)) {
      throw new Error(`${name} expects \`tileGridSize\` to be two positive integers [down, across]; received tileGridSize=${JSON.stringify(grid)}.`);
    }
    this.clipLimit = clipLimit;
    this.tileGridSize = [grid[0], grid[1]];
  }

  protected override isActive(_options: CallOptions): boolean {
    return true;
  }

  getRandomTransformation(): null {
    return null;
  }

  /** Equalizes the batch; Keras's transform_images ignores `training` for this layer, and so does Strata's. */
  transformImages(images: tf.Tensor, _transformation: null = null, _training = true): tf.Tensor {
    return tf.tidy(() => {
      const bytes = transformValueRange(tf.cast(images, 'float32'), this.valueRange, [0, 255]);
      const equalized = this.onChannelsLast(bytes, (nhwc) => this.clahe(nhwc));
      const output = transformValueRange(equalized, [0, 255], this.valueRange);
      return images.dtype === 'int32' ? tf.cast(output, 'int32') : output;
    });
  }

  private clahe(images: tf.Tensor4D): tf.Tensor {
    const [batch, height, width, channels] = images.shape;
    const [gridH, gridW] = this.tileGridSize;
    const tileH = Math.ceil(height / gridH);
    const tileW = Math.ceil(width / gridW);
    const [padH, padW] = [tileH * gridH - height, tileW * gridW - width];
    if (padH > height || padW > width) {
      throw new Error(
        `ContrastLimitedAdaptiveHistogramEqualization expects images at least half as large as their padded tile grid; received images of ${height}×${width} for tileGridSize=[${gridH}, ${gridW}].`,
      );
    }
    const padded =
      padH === 0 && padW === 0
        ? images
        : tf.mirrorPad(images, [[0, 0], [0, padH], [0, padW], [0, 0]], 'symmetric');
    const [paddedH, paddedW] = [tileH * gridH, tileW * gridW];

    // Histograms per (image, tile row, tile column, channel), counted with one bincount over combined ids.
    const tiles = tf.reshape(tf.transpose(tf.reshape(padded, [batch, gridH, tileH, gridW, tileW, channels]), [0, 1, 3, 5, 2, 4]), [
      batch * gridH * gridW * channels,
      tileH * tileW,
    ]);
    const levels = tf.clipByValue(tf.cast(tiles, 'int32'), 0, LEVELS - 1);
    const histogramCount = batch * gridH * gridW * channels;
    const ids = tf.add(levels, tf.mul(tf.reshape(tf.range(0, histogramCount, 1, 'int32'), [-1, 1]), int(LEVELS)));
    let histograms = tf.reshape(tf.bincount(tf.reshape(ids, [-1]) as tf.Tensor1D, tf.tensor1d([], 'float32'), histogramCount * LEVELS), [
      batch,
      gridH,
      gridW,
      channels,
      LEVELS,
    ]);
    const pixelsPerTile = tileH * tileW;
    if (this.clipLimit > 0) {
      const clipped = tf.clipByValue(histograms, 0, (this.clipLimit * pixelsPerTile) / LEVELS);
      const excess = tf.sum(tf.sub(histograms, clipped), 4, true);
      histograms = tf.add(clipped, tf.div(excess, LEVELS));
    }
    const cdf = tf.cumsum(histograms, 4);
    const cdfMin = tf.min(cdf, 4, true);
    const spread = tf.sub(pixelsPerTile, cdfMin);
    const denominator = tf.where(tf.equal(spread, 0), tf.onesLike(spread), spread);
    const curves = tf.clipByValue(tf.div(tf.mul(tf.sub(cdf, cdfMin), 255), denominator), 0, 255);
    // The edge tiles repeated around the grid, so every pixel has four neighbours.
    const rows = tf.concat([tf.slice(curves, [0, 0], [-1, 1]), curves, tf.slice(curves, [0, gridH - 1], [-1, 1])], 1);
    const framed = tf.concat([tf.slice(rows, [0, 0, 0], [-1, -1, 1]), rows, tf.slice(rows, [0, 0, gridW - 1], [-1, -1, 1])], 2);
    const flatCurves = tf.reshape(framed, [-1]);

    const axis = (size: number, tile: number, grid: number) => {
      const position = tf.add(tf.div(tf.sub(tf.range(0, size, 1, 'float32'), tile / 2), tile), 1);
      const lower = tf.floor(position);
      const weight = tf.sub(position, lower);
      const index = (t: tf.Tensor) => tf.cast(tf.clipByValue(t, 0, grid + 1), 'int32');
      return { first: index(lower), second: index(tf.add(lower, 1)), weight };
    };
    const y = axis(paddedH, tileH, gridH);
    const x = axis(paddedW, tileW, gridW);
    const strideX = LEVELS * channels;
    const strideY = strideX * (gridW + 2);
    const strideB = strideY * (gridH + 2);
    const pixels = tf.cast(tf.clipByValue(padded, 0, 255), 'int32');
    const base = tf.add(
      tf.add(pixels, tf.mul(tf.reshape(tf.range(0, batch, 1, 'int32'), [-1, 1, 1, 1]), int(strideB))),
      tf.mul(tf.reshape(tf.range(0, channels, 1, 'int32'), [1, 1, 1, -1]), int(LEVELS)),
    );
    const along = (t: tf.Tensor, dim: 1 | 2) => tf.reshape(t, dim === 1 ? [1, -1, 1, 1] : [1, 1, -1, 1]);
    const lookup = (row: tf.Tensor, column: tf.Tensor) =>
      tf.gather(flatCurves, tf.add(tf.add(base, tf.mul(along(row, 1), int(strideY))), tf.mul(along(column, 2), int(strideX))));
    const wx = along(x.weight, 2);
    const wy = along(y.weight, 1);
    const top = tf.add(tf.mul(lookup(y.first, x.first), tf.sub(1, wx)), tf.mul(lookup(y.first, x.second), wx));
    const bottom = tf.add(tf.mul(lookup(y.second, x.first), tf.sub(1, wx)), tf.mul(lookup(y.second, x.second), wx));
    const result = tf.add(tf.mul(top, tf.sub(1, wy)), tf.mul(bottom, wy));
    return tf.slice(result, [0, 0, 0, 0], [-1, height, width, -1]);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      value_range: [...this.valueRange],
      clip_limit: this.clipLimit,
      tile_grid_size: [...this.tileGridSize],
      data_format: this.dataFormat,
    };
  }

  static fromConfig(config: Record<string, unknown>): ContrastLimitedAdaptiveHistogramEqualization {
    return new ContrastLimitedAdaptiveHistogramEqualization({
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as ValueRange | undefined,
      clipLimit: config.clip_limit as number | undefined,
      tileGridSize: config.tile_grid_size as [number, number] | undefined,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
