import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, type DenseChainLink, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerConfig } from '../engine/config-types';

export interface FlattenArgs extends LayerArgs {
  /** `'channels_last'` or `'channels_first'`; with channels first, the input is transposed to channels last before flattening, so weights match Keras's order. Default `'channels_last'`. */
  dataFormat?: 'channels_last' | 'channels_first';
}

/** Flatten's config as Keras 3 writes it. */
export type FlattenConfig = LayerConfig & {
  /** `'channels_last'` or `'channels_first'`. */
  data_format: string;
};

/** Flattens every axis but the batch: (None, 28, 28) becomes (None, 784). */
export class Flatten extends Layer {
  static override className = 'Flatten';
  readonly dataFormat: 'channels_last' | 'channels_first';

  constructor(args: FlattenArgs = {}) {
    super(args);
    this.dataFormat = args.dataFormat ?? 'channels_last';
    this.inputSpec = { minNdim: 1 };
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    let input = inputs as tf.Tensor;
    // channels_first flattens in channels_last order, as Keras does, so weights transfer between formats.
    if (this.dataFormat === 'channels_first' && input.rank > 2) {
      input = tf.transpose(input, [0, ...Array.from({ length: input.rank - 2 }, (_, i) => i + 2), 1]);
    }
    return tf.reshape(input, [input.shape[0], -1]);
  }

  /** A plain reshape (channels last; channels first transposes first, which the chain does not). */
  override denseChainLink(): DenseChainLink | null {
    return this.constructor === Flatten && this.dataFormat === 'channels_last' ? { kind: 'flatten' } : null;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    return [inputShape[0], rest.some((d) => d === null) ? null : rest.reduce<number>((a, d) => a * (d as number), 1)];
  }

  override getConfig(): FlattenConfig {
    return { ...(super.getConfig() as LayerConfig), data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): Flatten {
    return new Flatten({ ...layerArgsFromConfig(config), dataFormat: config.data_format as FlattenArgs['dataFormat'] });
  }
}
