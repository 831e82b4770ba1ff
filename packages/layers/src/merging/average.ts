import * as tf from '@tensorflow/tfjs-core';
import { type LayerArgs, layerArgsFromConfig } from '../engine/layer';
import { Merge } from './base-merge';

/** Keras's Average: the element-wise mean of a list of tensors. */
export class Average extends Merge {
  static override className = 'Average';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected override mergePair(left: tf.Tensor, right: tf.Tensor): tf.Tensor {
    return tf.add(left, right);
  }

  protected override finish(result: tf.Tensor, count: number): tf.Tensor {
    return tf.div(result, count);
  }

  static fromConfig(config: Record<string, unknown>): Average {
    return new Average(layerArgsFromConfig(config));
  }
}
