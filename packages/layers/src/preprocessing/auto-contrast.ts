import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type DataFormat, onImagesNHWC, standardizeDataFormat } from './image-utils';

export interface AutoContrastArgs extends LayerArgs {
  /** The range the pixel values lie in, [low, high]. Default `[0, 255]`. */
  valueRange?: [number, number];
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: DataFormat | null;
}

/**
 * Keras's AutoContrast: stretches each channel of each image so that its
 * darkest pixel becomes the low end of `valueRange` and its brightest the high
 * end, in training and in inference alike (nothing is random). A channel whose
 * pixels are all equal is left as it was (Keras keeps the NaN channels of its
 * division by zero as the original values). Integer images come back rounded
 * in their dtype.
 */
export class AutoContrast extends Layer {
  static override className = 'AutoContrast';
  readonly valueRange: [number, number];
  readonly dataFormat: DataFormat;

  constructor(args: AutoContrastArgs = {}) {
    super(args);
    const range = args.valueRange ?? [0, 255];
    if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => typeof v === 'number')) {
      throw new Error(`AutoContrast expects \`valueRange\` to be [low, high]; received ${JSON.stringify(range)}.`);
    }
    this.valueRange = [...range].sort((a, b) => a - b) as [number, number];
    this.dataFormat = standardizeDataFormat('AutoContrast', args.dataFormat);
    this.hasBuildConfig = false;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    const [low, high] = this.valueRange;
    return tf.tidy(() => {
      const stretched = onImagesNHWC('AutoContrast', input, this.dataFormat, (images) => {
        // In 0..255, as Keras computes it, then back to the value range.
        const scaled = tf.mul(tf.sub(tf.cast(images, 'float32'), low), 255 / (high - low));
        const darkest = tf.min(scaled, [1, 2], true);
        const brightest = tf.max(scaled, [1, 2], true);
        const spread = tf.sub(brightest, darkest);
        const contrasted = tf.clipByValue(tf.mul(tf.div(tf.sub(scaled, darkest), spread), 255), 0, 255);
        const back = tf.add(tf.mul(contrasted, (high - low) / 255), low);
        return tf.where(tf.broadcastTo(tf.equal(spread, 0), back.shape), tf.cast(images, 'float32'), back) as tf.Tensor4D;
      });
      return input.dtype === 'float32' ? stretched : tf.cast(tf.round(stretched), input.dtype);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), data_format: this.dataFormat, value_range: [...this.valueRange] };
  }

  static fromConfig(config: Record<string, unknown>): AutoContrast {
    return new AutoContrast({
      ...layerArgsFromConfig(config),
      valueRange: config.value_range as [number, number] | undefined,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
