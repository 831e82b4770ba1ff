import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';

/** 1D average pooling (Keras's AveragePooling1D): `new AveragePooling1D(poolSize, { strides, padding, dataFormat })`. */
export class AveragePooling1D extends BasePooling {
  static override className = 'AveragePooling1D';

  constructor(poolSize: number | number[] = 2, args: PoolingArgs = {}) {
    super(1, 'average', poolSize, args);
  }

  static fromConfig(config: Record<string, unknown>): AveragePooling1D {
    return new AveragePooling1D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
