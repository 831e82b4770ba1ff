import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { BaseRecurrentCell, type BaseCellArgs, type CellStepOptions, cellArgsFromConfig } from './base-recurrent-cell';

export type SimpleRNNCellArgs = BaseCellArgs;

/** One step of a fully connected RNN: `activation(inputs · kernel + bias + state · recurrentKernel)`. */
export class SimpleRNNCell extends BaseRecurrentCell {
  static override className = 'SimpleRNNCell';
  readonly stateSize: number;
  kernel?: tf.Variable;
  recurrentKernel?: tf.Variable;
  bias?: tf.Variable;

  constructor(units: number, args: SimpleRNNCellArgs = {}) {
    super(units, args);
    this.stateSize = units;
  }

  override build(inputShape: Shape): void {
    const { kernel, recurrentKernel } = this.addKernels(inputShape[inputShape.length - 1] as number, 1);
    this.kernel = kernel;
    this.recurrentKernel = recurrentKernel;
    if (this.useBias) this.bias = this.addBias([this.units], this.biasInitializer);
  }

  step(inputs: tf.Tensor, states: tf.Tensor[], options: CellStepOptions = {}): [tf.Tensor, tf.Tensor[]] {
    const previous = this.dropState(states[0], options.training);
    let projected = tf.matMul(this.dropInputs(inputs, options.training) as tf.Tensor2D, this.kernel as tf.Tensor2D);
    if (this.bias) projected = tf.add(projected, this.bias);
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
