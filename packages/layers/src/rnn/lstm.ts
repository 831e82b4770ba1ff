import { layerArgsFromConfig } from '../engine/layer';
import { LSTMCell, type LSTMCellArgs, lstmCellArgsFromConfig } from './lstm-cell';
import { recurrentLayerConfig } from './recurrent-layer-config';
import { RNN, type RNNArgs, rnnArgsFromConfig } from './rnn';

export interface LSTMArgs extends LSTMCellArgs, RNNArgs {}

/** Long short-term memory layer (Hochreiter 1997): an RNN over an LSTMCell named `lstm_cell`, as in Keras. */
export class LSTM extends RNN {
  static override className = 'LSTM';
  declare readonly cell: LSTMCell;

  constructor(units: number, args: LSTMArgs = {}) {
    const { name: _name, inputShape: _shape, batchInputShape: _batch, batchSize: _size, inputDim: _dim, ...cellArgs } = args;
    super(new LSTMCell(units, { ...cellArgs, name: 'lstm_cell' }), args);
    this.inputSpec = { ndim: 3 };
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): Record<string, unknown> {
    return recurrentLayerConfig(this.rnnConfig(), this, this.cell);
  }

  static override fromConfig(config: Record<string, unknown>): LSTM {
    return new LSTM(config.units as number, {
      ...layerArgsFromConfig(config),
      ...rnnArgsFromConfig(config),
      ...lstmCellArgsFromConfig(config),
    });
  }
}
