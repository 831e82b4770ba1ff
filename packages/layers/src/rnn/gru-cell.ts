import * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, type ActivationIdentifier, getActivation, serializeActivation } from '../activations';
import { layerArgsFromConfig } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { BaseRecurrentCell, type BaseCellArgs, type CellStepOptions, cellArgsFromConfig } from './base-recurrent-cell';

export interface GRUCellArgs extends BaseCellArgs {
  /** The activation of the update and reset gates. Default `'sigmoid'`. */
  recurrentActivation?: ActivationIdentifier;
  /** Apply the reset gate after the recurrent matrix product (Keras 3's default, cuDNN-compatible). */
  resetAfter?: boolean;
}

/**
 * One step of a gated recurrent unit (Cho et al. 2014), Keras's gate order
 * z (update), r (reset), h (candidate). With `resetAfter` the bias is
 * `[2, 3 * units]`: one row for the input product, one for the recurrent one.
 */
export class GRUCell extends BaseRecurrentCell {
  static override className = 'GRUCell';
  readonly stateSize: number;
  readonly recurrentActivation: ActivationFunction;
  readonly resetAfter: boolean;
  constructor(units: number, args: GRUCellArgs = {}) {
    super(units, args);
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
    this.resetAfter = args.resetAfter ?? true;
    this.stateSize = units;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.addKernels(this.featureDim(inputShape), 3);
    if (this.useBias) this.addBias(this.resetAfter ? [2, 3 * this.units] : [3 * this.units], this.biasInitializer);
  }

  /** With reset_after, row 0 of the bias goes with the input product and row 1 with the recurrent one. */
  protected override inputBias(): tf.Tensor | undefined {
    if (!this.bias) return undefined;
    return this.resetAfter ? tf.squeeze(tf.slice(this.bias, [0, 0], [1, 3 * this.units]), [0]) : this.bias;
  }

  stepProjected(projected: tf.Tensor, states: tf.Tensor[], options: CellStepOptions = {}): [tf.Tensor, tf.Tensor[]] {
    const previous = states[0];
    const units = this.units;
    const recurrentKernel = this.recurrentKernel as tf.Tensor2D;
    const recurrentBias = this.bias && this.resetAfter ? tf.squeeze(tf.slice(this.bias, [1, 0], [1, 3 * units]), [0]) : undefined;
    const [inputUpdate, inputReset, inputCandidate] = tf.split(projected, 3, 1);
    const dropped = this.dropState(previous, options.training) as tf.Tensor2D;
    let recurrentUpdate: tf.Tensor;
    let recurrentReset: tf.Tensor;
    let recurrentCandidate: tf.Tensor | undefined;
    if (this.resetAfter) {
      let inner = tf.matMul(dropped, recurrentKernel);
      if (recurrentBias) inner = tf.add(inner, recurrentBias);
      [recurrentUpdate, recurrentReset, recurrentCandidate] = tf.split(inner, 3, 1);
    } else {
      const inner = tf.matMul(dropped, tf.slice(recurrentKernel, [0, 0], [units, 2 * units]));
      [recurrentUpdate, recurrentReset] = tf.split(inner, 2, 1);
    }
    const update = this.recurrentActivation(tf.add(inputUpdate, recurrentUpdate));
    const reset = this.recurrentActivation(tf.add(inputReset, recurrentReset));
    // The reset gate scales the recurrent product (reset_after) or the state before it (Keras's v3 variant).
    const resetRecurrent = recurrentCandidate
      ? tf.mul(reset, recurrentCandidate)
      : tf.matMul(tf.mul(reset, dropped) as tf.Tensor2D, tf.slice(recurrentKernel, [0, 2 * units], [units, units]));
    const candidate = this.activation(tf.add(inputCandidate, resetRecurrent));
    // Previous state and candidate mixed by the update gate: z · h + (1 - z) · candidate.
    const output = tf.add(tf.mul(update, previous), tf.mul(tf.sub(1, update), candidate));
    return [output, [output]];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      ...this.cellConfig(),
      recurrent_activation: serializeActivation(this.recurrentActivation, this.name),
      reset_after: this.resetAfter,
    };
  }

  static fromConfig(config: Record<string, unknown>): GRUCell {
    return new GRUCell(config.units as number, { ...layerArgsFromConfig(config), ...gruCellArgsFromConfig(config) });
  }
}

export function gruCellArgsFromConfig(config: Record<string, unknown>): GRUCellArgs {
  return {
    ...cellArgsFromConfig(config),
    recurrentActivation: config.recurrent_activation as string | null | undefined,
    resetAfter: config.reset_after as boolean | undefined,
  };
}
