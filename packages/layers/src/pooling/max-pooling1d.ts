import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';
import { type PoolingLayerArgs, resolvePoolingArguments } from './pooling-arguments';

/** 1D max pooling (Keras's MaxPooling1D): `new MaxPooling1D(poolSize, strides, padding, { dataFormat })` as Keras's positional arguments, or `new MaxPooling1D(poolSize, { strides, padding, dataFormat })`. */
export class MaxPooling1D extends BasePooling {
  static override className = 'MaxPooling1D';

  constructor(
    poolSize?: number | number[] | PoolingLayerArgs,
    strides?: number | number[] | null | PoolingArgs,
    padding?: string | PoolingArgs,
    args?: PoolingArgs,
  ) {
    super(1, 'max', ...resolvePoolingArguments('MaxPooling1D', 2, poolSize, strides, padding, args));
  }

  static fromConfig(config: Record<string, unknown>): MaxPooling1D {
    return new MaxPooling1D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
