import { BaseConvTranspose, type ConvTransposeArgs, convTransposeArgsFromConfig } from './base-conv-transpose';

/**
 * 3D transposed convolution (Keras's Conv3DTranspose, alias Convolution3DTranspose):
 * `new Conv3DTranspose(filters, kernelSize, { strides, padding, outputPadding, ... })`. It runs as a
 * Conv3D over the spread input, so its gradients are Conv3D's, which every backend has.
 */
export class Conv3DTranspose extends BaseConvTranspose {
  static override className = 'Conv3DTranspose';

  constructor(filters: number, kernelSize: number | number[], args: ConvTransposeArgs = {}) {
    super(3, filters, kernelSize, args);
  }

  static fromConfig(config: Record<string, unknown>): Conv3DTranspose {
    return new Conv3DTranspose(config.filters as number, config.kernel_size as number[], convTransposeArgsFromConfig(config));
  }
}
