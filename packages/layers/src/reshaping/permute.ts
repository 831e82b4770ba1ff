import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

/** Keras's Permute: reorders the non-batch axes; `dims` is 1-based, as in Keras (`[2, 1]` swaps axes 1 and 2). */
export class Permute extends Layer {
  static override className = 'Permute';
  readonly dims: number[];

  constructor(dims: number[], args: LayerArgs = {}) {
    super(args);
    const sorted = [...dims].sort((a, b) => a - b);
    if (!sorted.every((d, i) => d === i + 1)) {
      throw new Error(
        `Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${JSON.stringify(dims)}`,
      );
    }
    this.dims = [...dims];
    this.inputSpec = { ndim: dims.length + 1 };
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return tf.transpose(inputs as tf.Tensor, [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], ...this.dims.map((d) => inputShape[d])];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dims: [...this.dims] };
  }

  static fromConfig(config: Record<string, unknown>): Permute {
    return new Permute(config.dims as number[], layerArgsFromConfig(config));
  }
}
