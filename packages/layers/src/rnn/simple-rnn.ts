import { layerArgsFromConfig } from '../engine/layer';
import { cellArgsFromConfig } from './base-recurrent-cell';
import { recurrentLayerConfig } from './recurrent-layer-config';
import { RNN, type RNNArgs, rnnArgsFromConfig } from './rnn';
import { SimpleRNNCell, type SimpleRNNCellArgs } from './simple-rnn-cell';

export interface SimpleRNNArgs extends SimpleRNNCellArgs, RNNArgs {}

/** Fully connected RNN whose output is fed back as the next step's state (Keras's SimpleRNN). */
export class SimpleRNN extends RNN {
  static override className = 'SimpleRNN';
  declare readonly cell: SimpleRNNCell;

  constructor(units: number, args: SimpleRNNArgs = {}) {
    const { name: _name, inputShape: _shape, batchInputShape: _batch, batchSize: _size, inputDim: _dim, ...cellArgs } = args;
    super(new SimpleRNNCell(units, { ...cellArgs, name: 'simple_rnn_cell' }), args);
    this.inputSpec = { ndim: 3 };
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): Record<string, unknown> {
    // Keras's SimpleRNN config has no seed (its cell's has).
    const { seed: _seed, ...config } = recurrentLayerConfig(this.rnnConfig(), this, this.cell);
    return config;
  }

  static override fromConfig(config: Record<string, unknown>): SimpleRNN {
    return new SimpleRNN(config.units as number, {
      ...layerArgsFromConfig(config),
      ...rnnArgsFromConfig(config),
      ...cellArgsFromConfig(config),
    });
  }
}
