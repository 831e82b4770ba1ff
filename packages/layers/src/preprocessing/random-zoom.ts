import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { affineArgsFromConfig, BaseRandomAffine, type Factor, factorBounds, type RandomAffineArgs, uniformColumn } from './base-random-affine';

export interface RandomZoomArgs extends RandomAffineArgs {
  /** Defaults to null: the width zooms with the height, preserving the aspect ratio. */
  widthFactor?: Factor | null;
}

/**
 * Zooms each image by a random factor `1 + U(lower, upper)` per axis about
 * its centre during training (positive factors zoom out, negative zoom in);
 * identity in inference.
 */
export class RandomZoom extends BaseRandomAffine {
  static override className = 'RandomZoom';
  readonly heightFactor: Factor;
  readonly widthFactor: Factor | null;
  private readonly heightBounds: [number, number];
  private readonly widthBounds: [number, number] | null;

  constructor(heightFactor: Factor, args: RandomZoomArgs = {}) {
    super(args);
    this.heightFactor = heightFactor;
    this.heightBounds = factorBounds('RandomZoom', 'height_factor', heightFactor);
    this.widthFactor = args.widthFactor ?? null;
    this.widthBounds = this.widthFactor === null ? null : factorBounds('RandomZoom', 'width_factor', this.widthFactor);
  }

  protected override transforms(batch: number, height: number, width: number): tf.Tensor2D {
    return tf.tidy(() => {
      const [hLower, hUpper] = this.heightBounds;
      const heightZoom = uniformColumn(batch, 1 + hLower, 1 + hUpper, this.generator.next());
      const widthZoom = this.widthBounds
        ? uniformColumn(batch, 1 + this.widthBounds[0], 1 + this.widthBounds[1], this.generator.next())
        : heightZoom;
      const xOffset = tf.mul((width - 1) / 2, tf.sub(1, widthZoom));
      const yOffset = tf.mul((height - 1) / 2, tf.sub(1, heightZoom));
      const zero = tf.zeros([batch, 1]);
      return tf.concat([widthZoom, zero, xOffset, zero, heightZoom, yOffset, zero, zero], 1) as tf.Tensor2D;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), height_factor: this.heightFactor, width_factor: this.widthFactor };
  }

  static fromConfig(config: Record<string, unknown>): RandomZoom {
    return new RandomZoom(config.height_factor as Factor, {
      ...layerArgsFromConfig(config),
      ...affineArgsFromConfig(config),
      widthFactor: (config.width_factor as Factor | null) ?? null,
    });
  }
}
