import type * as tf from '@tensorflow/tfjs-core';
import {
  convOutputLength,
  type DataFormat,
  normalizeDataFormat,
  normalizePadding,
  normalizeTuple,
  shapeFromChannelsLast,
  shapeToChannelsLast,
} from '../convolutional/conv-utils';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type PoolMode, pool } from './pooling-utils';
import type { LayerConfig } from '../engine/config-types';

export interface PoolingArgs extends LayerArgs {
  /** Defaults to `poolSize`, as in Keras. */
  strides?: number | number[] | null;
  /** `'valid'` (no padding) or `'same'` (pad so the output has `ceil(input / strides)` positions). Default `'valid'`. */
  padding?: string;
  /** `'channels_last'` (`[batch, ...spatial, channels]`) or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: string | null;
}

/** The config Keras 3 writes for the max and average pooling layers. */
export type PoolingConfig = LayerConfig & {
  /** The pooling window along each spatial axis. */
  pool_size: number[];
  /** `'valid'` or `'same'`. */
  padding: string;
  /** The step along each spatial axis. */
  strides: number[];
  /** `'channels_last'` or `'channels_first'`. */
  data_format: string;
};

/** Keras's BasePooling: a window of `poolSize` slides by `strides` and keeps its max or mean. */
export abstract class BasePooling extends Layer {
  readonly rank: number;
  readonly mode: PoolMode;
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;

  constructor(rank: number, mode: PoolMode, poolSize: number | number[], args: PoolingArgs = {}) {
    super(args);
    // Keras marks this layer built in its constructor, so it writes no build_config.
    this.hasBuildConfig = false;
    this.rank = rank;
    this.mode = mode;
    this.poolSize = normalizeTuple(poolSize, rank, 'pool_size');
    this.strides = normalizeTuple(args.strides ?? this.poolSize, rank, 'strides');
    this.padding = normalizePadding(args.padding) as 'valid' | 'same';
    this.dataFormat = normalizeDataFormat(args.dataFormat);
    this.inputSpec = { ndim: rank + 2 };
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return pool(inputs as tf.Tensor, this.mode, this.poolSize, this.strides, this.padding, this.dataFormat);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const channelsLast = shapeToChannelsLast(inputShape, this.dataFormat);
    const spatial = channelsLast
      .slice(1, -1)
      .map((length, i) => convOutputLength(length, this.poolSize[i], this.strides[i], this.padding));
    return shapeFromChannelsLast([channelsLast[0], ...spatial, channelsLast[channelsLast.length - 1]], this.dataFormat);
  }

  override getConfig(): PoolingConfig {
    return {
      ...(super.getConfig() as LayerConfig),
      pool_size: [...this.poolSize],
      padding: this.padding,
      strides: [...this.strides],
      data_format: this.dataFormat,
    };
  }
}

export function poolingArgsFromConfig(config: Record<string, unknown>): PoolingArgs {
  return {
    ...layerArgsFromConfig(config),
    strides: config.strides as number[] | null,
    padding: config.padding as string,
    dataFormat: config.data_format as string,
  };
}
