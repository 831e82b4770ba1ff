import { softmax } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

export interface SoftmaxArgs extends LayerArgs {
  /** The axis (or axes) the softmax normalises over. Default `-1`. */
  axis?: number | number[];
}

/** Softmax over `axis`; a mask sends masked positions to probability 0, as Keras does. */
export class Softmax extends Layer {
  static override className = 'Softmax';
  readonly axis: number | number[];

  constructor(args: SoftmaxArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    this.supportsMasking = true;
    this.hasBuildConfig = false;
    this.symbolicCallKwargs = { mask: null };
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    let input = inputs as tf.Tensor;
    const mask = options.mask as tf.Tensor | null | undefined;
    if (mask) {
      // Keras adds a large negative number where the mask is false.
      input = tf.add(input, tf.mul(tf.sub(1, tf.cast(mask, input.dtype)), -1e9));
    }
    const axes = Array.isArray(this.axis) ? this.axis : [this.axis];
    const lastAxis = axes.length === 1 && (axes[0] === -1 || axes[0] === input.rank - 1);
    // exp(x - logsumexp(x)) over several axes, as Keras's softmax for a tuple axis.
    const output = lastAxis ? softmax(input) : tf.exp(tf.sub(input, tf.logSumExp(input, axes, true)));
    // Keras 3 zeroes the masked positions afterwards, so an axis masked entirely is all zeros, not uniform.
    return mask ? tf.mul(output, tf.cast(mask, output.dtype)) : output;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }

  static fromConfig(config: Record<string, unknown>): Softmax {
    return new Softmax({ ...layerArgsFromConfig(config), axis: config.axis as number });
  }
}
