import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';
import { type PoolingLayerArgs, resolvePoolingArguments } from './pooling-arguments';

/** 2D average pooling (Keras's AveragePooling2D): `new AveragePooling2D(poolSize, strides, padding, { dataFormat })` as Keras's positional arguments, or `new AveragePooling2D(poolSize, { strides, padding, dataFormat })`. */
export class AveragePooling2D extends BasePooling {
  static override className = 'AveragePooling2D';

  constructor(
    poolSize?: number | number[] | PoolingLayerArgs,
    strides?: number | number[] | null | PoolingArgs,
    padding?: string | PoolingArgs,
    args?: PoolingArgs,
  ) {
    super(2, 'average', ...resolvePoolingArguments('AveragePooling2D', [2, 2], poolSize, strides, padding, args));
  }

  static fromConfig(config: Record<string, unknown>): AveragePooling2D {
    return new AveragePooling2D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
