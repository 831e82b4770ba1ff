import * as tf from '@tensorflow/tfjs-core';
import type { CallOptions, Tensors } from '../engine/layer';
import { BaseGlobalPooling, type GlobalPoolingArgs, globalPoolingArgsFromConfig } from './base-global-pooling';

/**
 * Global average pooling over time (Keras's GlobalAveragePooling1D). With a
 * mask `[batch, steps]`, only the unmasked steps are averaged, as in Keras.
 */
export class GlobalAveragePooling1D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling1D';

  constructor(args: GlobalPoolingArgs = {}) {
    super(1, 'average', args);
    this.supportsMasking = true;
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const mask = options.mask as tf.Tensor | null | undefined;
    if (!mask) return super.call(inputs, options);
    const input = inputs as tf.Tensor;
    const stepsAxis = this.dataFormat === 'channels_last' ? 1 : 2;
    const weights = tf.expandDims(tf.cast(mask, input.dtype), this.dataFormat === 'channels_last' ? 2 : 1);
    return tf.div(tf.sum(tf.mul(input, weights), stepsAxis, this.keepdims), tf.sum(weights, stepsAxis, this.keepdims));
  }

  /** The time axis is gone, and the mask with it. */
  override computeMask(): null {
    return null;
  }

  static fromConfig(config: Record<string, unknown>): GlobalAveragePooling1D {
    return new GlobalAveragePooling1D(globalPoolingArgsFromConfig(config));
  }
}
