import * as tf from '@tensorflow/tfjs-core';
import { type LayerArgs, layerArgsFromConfig } from '../engine/layer';
import { Merge } from './base-merge';

/** Keras's Multiply: the element-wise product of a list of tensors. */
export class Multiply extends Merge {
  static override className = 'Multiply';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected override mergePair(left: tf.Tensor, right: tf.Tensor): tf.Tensor {
    return tf.mul(left, right);
  }

  static fromConfig(config: Record<string, unknown>): Multiply {
    return new Multiply(layerArgsFromConfig(config));
  }
}
