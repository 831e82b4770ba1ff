import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface LambOptions extends OptimizerOptions {
  /** Decay rate of the first-moment estimate. Default `0.9`. */
  beta1?: number;
  /** Decay rate of the second-moment estimate. Default `0.999`. */
  beta2?: number;
  /** Added to the square root of the corrected velocity. Default 1e-7. */
  epsilon?: number;
}

/**
 * Keras's Lamb (You et al., 2019): Adam's bias-corrected direction, scaled per variable by the trust ratio
 * ‖w‖ / ‖update‖ (1 when either norm is 0).
 */
export class Lamb extends Optimizer {
  static override className = 'Lamb';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private momentums: tf.Variable[] = [];
  private velocities: tf.Variable[] = [];

  constructor(options: LambOptions = {}) {
    super(options, 0.001, ['beta1', 'beta2', 'epsilon']);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected buildSlots(): void {
    [this.momentums, this.velocities] = this.addSlotVariables(['momentum', 'velocity']);
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const localStep = this.iterations + 1;
    const beta1Power = Math.fround(this.beta1) ** localStep;
    const beta2Power = Math.fround(this.beta2) ** localStep;
    const momentum = this.momentums[index];
    const velocity = this.velocities[index];
    momentum.assign(tf.add(momentum, tf.mul(tf.sub(gradient, momentum), 1 - this.beta1)));
    velocity.assign(tf.add(velocity, tf.mul(tf.sub(tf.square(gradient), velocity), 1 - this.beta2)));
    const corrected = tf.div(momentum, 1 - beta1Power);
    const denominator = tf.add(tf.sqrt(tf.div(velocity, 1 - beta2Power)), this.epsilon);
    const update = tf.div(corrected, denominator);
    const weightNorm = tf.sqrt(tf.sum(tf.square(variable)));
    const updateNorm = tf.sqrt(tf.sum(tf.square(update)));
    const one = tf.onesLike(weightNorm);
    const ratio = tf.where(tf.greater(weightNorm, 0), tf.where(tf.greater(updateNorm, 0), tf.div(weightNorm, updateNorm), one), one);
    variable.assign(tf.sub(variable, tf.mul(tf.mul(ratio, learningRate), update)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
