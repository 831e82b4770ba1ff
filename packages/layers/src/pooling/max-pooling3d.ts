import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';
import { type PoolingLayerArgs, resolvePoolingArguments } from './pooling-arguments';

/** 3D max pooling (Keras's MaxPooling3D): `new MaxPooling3D(poolSize, strides, padding, { dataFormat })` as Keras's positional arguments, or `new MaxPooling3D(poolSize, { strides, padding, dataFormat })`. */
export class MaxPooling3D extends BasePooling {
  static override className = 'MaxPooling3D';

  constructor(
    poolSize?: number | number[] | PoolingLayerArgs,
    strides?: number | number[] | null | PoolingArgs,
    padding?: string | PoolingArgs,
    args?: PoolingArgs,
  ) {
    super(3, 'max', ...resolvePoolingArguments('MaxPooling3D', [2, 2, 2], poolSize, strides, padding, args));
  }

  static fromConfig(config: Record<string, unknown>): MaxPooling3D {
    return new MaxPooling3D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
