import { BaseDepthwiseConv, type DepthwiseConvArgs, depthwiseArgsFromConfig } from './base-depthwise-conv';

/** 1D depthwise convolution (Keras's DepthwiseConv1D): `new DepthwiseConv1D(kernelSize, { depthMultiplier, ... })`. */
export class DepthwiseConv1D extends BaseDepthwiseConv {
  static override className = 'DepthwiseConv1D';

  constructor(kernelSize: number | number[], args: DepthwiseConvArgs = {}) {
    super(1, kernelSize, args);
  }

  static fromConfig(config: Record<string, unknown>): DepthwiseConv1D {
    return new DepthwiseConv1D(config.kernel_size as number[], depthwiseArgsFromConfig(config));
  }
}
