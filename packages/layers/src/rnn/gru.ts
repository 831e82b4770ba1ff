import { layerArgsFromConfig } from '../engine/layer';
import { GRUCell, type GRUCellArgs, gruCellArgsFromConfig } from './gru-cell';
import { recurrentLayerConfig } from './recurrent-layer-config';
import { RNN, type RNNArgs, rnnArgsFromConfig } from './rnn';

export interface GRUArgs extends GRUCellArgs, RNNArgs {}

/** Gated recurrent unit layer (Cho et al. 2014): an RNN over a GRUCell named `gru_cell`; `resetAfter` defaults to true as in Keras 3. */
export class GRU extends RNN {
  static override className = 'GRU';
  declare readonly cell: GRUCell;

  constructor(units: number, args: GRUArgs = {}) {
    const { name: _name, inputShape: _shape, batchInputShape: _batch, batchSize: _size, inputDim: _dim, ...cellArgs } = args;
    super(new GRUCell(units, { ...cellArgs, name: 'gru_cell' }), args);
    this.inputSpec = { ndim: 3 };
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): Record<string, unknown> {
    return recurrentLayerConfig(this.rnnConfig(), this, this.cell);
  }

  static override fromConfig(config: Record<string, unknown>): GRU {
    return new GRU(config.units as number, {
      ...layerArgsFromConfig(config),
      ...rnnArgsFromConfig(config),
      ...gruCellArgsFromConfig(config),
    });
  }
}
