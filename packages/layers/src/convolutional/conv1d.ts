import { BaseConv, type ConvArgs, convArgsFromConfig } from './base-conv';

/** 1D convolution (Keras's Conv1D): `new Conv1D(filters, kernelSize, { strides, padding, ... })`. */
export class Conv1D extends BaseConv {
  static override className = 'Conv1D';

  constructor(filters: number, kernelSize: number | number[], args: ConvArgs = {}) {
    super(1, filters, kernelSize, args);
  }

  static fromConfig(config: Record<string, unknown>): Conv1D {
    return new Conv1D(config.filters as number, config.kernel_size as number[], convArgsFromConfig(config));
  }
}
