import { BaseSeparableConv, type SeparableConvArgs, separableArgsFromConfig } from './base-separable-conv';

/** 2D separable convolution (Keras's SeparableConv2D): `new SeparableConv2D(filters, kernelSize, { depthMultiplier, ... })`. */
export class SeparableConv2D extends BaseSeparableConv {
  static override className = 'SeparableConv2D';

  constructor(filters: number, kernelSize: number | number[], args: SeparableConvArgs = {}) {
    super(2, filters, kernelSize, args);
  }

  static fromConfig(config: Record<string, unknown>): SeparableConv2D {
    return new SeparableConv2D(config.filters as number, config.kernel_size as number[], separableArgsFromConfig(config));
  }
}
