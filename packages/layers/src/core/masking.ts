import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

export interface MaskingArgs extends LayerArgs {
  /** Timesteps whose features all equal this value are masked (skipped by the layers that follow). Default `0`. */
  maskValue?: number;
}

/**
 * Where every feature of a time step equals `maskValue`, the step is masked:
 * its output is zeros and the layer's mask is false there, so that recurrent
 * layers downstream skip it (Keras's Masking).
 */
export class Masking extends Layer {
  static override className = 'Masking';
  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    super(args);
    this.maskValue = args.maskValue ?? 0;
    this.supportsMasking = true;
  }

  /**
   * 1 where any feature differs from maskValue. Comparisons have no gradient in
   * tfjs, so the mask is a constant for differentiation: its gradient is zero.
   */
  private keepMask(input: tf.Tensor, keepDims: boolean): tf.Tensor {
    const detached = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const x = args[0] as tf.Tensor;
      return { value: tf.cast(tf.any(tf.notEqual(x, this.maskValue), -1, keepDims), 'float32'), gradFunc: () => tf.zerosLike(x) };
    });
    return detached(input);
  }

  override call(inputs: Tensors, _options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    return tf.mul(input, tf.cast(this.keepMask(input, true), input.dtype));
  }

  override computeMask(inputs: Tensors, _mask?: CallOptions['mask']): tf.Tensor {
    return tf.cast(this.keepMask(inputs as tf.Tensor, false), 'bool');
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), mask_value: this.maskValue };
  }

  static fromConfig(config: Record<string, unknown>): Masking {
    return new Masking({ ...layerArgsFromConfig(config), maskValue: config.mask_value as number | undefined });
  }
}
