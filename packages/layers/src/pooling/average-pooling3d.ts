import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';
import { type PoolingLayerArgs, resolvePoolingArguments } from './pooling-arguments';

/** 3D average pooling (Keras's AveragePooling3D): `new AveragePooling3D(poolSize, strides, padding, { dataFormat })` as Keras's positional arguments, or `new AveragePooling3D(poolSize, { strides, padding, dataFormat })`. */
export class AveragePooling3D extends BasePooling {
  static override className = 'AveragePooling3D';

  constructor(
    poolSize?: number | number[] | PoolingLayerArgs,
    strides?: number | number[] | null | PoolingArgs,
    padding?: string | PoolingArgs,
    args?: PoolingArgs,
  ) {
    super(3, 'average', ...resolvePoolingArguments('AveragePooling3D', [2, 2, 2], poolSize, strides, padding, args));
  }

  static fromConfig(config: Record<string, unknown>): AveragePooling3D {
    return new AveragePooling3D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
