import { BaseConvTranspose, type ConvTransposeArgs, convTransposeArgsFromConfig } from './base-conv-transpose';

/** 2D transposed convolution (Keras's Conv2DTranspose): `new Conv2DTranspose(filters, kernelSize, { strides, padding, ... })`. */
export class Conv2DTranspose extends BaseConvTranspose {
  static override className = 'Conv2DTranspose';

  constructor(filters: number, kernelSize: number | number[], args: ConvTransposeArgs = {}) {
    super(2, filters, kernelSize, args);
  }

  static fromConfig(config: Record<string, unknown>): Conv2DTranspose {
    return new Conv2DTranspose(config.filters as number, config.kernel_size as number[], convTransposeArgsFromConfig(config));
  }
}
