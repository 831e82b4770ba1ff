import * as tf from '@tensorflow/tfjs-core';
import { type LayerArgs, layerArgsFromConfig } from '../engine/layer';
import { Merge } from './base-merge';

/** Keras's Minimum: the element-wise minimum of a list of tensors. */
export class Minimum extends Merge {
  static override className = 'Minimum';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected override mergePair(left: tf.Tensor, right: tf.Tensor): tf.Tensor {
    return tf.minimum(left, right);
  }

  static fromConfig(config: Record<string, unknown>): Minimum {
    return new Minimum(layerArgsFromConfig(config));
  }
}
