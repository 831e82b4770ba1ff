import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

/** Keras's RepeatVector: `[batch, features]` becomes `[batch, n, features]`. */
export class RepeatVector extends Layer {
  static override className = 'RepeatVector';
  readonly n: number;

  constructor(n: number, args: LayerArgs = {}) {
    super(args);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`Expected an integer value for \`n\`, got ${n}.`);
    this.n = n;
    this.inputSpec = { ndim: 2 };
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return tf.tile(tf.expandDims(inputs as tf.Tensor, 1), [1, this.n, 1]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], this.n, inputShape[1]];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), n: this.n };
  }

  static fromConfig(config: Record<string, unknown>): RepeatVector {
    return new RepeatVector(config.n as number, layerArgsFromConfig(config));
  }
}
