import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { BaseRecurrentCell, type BaseCellArgs, type CellStepOptions, cellArgsFromConfig } from './base-recurrent-cell';

export type SimpleRNNCellArgs = BaseCellArgs;

/** One step of a fully connected RNN: `activation(inputs · kernel + bias + state · recurrentKernel)`. */
export class SimpleRNNCell extends BaseRecurrentCell {
  static override className = 'SimpleRNNCell';
  readonly stateSize: number;
  constructor(units: number, args: SimpleRNNCellArgs = {}) {
    super(units, args);
    this.stateSize = units;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.addKernels(this.featureDim(inputShape), 1);
    if (this.useBias) this.addBias([this.units], this.biasInitializer);
  }

  stepProjected(projected: tf.Tensor, states: tf.Tensor[], options: CellStepOptions = {}): [tf.Tensor, tf.Tensor[]] {
    const previous = this.dropState(states[0], options.training);
    const output = this.activation(tf.add(projected, tf.matMul(previous as tf.Tensor2D, this.recurrentKernel as tf.Tensor2D)));
    return [output, [output]];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), ...this.cellConfig() };
  }

  static fromConfig(config: Record<string, unknown>): SimpleRNNCell {
    return new SimpleRNNCell(config.units as number, { ...layerArgsFromConfig(config), ...cellArgsFromConfig(config) });
  }
}
