import { BaseSeparableConv, type SeparableConvArgs, separableArgsFromConfig } from './base-separable-conv';

/** 1D separable convolution (Keras's SeparableConv1D): `new SeparableConv1D(filters, kernelSize, { depthMultiplier, ... })`. */
export class SeparableConv1D extends BaseSeparableConv {
  static override className = 'SeparableConv1D';

  constructor(filters: number, kernelSize: number | number[], args: SeparableConvArgs = {}) {
    super(1, filters, kernelSize, args);
  }

  static fromConfig(config: Record<string, unknown>): SeparableConv1D {
    return new SeparableConv1D(config.filters as number, config.kernel_size as number[], separableArgsFromConfig(config));
  }
}
