import { ConvLSTM, type ConvLSTMArgs, convLstmArgsFromConfig } from './conv-lstm';

/**
 * 1D convolutional LSTM (Keras's ConvLSTM1D): `new ConvLSTM1D(filters, kernelSize, { padding, returnSequences, ... })`
 * on `[batch, time, length, channels]` sequences.
 */
export class ConvLSTM1D extends ConvLSTM {
  static override className = 'ConvLSTM1D';

  constructor(filters: number, kernelSize: number | number[], args: ConvLSTMArgs = {}) {
    super(1, filters, kernelSize, args);
  }

  static override fromConfig(config: Record<string, unknown>): ConvLSTM1D {
    return new ConvLSTM1D(config.filters as number, config.kernel_size as number[], convLstmArgsFromConfig(config));
  }
}
