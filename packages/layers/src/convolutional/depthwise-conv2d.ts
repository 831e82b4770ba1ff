import { BaseDepthwiseConv, type DepthwiseConvArgs, depthwiseArgsFromConfig } from './base-depthwise-conv';

/** 2D depthwise convolution (Keras's DepthwiseConv2D): `new DepthwiseConv2D(kernelSize, { depthMultiplier, ... })`. */
export class DepthwiseConv2D extends BaseDepthwiseConv {
  static override className = 'DepthwiseConv2D';

  constructor(kernelSize: number | number[], args: DepthwiseConvArgs = {}) {
    super(2, kernelSize, args);
  }

  static fromConfig(config: Record<string, unknown>): DepthwiseConv2D {
    return new DepthwiseConv2D(config.kernel_size as number[], depthwiseArgsFromConfig(config));
  }
}
