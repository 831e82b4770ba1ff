import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';
import { type PoolingLayerArgs, resolvePoolingArguments } from './pooling-arguments';

/** 2D max pooling (Keras's MaxPooling2D): `new MaxPooling2D(poolSize, strides, padding, { dataFormat })` as Keras's positional arguments, or `new MaxPooling2D(poolSize, { strides, padding, dataFormat })`. */
export class MaxPooling2D extends BasePooling {
  static override className = 'MaxPooling2D';

  constructor(
    poolSize?: number | number[] | PoolingLayerArgs,
    strides?: number | number[] | null | PoolingArgs,
    padding?: string | PoolingArgs,
    args?: PoolingArgs,
  ) {
    super(2, 'max', ...resolvePoolingArguments('MaxPooling2D', [2, 2], poolSize, strides, padding, args));
  }

  static fromConfig(config: Record<string, unknown>): MaxPooling2D {
    return new MaxPooling2D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
