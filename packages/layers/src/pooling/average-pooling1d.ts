import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';
import { type PoolingLayerArgs, resolvePoolingArguments } from './pooling-arguments';

/** 1D average pooling (Keras's AveragePooling1D): `new AveragePooling1D(poolSize, strides, padding, { dataFormat })` as Keras's positional arguments, or `new AveragePooling1D(poolSize, { strides, padding, dataFormat })`. */
export class AveragePooling1D extends BasePooling {
  static override className = 'AveragePooling1D';

  constructor(
    poolSize?: number | number[] | PoolingLayerArgs,
    strides?: number | number[] | null | PoolingArgs,
    padding?: string | PoolingArgs,
    args?: PoolingArgs,
  ) {
    super(1, 'average', ...resolvePoolingArguments('AveragePooling1D', 2, poolSize, strides, padding, args));
  }

  static fromConfig(config: Record<string, unknown>): AveragePooling1D {
    return new AveragePooling1D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
