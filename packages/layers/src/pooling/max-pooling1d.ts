import { BasePooling, type PoolingArgs, poolingArgsFromConfig } from './base-pooling';

/** 1D max pooling (Keras's MaxPooling1D): `new MaxPooling1D(poolSize, { strides, padding, dataFormat })`. */
export class MaxPooling1D extends BasePooling {
  static override className = 'MaxPooling1D';

  constructor(poolSize: number | number[] = 2, args: PoolingArgs = {}) {
    super(1, 'max', poolSize, args);
  }

  static fromConfig(config: Record<string, unknown>): MaxPooling1D {
    return new MaxPooling1D(config.pool_size as number[], poolingArgsFromConfig(config));
  }
}
