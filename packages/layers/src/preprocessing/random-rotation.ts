import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { affineArgsFromConfig, BaseRandomAffine, type Factor, factorBounds, type RandomAffineArgs } from './base-random-affine';

/**
 * Rotates each image by a random angle in `[lower, upper] × 2π` about its
 * centre during training (positive: counter-clockwise); identity in inference.
 * `factor` is a fraction of a full turn, one number (±f) or a pair.
 */
export class RandomRotation extends BaseRandomAffine {
  static override className = 'RandomRotation';
  readonly factor: [number, number];

  constructor(factor: Factor, args: RandomAffineArgs = {}) {
    super(args);
    this.factor = factorBounds('RandomRotation', 'factor', factor);
  }

  protected override transforms(batch: number, height: number, width: number): tf.Tensor2D {
    return tf.tidy(() => {
      const [lower, upper] = this.factor;
      const angles = tf.randomUniform([batch, 1], lower * 2 * Math.PI, upper * 2 * Math.PI, 'float32', this.generator.next());
      const cos = tf.cos(angles);
      const sin = tf.sin(angles);
      // Rotation about ((width - 1) / 2, (height - 1) / 2), as Keras's rotation matrix.
      const w = width - 1;
      const h = height - 1;
      const xOffset = tf.div(tf.sub(w, tf.sub(tf.mul(cos, w), tf.mul(sin, h))), 2);
      const yOffset = tf.div(tf.sub(h, tf.add(tf.mul(sin, w), tf.mul(cos, h))), 2);
      const zeros = tf.zeros([batch, 2]);
      return tf.concat([cos, tf.neg(sin), xOffset, sin, cos, yOffset, zeros], 1) as tf.Tensor2D;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: [...this.factor] };
  }

  static fromConfig(config: Record<string, unknown>): RandomRotation {
    return new RandomRotation(config.factor as Factor, { ...layerArgsFromConfig(config), ...affineArgsFromConfig(config) });
  }
}
