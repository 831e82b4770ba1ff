import type * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { L1L2 } from '../regularizers';

export interface ActivityRegularizationArgs extends LayerArgs {
  /** The L1 factor of the penalty on the layer's input activity. Default `0`. */
  l1?: number;
  /** The L2 factor of the penalty on the layer's input activity. Default `0`. */
  l2?: number;
}

/** Keras's ActivityRegularization: passes its input through and adds `l1 * sum|x| + l2 * sum(x^2)` to the losses. */
export class ActivityRegularization extends Layer {
  static override className = 'ActivityRegularization';
  readonly l1: number;
  readonly l2: number;
  private readonly regularizer: L1L2;

  constructor(args: ActivityRegularizationArgs = {}) {
    super(args);
    // Keras marks this layer built in its constructor, so it writes no build_config.
    this.hasBuildConfig = false;
    this.l1 = args.l1 ?? 0;
    this.l2 = args.l2 ?? 0;
    this.regularizer = new L1L2({ l1: this.l1, l2: this.l2 });
    this.supportsMasking = true;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    this.addLoss(this.regularizer.call(input));
    return input;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), l1: this.l1, l2: this.l2 };
  }

  static fromConfig(config: Record<string, unknown>): ActivityRegularization {
    return new ActivityRegularization({ ...layerArgsFromConfig(config), l1: config.l1 as number, l2: config.l2 as number });
  }
}
