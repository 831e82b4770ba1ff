import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';

/** 3D average pooling (Keras's AveragePooling3D): `new AveragePooling3D(poolSize, { strides, padding, dataFormat })`. */
export class AveragePooling3D extends BasePooling {
  static override className = 'AveragePooling3D';

  constructor(poolSize: number | number[] = [2, 2, 2], args: PoolingArgs = {}) {
    super(3, 'average', poolSize, args);
  }

  static fromConfig(config: Record<string, unknown>): AveragePooling3D {
    return new AveragePooling3D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
