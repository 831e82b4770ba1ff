import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface AdadeltaOptions extends OptimizerOptions {
  /** Decay rate; defaults to 0.95. */
  rho?: number;
  /** A small constant for numerical stability. Default `1e-7`. */
  epsilon?: number;
}

/**
 * Keras's Adadelta (default learning rate 0.001; the paper's form is 1.0):
 * `E[g²] = ρE[g²] + (1-ρ)g²`, `Δ = -sqrt(E[Δ²]+ε)/sqrt(E[g²]+ε) · g`,
 * `E[Δ²] = ρE[Δ²] + (1-ρ)Δ²`, `w += lr·Δ`.
 */
export class Adadelta extends Optimizer {
  static override className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;
  private accumulatedGradients: tf.Variable[] = [];
  private accumulatedDeltas: tf.Variable[] = [];

  constructor(options: AdadeltaOptions = {}) {
    super(options, 0.001, ['rho', 'epsilon']);
    this.rho = options.rho ?? 0.95;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected buildSlots(): void {
    [this.accumulatedGradients, this.accumulatedDeltas] = this.addSlotVariables(['accumulated_grad', 'accumulated_delta_var']);
  }

  private rootMeanSquare(value: tf.Tensor): tf.Tensor {
    return tf.sqrt(tf.add(value, this.epsilon));
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const accumulatedGradient = this.accumulatedGradients[index];
    const accumulatedDelta = this.accumulatedDeltas[index];
    accumulatedGradient.assign(tf.add(tf.mul(accumulatedGradient, this.rho), tf.mul(tf.square(gradient), 1 - this.rho)));
    const delta = tf.neg(
      tf.div(tf.mul(this.rootMeanSquare(accumulatedDelta), gradient), this.rootMeanSquare(accumulatedGradient)),
    );
    accumulatedDelta.assign(tf.add(tf.mul(accumulatedDelta, this.rho), tf.mul(tf.square(delta), 1 - this.rho)));
    variable.assign(tf.add(variable, tf.mul(delta, learningRate)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
