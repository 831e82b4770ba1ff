import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';

/** 3D max pooling (Keras's MaxPooling3D): `new MaxPooling3D(poolSize, { strides, padding, dataFormat })`. */
export class MaxPooling3D extends BasePooling {
  static override className = 'MaxPooling3D';

  constructor(poolSize: number | number[] = [2, 2, 2], args: PoolingArgs = {}) {
    super(3, 'max', poolSize, args);
  }

  static fromConfig(config: Record<string, unknown>): MaxPooling3D {
    return new MaxPooling3D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
