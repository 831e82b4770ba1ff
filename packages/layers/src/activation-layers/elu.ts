import type * as tf from '@tensorflow/tfjs-core';
import { elu } from '../activations';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

export interface ELUArgs extends LayerArgs {
  /** Scale of the negative part: `alpha * (exp(x) - 1)` for `x < 0`. Default `1`. */
  alpha?: number;
}

/** Keras's ELU layer: x for x > 0, `alpha * (exp(x) - 1)` below. */
export class ELU extends Layer {
  static override className = 'ELU';
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    // Keras marks this layer built in its constructor, so it writes no build_config.
    this.hasBuildConfig = false;
    this.alpha = args.alpha ?? 1;
    this.supportsMasking = true;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return elu(inputs as tf.Tensor, this.alpha);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }

  static fromConfig(config: Record<string, unknown>): ELU {
    return new ELU({ ...layerArgsFromConfig(config), alpha: config.alpha as number });
  }
}
