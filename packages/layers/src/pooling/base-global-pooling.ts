import * as tf from '@tensorflow/tfjs-core';
import { type DataFormat, normalizeDataFormat } from '../convolutional/conv-utils';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { PoolMode } from './pooling-utils';
import type { LayerConfig } from '../engine/config-types';

export interface GlobalPoolingArgs extends LayerArgs {
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: string | null;
  /** Keep the spatial axes with length 1 (Keras's `keepdims`). */
  keepdims?: boolean;
}

/** The config Keras 3 writes for the global pooling layers. */
export type GlobalPoolingConfig = LayerConfig & {
  /** `'channels_last'` or `'channels_first'`. */
  data_format: string;
  /** Whether the pooled axes are kept with length 1. */
  keepdims: boolean;
};

/** Keras's BaseGlobalPooling: the max or mean over every spatial axis. */
export abstract class BaseGlobalPooling extends Layer {
  readonly rank: number;
  readonly mode: PoolMode;
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  constructor(rank: number, mode: PoolMode, args: GlobalPoolingArgs = {}) {
    super(args);
    // Keras marks this layer built in its constructor, so it writes no build_config.
    this.hasBuildConfig = false;
    this.rank = rank;
    this.mode = mode;
    this.dataFormat = normalizeDataFormat(args.dataFormat);
    this.keepdims = args.keepdims ?? false;
    this.inputSpec = { ndim: rank + 2 };
  }

  protected spatialAxes(): number[] {
    const first = this.dataFormat === 'channels_last' ? 1 : 2;
    return Array.from({ length: this.rank }, (_, i) => first + i);
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    const axes = this.spatialAxes();
    return this.mode === 'max' ? tf.max(input, axes, this.keepdims) : tf.mean(input, axes, this.keepdims);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const axes = new Set(this.spatialAxes());
    if (this.keepdims) return inputShape.map((d, i) => (axes.has(i) ? 1 : d));
    return inputShape.filter((_, i) => !axes.has(i));
  }

  override getConfig(): GlobalPoolingConfig {
    return { ...(super.getConfig() as LayerConfig), data_format: this.dataFormat, keepdims: this.keepdims };
  }
}

export function globalPoolingArgsFromConfig(config: Record<string, unknown>): GlobalPoolingArgs {
  return { ...layerArgsFromConfig(config), dataFormat: config.data_format as string, keepdims: config.keepdims as boolean };
}
