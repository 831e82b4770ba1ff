import * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, type ActivationIdentifier, getActivation, serializeActivation } from '../activations';
import { Initializer } from '../initializers';
import { layerArgsFromConfig } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { BaseRecurrentCell, type BaseCellArgs, type CellStepOptions, cellArgsFromConfig } from './base-recurrent-cell';

export interface LSTMCellArgs extends BaseCellArgs {
  /** The activation of the gates. Default `'sigmoid'`. */
  recurrentActivation?: ActivationIdentifier;
  /** Adds 1 to the forget gate's bias at initialisation (Jozefowicz et al.); the bias initializer is then `'zeros'` for the rest. Default `true`. */
  unitForgetBias?: boolean;
}

/**
 * Keras's `unit_forget_bias`: the bias initializer's values for the input
 * gate, ones for the forget gate, and the initializer again for the cell and
 * output gates (Jozefowicz et al. 2015).
 */
export class UnitForgetBias extends Initializer {
  static override className = 'UnitForgetBias';

  constructor(
    private readonly base: Initializer,
    private readonly units: number,
  ) {
    super();
  }

  call(_shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    return tf.tidy(() =>
      tf.concat([this.base.call([this.units], dtype), tf.ones([this.units], dtype), this.base.call([this.units * 2], dtype)]),
    );
  }
}

/**
 * One step of a long short-term memory (Hochreiter 1997), Keras's gate order
 * i, f, c, o in the columns of kernel, recurrent_kernel and bias.
 */
export class LSTMCell extends BaseRecurrentCell {
  static override className = 'LSTMCell';
  readonly stateSize: number[];
  readonly recurrentActivation: ActivationFunction;
  readonly unitForgetBias: boolean;
  constructor(units: number, args: LSTMCellArgs = {}) {
    super(units, args);
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
    this.unitForgetBias = args.unitForgetBias ?? true;
    this.stateSize = [units, units];
  }

  override build(inputShape: Shape | Shape[]): void {
    this.addKernels(this.featureDim(inputShape), 4);
    if (this.useBias) {
      const initializer = this.unitForgetBias ? new UnitForgetBias(this.biasInitializer, this.units) : this.biasInitializer;
      this.addBias([this.units * 4], initializer);
    }
  }

  stepProjected(projected: tf.Tensor, states: tf.Tensor[], options: CellStepOptions = {}): [tf.Tensor, tf.Tensor[]] {
    const [previousOutput, previousCarry] = states;
    const h = this.dropState(previousOutput, options.training) as tf.Tensor2D;
    const z = tf.add(projected, tf.matMul(h, this.recurrentKernel as tf.Tensor2D));
    const [zInput, zForget, zCell, zOutput] = tf.split(z, 4, 1);
    const inputGate = this.recurrentActivation(zInput);
    const forgetGate = this.recurrentActivation(zForget);
    const carry = tf.add(tf.mul(forgetGate, previousCarry), tf.mul(inputGate, this.activation(zCell)));
    const outputGate = this.recurrentActivation(zOutput);
    const output = tf.mul(outputGate, this.activation(carry));
    return [output, [output, carry]];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      ...this.cellConfig(),
      recurrent_activation: serializeActivation(this.recurrentActivation, this.name),
      unit_forget_bias: this.unitForgetBias,
    };
  }

  static fromConfig(config: Record<string, unknown>): LSTMCell {
    return new LSTMCell(config.units as number, { ...layerArgsFromConfig(config), ...lstmCellArgsFromConfig(config) });
  }
}

export function lstmCellArgsFromConfig(config: Record<string, unknown>): LSTMCellArgs {
  return {
    ...cellArgsFromConfig(config),
    recurrentActivation: config.recurrent_activation as string | null | undefined,
    unitForgetBias: config.unit_forget_bias as boolean | undefined,
  };
}
