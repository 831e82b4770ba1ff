import * as tf from '@tensorflow/tfjs-core';
import { type LayerArgs, layerArgsFromConfig } from '../engine/layer';
import { Merge } from './base-merge';

/** Keras's Maximum: the element-wise maximum of a list of tensors. */
export class Maximum extends Merge {
  static override className = 'Maximum';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected override mergePair(left: tf.Tensor, right: tf.Tensor): tf.Tensor {
    return tf.maximum(left, right);
  }

  static fromConfig(config: Record<string, unknown>): Maximum {
    return new Maximum(layerArgsFromConfig(config));
  }
}
