import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';

/** 2D average pooling (Keras's AveragePooling2D): `new AveragePooling2D(poolSize, { strides, padding, dataFormat })`. */
export class AveragePooling2D extends BasePooling {
  static override className = 'AveragePooling2D';

  constructor(poolSize: number | number[] = [2, 2], args: PoolingArgs = {}) {
    super(2, 'average', poolSize, args);
  }

  static fromConfig(config: Record<string, unknown>): AveragePooling2D {
    return new AveragePooling2D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
