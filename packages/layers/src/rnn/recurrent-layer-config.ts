import { serializeRegularizer } from '../regularizers';
import type { BaseRecurrentCell } from './base-recurrent-cell';
import type { RNN } from './rnn';

/**
 * The config of SimpleRNN, LSTM and GRU: Keras writes the RNN flags and the
 * cell's arguments flat, without the `cell` entry, plus activity_regularizer
 * (always, even when null).
 */
export function recurrentLayerConfig(
  rnnConfig: Record<string, unknown>,
  layer: RNN,
  cell: BaseRecurrentCell,
): Record<string, unknown> {
  const { name: _name, trainable: _trainable, dtype: _dtype, ...cellConfig } = cell.getConfig();
  return {
    ...rnnConfig,
    ...cellConfig,
    activity_regularizer: layer.activityRegularizer ? serializeRegularizer(layer.activityRegularizer) : null,
  };
}
