import * as tf from '@tensorflow/tfjs-core';
import { type LayerArgs, layerArgsFromConfig } from '../engine/layer';
import { Merge } from './base-merge';

/** Keras's Add: the element-wise sum of a list of tensors. */
export class Add extends Merge {
  static override className = 'Add';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected override mergePair(left: tf.Tensor, right: tf.Tensor): tf.Tensor {
    return tf.add(left, right);
  }

  static fromConfig(config: Record<string, unknown>): Add {
    return new Add(layerArgsFromConfig(config));
  }
}
