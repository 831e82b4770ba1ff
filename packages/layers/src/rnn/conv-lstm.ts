import * as tf from '@tensorflow/tfjs-core';
import { toChannelsFirstPermutation, toChannelsLastPermutation } from '../convolutional/conv-utils';
import { layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { serializeRegularizer } from '../regularizers';
import { ConvLSTMCell, type ConvLSTMCellArgs, convLstmCellArgsFromConfig } from './conv-lstm-cell';
import { type RecurrentCallOptions, RNN, type RNNArgs, rnnArgsFromConfig } from './rnn';

export interface ConvLSTMArgs extends ConvLSTMCellArgs, Omit<RNNArgs, 'unroll' | 'zeroOutputForMask'> {}

/**
 * Keras's ConvLSTM base: an RNN over a ConvLSTMCell named `conv_lstm_cell`, on `[batch, time, ...spatial,
 * channels]` sequences (channels after time with channels_first). The states `[h, c]` have the input
 * convolution's output shape. ConvLSTM1D, ConvLSTM2D and ConvLSTM3D only fix the rank.
 */
export abstract class ConvLSTM extends RNN {
  declare readonly cell: ConvLSTMCell;

  constructor(rank: number, filters: number, kernelSize: number | number[], args: ConvLSTMArgs = {}) {
    const { name: _name, inputShape: _shape, batchInputShape: _batch, batchSize: _size, inputDim: _dim, ...cellArgs } = args;
    if (args.stateful) {
      throw new Error(`ConvLSTM${rank}D does not support \`stateful: true\` in Strata yet; received stateful=true. Pass the states as \`initialState\` instead.`);
    }
    super(new ConvLSTMCell(rank, filters, kernelSize, { ...cellArgs, name: 'conv_lstm_cell' }), args);
    this.inputSpec = { ndim: rank + 3 };
  }

  get filters(): number {
    return this.cell.filters;
  }

  /** `[batch, time, ...]` in the layer's data format → the cell's channels_last step shape. */
  private stepShape(inputShape: Shape): Shape {
    return this.cell.toChannelsLast([inputShape[0], ...inputShape.slice(2)]);
  }

  override build(inputShape: Shape): void {
    this.cell.maybeBuild(this.stepShape(inputShape));
  }

  override call(inputs: Tensors, options: RecurrentCallOptions = {}): Tensors {
    const sequences = Array.isArray(inputs) ? inputs[0] : inputs;
    const channelsFirst = this.cell.dataFormat === 'channels_first';
    // The cell works channels_last: [batch, time, channels, ...spatial] → [batch, time, ...spatial, channels].
    const stepRank = sequences.rank - 1;
    const toLast = [0, ...toChannelsLastPermutation(stepRank).map((axis) => axis + 1)];
    const toFirst = [0, ...toChannelsFirstPermutation(stepRank).map((axis) => axis + 1)];
    const channelsLast = channelsFirst ? tf.transpose(sequences, toLast) : sequences;
    const given = options.initialState === undefined ? undefined : Array.isArray(options.initialState) ? options.initialState : [options.initialState];
    const initialState = given
      ? given.map((state) => (channelsFirst ? tf.transpose(state, toChannelsLastPermutation(state.rank)) : state))
      : this.zeroStates(channelsLast.shape);
    const result = super.call(channelsLast, { ...options, initialState });
    if (!channelsFirst) return result;
    const back = (t: tf.Tensor) => tf.transpose(t, t.rank === sequences.rank ? toFirst : toChannelsFirstPermutation(t.rank));
    return Array.isArray(result) ? result.map(back) : back(result);
  }

  private zeroStates(sequenceShape: number[]): tf.Tensor[] {
    const shape = this.cell.stateShape([sequenceShape[0], ...sequenceShape.slice(2)]) as number[];
    return [tf.zeros(shape), tf.zeros(shape)];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const channelsLastState = this.cell.stateShape(this.stepShape(shape));
    const state = this.cell.dataFormat === 'channels_first' ? toChannelsFirstPermutation(channelsLastState.length).map((i) => channelsLastState[i]) : channelsLastState;
    const output = this.returnSequences ? [shape[0], shape[1], ...state.slice(1)] : state;
    return this.returnState ? [output, state, [...state]] : output;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...this.rnnConfig(),
      ...this.cell.cellConfig(),
      activity_regularizer: this.activityRegularizer ? serializeRegularizer(this.activityRegularizer) : null,
    };
  }
}

/** The options of a ConvLSTM layer from its Keras config (filters and kernel_size are positional). */
export function convLstmArgsFromConfig(config: Record<string, unknown>): ConvLSTMArgs {
  const { unroll: _unroll, zeroOutputForMask: _zero, ...rnnArgs } = rnnArgsFromConfig(config);
  return { ...layerArgsFromConfig(config), ...rnnArgs, ...convLstmCellArgsFromConfig(config) };
}
