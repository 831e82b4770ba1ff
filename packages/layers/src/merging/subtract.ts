import * as tf from '@tensorflow/tfjs-core';
import { type LayerArgs, layerArgsFromConfig } from '../engine/layer';
import { Merge } from './base-merge';

/** Keras's Subtract: the first of exactly two tensors minus the second. */
export class Subtract extends Merge {
  static override className = 'Subtract';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected override mergePair(left: tf.Tensor, right: tf.Tensor): tf.Tensor {
    return tf.sub(left, right);
  }

  protected override assertInputList(inputs: Parameters<Merge['assertInputList']>[0]): void {
    super.assertInputList(inputs, 2);
    if ((inputs as unknown[]).length !== 2) {
      throw new Error(`A \`Subtract\` layer should be called on exactly 2 inputs. Received: ${(inputs as unknown[]).length} inputs.`);
    }
  }

  static fromConfig(config: Record<string, unknown>): Subtract {
    return new Subtract(layerArgsFromConfig(config));
  }
}
