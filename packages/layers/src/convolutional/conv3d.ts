import { BaseConv, type ConvArgs, convArgsFromConfig } from './base-conv';

/** 3D convolution (Keras's Conv3D): `new Conv3D(filters, kernelSize, { strides, padding, ... })`. */
export class Conv3D extends BaseConv {
  static override className = 'Conv3D';

  constructor(filters: number, kernelSize: number | number[], args: ConvArgs = {}) {
    super(3, filters, kernelSize, args);
  }

  static fromConfig(config: Record<string, unknown>): Conv3D {
    return new Conv3D(config.filters as number, config.kernel_size as number[], convArgsFromConfig(config));
  }
}
