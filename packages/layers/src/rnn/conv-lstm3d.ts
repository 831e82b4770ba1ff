import { ConvLSTM, type ConvLSTMArgs, convLstmArgsFromConfig } from './conv-lstm';

/**
 * 3D convolutional LSTM (Keras's ConvLSTM3D): `new ConvLSTM3D(filters, kernelSize, { padding, returnSequences, ... })`
 * on `[batch, time, depth, rows, cols, channels]` sequences.
 */
export class ConvLSTM3D extends ConvLSTM {
  static override className = 'ConvLSTM3D';

  constructor(filters: number, kernelSize: number | number[], args: ConvLSTMArgs = {}) {
    super(3, filters, kernelSize, args);
  }

  static override fromConfig(config: Record<string, unknown>): ConvLSTM3D {
    return new ConvLSTM3D(config.filters as number, config.kernel_size as number[], convLstmArgsFromConfig(config));
  }
}
