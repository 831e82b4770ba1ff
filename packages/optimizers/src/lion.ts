import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface LionOptions extends OptimizerOptions {
  /** Weight of the momentum in the update direction; defaults to 0.9, must be in (0, 1]. */
  beta1?: number;
  /** Decay of the momentum; defaults to 0.99. */
  beta2?: number;
}

/** Keras's Lion: `w -= lr·sign(β1·m + (1-β1)·g)`, then `m = β2·m + (1-β2)·g`. */
export class Lion extends Optimizer {
  static override className = 'Lion';
  readonly beta1: number;
  readonly beta2: number;
  private momentums: tf.Variable[] = [];

  constructor(options: LionOptions = {}) {
    super(options, 0.001, ['beta1', 'beta2']);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.99;
    if (this.beta1 <= 0 || this.beta1 > 1) {
      throw new Error(
        `Lion: argument \`beta1\` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta1=${this.beta1}.`,
      );
    }
  }

  protected buildSlots(): void {
    this.momentums = this.addSlotVariables(['momentum'])[0];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const momentum = this.momentums[index];
    const direction = tf.sign(tf.add(tf.mul(momentum, this.beta1), tf.mul(gradient, 1 - this.beta1)));
    variable.assign(tf.sub(variable, tf.mul(direction, learningRate)));
    momentum.assign(tf.add(tf.mul(momentum, this.beta2), tf.mul(gradient, 1 - this.beta2)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2 };
  }
}
