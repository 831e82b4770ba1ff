import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, layerArgsFromConfig, type Tensors } from '../engine/layer';
import { BaseUpSampling, type UpSamplingArgs } from './base-up-sampling';

export interface UpSampling2DArgs extends UpSamplingArgs {
  /** 'nearest' (repeat) or 'bilinear' (half-pixel centers, as Keras's ops.image.resize). */
  interpolation?: 'nearest' | 'bilinear';
}

/** Keras's UpSampling2D: scales rows and columns by `size`. */
export class UpSampling2D extends BaseUpSampling {
  static override className = 'UpSampling2D';
  readonly interpolation: 'nearest' | 'bilinear';

  constructor(size: number | number[] = [2, 2], args: UpSampling2DArgs = {}) {
    super(2, size, args);
    this.interpolation = args.interpolation ?? 'nearest';
    if (this.interpolation !== 'nearest' && this.interpolation !== 'bilinear') {
      throw new Error(`UpSampling2D supports interpolation "nearest" or "bilinear". Received: interpolation=${this.interpolation}`);
    }
  }

  override call(inputs: Tensors, options?: CallOptions): tf.Tensor {
    if (this.interpolation === 'nearest') return super.call(inputs, options);
    const channelsFirst = this.dataFormat === 'channels_first';
    const input = channelsFirst ? tf.transpose(inputs as tf.Tensor, [0, 2, 3, 1]) : (inputs as tf.Tensor);
    const [height, width] = input.shape.slice(1, 3);
    const resized = tf.image.resizeBilinear(input as tf.Tensor4D, [height * this.size[0], width * this.size[1]], false, true);
    return channelsFirst ? tf.transpose(resized, [0, 3, 1, 2]) : resized;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), size: [...this.size], data_format: this.dataFormat, interpolation: this.interpolation };
  }

  static fromConfig(config: Record<string, unknown>): UpSampling2D {
    return new UpSampling2D(config.size as number[], {
      ...layerArgsFromConfig(config),
      dataFormat: config.data_format as string,
      interpolation: config.interpolation as 'nearest' | 'bilinear',
    });
  }
}
