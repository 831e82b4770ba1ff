import { BaseConvTranspose, type ConvTransposeArgs, convTransposeArgsFromConfig } from './base-conv-transpose';

/** 1D transposed convolution (Keras's Conv1DTranspose): `new Conv1DTranspose(filters, kernelSize, { strides, padding, ... })`. */
export class Conv1DTranspose extends BaseConvTranspose {
  static override className = 'Conv1DTranspose';

  constructor(filters: number, kernelSize: number | number[], args: ConvTransposeArgs = {}) {
    super(1, filters, kernelSize, args);
  }

  static fromConfig(config: Record<string, unknown>): Conv1DTranspose {
    return new Conv1DTranspose(config.filters as number, config.kernel_size as number[], convTransposeArgsFromConfig(config));
  }
}
