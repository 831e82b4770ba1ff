import { ConvLSTM, type ConvLSTMArgs, convLstmArgsFromConfig } from './conv-lstm';

/**
 * 2D convolutional LSTM (Keras's ConvLSTM2D): `new ConvLSTM2D(filters, kernelSize, { padding, returnSequences, ... })`
 * on `[batch, time, rows, cols, channels]` sequences.
 */
export class ConvLSTM2D extends ConvLSTM {
  static override className = 'ConvLSTM2D';

  constructor(filters: number, kernelSize: number | number[], args: ConvLSTMArgs = {}) {
    super(2, filters, kernelSize, args);
  }

  static override fromConfig(config: Record<string, unknown>): ConvLSTM2D {
    return new ConvLSTM2D(config.filters as number, config.kernel_size as number[], convLstmArgsFromConfig(config));
  }
}
