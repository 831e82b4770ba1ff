import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { affineArgsFromConfig, BaseRandomAffine, type Factor, factorBounds, type RandomAffineArgs, uniformColumn } from './base-random-affine';

/**
 * Shifts each image by a random fraction of its height and width during
 * training (`U(lower, upper) × size` pixels; positive moves down and right),
 * filling what comes in with `fillMode`; identity in inference.
 */
export class RandomTranslation extends BaseRandomAffine {
  static override className = 'RandomTranslation';
  readonly heightFactor: Factor;
  readonly widthFactor: Factor;
  private readonly heightBounds: [number, number];
  private readonly widthBounds: [number, number];

  constructor(heightFactor: Factor, widthFactor: Factor, args: RandomAffineArgs = {}) {
    super(args);
    this.heightFactor = heightFactor;
    this.widthFactor = widthFactor;
    this.heightBounds = factorBounds('RandomTranslation', 'height_factor', heightFactor);
    this.widthBounds = factorBounds('RandomTranslation', 'width_factor', widthFactor);
  }

  protected override transforms(batch: number, height: number, width: number): tf.Tensor2D {
    return tf.tidy(() => {
      const dy = tf.mul(uniformColumn(batch, this.heightBounds[0], this.heightBounds[1], this.generator.next()), height);
      const dx = tf.mul(uniformColumn(batch, this.widthBounds[0], this.widthBounds[1], this.generator.next()), width);
      const one = tf.ones([batch, 1]);
      const zero = tf.zeros([batch, 1]);
      return tf.concat([one, zero, tf.neg(dx), zero, one, tf.neg(dy), zero, zero], 1) as tf.Tensor2D;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), height_factor: this.heightFactor, width_factor: this.widthFactor };
  }

  static fromConfig(config: Record<string, unknown>): RandomTranslation {
    return new RandomTranslation(config.height_factor as Factor, config.width_factor as Factor, {
      ...layerArgsFromConfig(config),
      ...affineArgsFromConfig(config),
    });
  }
}
