import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface AdamaxOptions extends OptimizerOptions {
  /** Decay rate of the first-moment estimate. Default `0.9`. */
  beta1?: number;
  /** Decay rate of the exponentially weighted infinity norm. Default `0.999`. */
  beta2?: number;
  /** A small constant for numerical stability. Default `1e-7`. */
  epsilon?: number;
}

/** Keras's Adamax: `m += (g-m)(1-β1)`, `u = max(β2·u, |g|)`, `w -= lr·m / ((1-β1^t)(u+ε))`. */
export class Adamax extends Optimizer {
  static override className = 'Adamax';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private momentums: tf.Variable[] = [];
  private norms: tf.Variable[] = [];

  constructor(options: AdamaxOptions = {}) {
    super(options, 0.001, ['beta1', 'beta2', 'epsilon']);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected buildSlots(): void {
    [this.momentums, this.norms] = this.addSlotVariables(['momentum', 'norm']);
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const beta1Power = Math.fround(this.beta1) ** (this.iterations + 1);
    const momentum = this.momentums[index];
    const norm = this.norms[index];
    momentum.assign(tf.add(momentum, tf.mul(tf.sub(gradient, momentum), 1 - this.beta1)));
    norm.assign(tf.maximum(tf.mul(norm, this.beta2), tf.abs(gradient)));
    const denominator = tf.mul(tf.add(norm, this.epsilon), 1 - beta1Power);
    variable.assign(tf.sub(variable, tf.div(tf.mul(momentum, learningRate), denominator)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
