import { BaseConv, type ConvArgs, convArgsFromConfig } from './base-conv';

/** 2D convolution (Keras's Conv2D): `new Conv2D(filters, kernelSize, { strides, padding, ... })`. */
export class Conv2D extends BaseConv {
  static override className = 'Conv2D';

  constructor(filters: number, kernelSize: number | number[], args: ConvArgs = {}) {
    super(2, filters, kernelSize, args);
  }

  static fromConfig(config: Record<string, unknown>): Conv2D {
    return new Conv2D(config.filters as number, config.kernel_size as number[], convArgsFromConfig(config));
  }
}
