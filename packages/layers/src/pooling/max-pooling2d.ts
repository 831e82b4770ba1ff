import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';

/** 2D max pooling (Keras's MaxPooling2D): `new MaxPooling2D(poolSize, { strides, padding, dataFormat })`. */
export class MaxPooling2D extends BasePooling {
  static override className = 'MaxPooling2D';

  constructor(poolSize: number | number[] = [2, 2], args: PoolingArgs = {}) {
    super(2, 'max', poolSize, args);
  }

  static fromConfig(config: Record<string, unknown>): MaxPooling2D {
    return new MaxPooling2D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
