import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { BaseImageAugmentation, type ImageAugmentationArgs, parseFactor } from './augmentation-base';
import { imageSize, inNHWC } from './augmentation-helpers';
import { homography } from './homography';
import { checkChoice, type DataFormat, INTERPOLATIONS, type Interpolation } from './image-utils';
import { pixelGrid, sampleImages } from './map-coordinates';

/** Keras's RandomPerspective transformation (Keras's keys). */
export interface RandomPerspectiveTransformation {
  /** [batch] booleans: which images are transformed. */
  apply_perspective: tf.Tensor1D;
  /** `[batch, 4, 2]`: the image's corners (x, y): top-left, top-right, bottom-left, bottom-right. */
  start_points: tf.Tensor3D;
  /** `[batch, 4, 2]`: where the corners move. */
  end_points: tf.Tensor3D;
}

export interface RandomPerspectiveArgs extends ImageAugmentationArgs {
  /** Probability of transforming an image: p ~ U(lower, upper), or U(0, f) for one number. Default `1`. */
  factor?: number | [number, number];
  /** How far the corners move, in [0, 1]: each coordinate by U(-scale/2, scale/2) of itself. Default `1`. */
  scale?: number;
  /** `'bilinear'` or `'nearest'`. Default `'bilinear'`. */
  interpolation?: Interpolation;
  /** The value outside the input. Default `0`. */
  fillValue?: number;
}

/**
 * Warps each image by a random perspective transform with probability
 * p ~ U(factor) during training (Keras 3's RandomPerspective): the corners
 * move by up to `scale / 2` of their coordinates, pixels from outside the
 * image read `fillValue`; identity in inference.
 */
export class RandomPerspective extends BaseImageAugmentation<RandomPerspectiveTransformation | null> {
  static override className = 'RandomPerspective';
  readonly factor: [number, number];
  readonly scale: number;
  readonly interpolation: Interpolation;
  readonly fillValue: number;

  constructor(args: RandomPerspectiveArgs = {}) {
    super(args);
    this.factor = parseFactor('RandomPerspective', args.factor ?? 1, [0, 1], 'factor');
    this.scale = args.scale ?? 1;
    if (typeof this.scale !== 'number' || this.scale < 0 || this.scale > 1) {
      throw new Error(`RandomPerspective: the \`scale\` argument should be a number in the range [0, 1]. Received: scale=${JSON.stringify(args.scale)}.`);
    }
    this.interpolation = checkChoice('RandomPerspective', 'interpolation', args.interpolation ?? 'bilinear', INTERPOLATIONS);
    this.fillValue = args.fillValue ?? 0;
  }

  override getRandomTransformation(images: tf.Tensor4D, training = true, seed?: number): RandomPerspectiveTransformation | null {
    const next = this.seeds(seed);
    if (!training) return null;
    return tf.tidy(() => {
      const batch = images.shape[0];
      const [height, width] = imageSize(images, this.dataFormat);
      const probability = tf.randomUniform([batch], this.factor[0], this.factor[1], 'float32', next());
      const threshold = tf.randomUniform([batch], 0, 1, 'float32', next());
      const offsets = tf.randomUniform([batch, 4, 2], -0.5 * this.scale, 0.5 * this.scale, 'float32', next());
      const corners = [0, 0, width - 1, 0, 0, height - 1, width - 1, height - 1];
      const start = tf.tile(tf.tensor3d(corners, [1, 4, 2]), [batch, 1, 1]) as tf.Tensor3D;
      return {
        apply_perspective: tf.less(threshold, probability) as tf.Tensor1D,
        start_points: start,
        end_points: tf.add(start, tf.mul(start, offsets)) as tf.Tensor3D,
      };
    });
  }

  override transformImages(images: tf.Tensor4D, transformation: RandomPerspectiveTransformation | null, training = true): tf.Tensor4D {
    if (!training || transformation === null) return tf.cast(images, 'float32');
    const start = transformation.start_points.arraySync();
    const end = transformation.end_points.arraySync();
    return inNHWC(images, this.dataFormat, (nhwc) => {
      const [batch, height, width] = nhwc.shape;
      const source = tf.cast(nhwc, 'float32') as tf.Tensor4D;
      const grid = pixelGrid(height, width);
      const coefficient = (matrix: tf.Tensor2D, i: number) => tf.reshape(tf.slice(matrix, [0, i], [batch, 1]), [batch, 1, 1]);
      const matrix = tf.tensor2d(start.map((points, b) => homography(points, end[b])), [batch, 8], 'float32');
      const [a0, a1, a2, b0, b1, b2, c0, c1] = Array.from({ length: 8 }, (_, i) => coefficient(matrix, i));
      const denominator = tf.add(tf.add(tf.mul(c0, grid.x), tf.mul(c1, grid.y)), 1);
      const x = tf.div(tf.add(tf.add(tf.mul(a0, grid.x), tf.mul(a1, grid.y)), a2), denominator) as tf.Tensor3D;
      const y = tf.div(tf.add(tf.add(tf.mul(b0, grid.x), tf.mul(b1, grid.y)), b2), denominator) as tf.Tensor3D;
      const warped = sampleImages(source, y, x, this.interpolation, 'constant', this.fillValue);
      const apply = tf.broadcastTo(tf.reshape(transformation.apply_perspective, [-1, 1, 1, 1]), source.shape);
      return tf.where(apply, warped, source) as tf.Tensor4D;
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      factor: this.factor,
      scale: this.scale,
      interpolation: this.interpolation,
      fill_value: this.fillValue,
      seed: this.seed,
    };
  }

  static fromConfig(config: Record<string, unknown>): RandomPerspective {
    return new RandomPerspective({
      ...layerArgsFromConfig(config),
      factor: (config.factor as [number, number]) ?? 1,
      scale: (config.scale as number) ?? 1,
      interpolation: (config.interpolation as Interpolation) ?? 'bilinear',
      fillValue: (config.fill_value as number) ?? 0,
      seed: (config.seed as number | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
