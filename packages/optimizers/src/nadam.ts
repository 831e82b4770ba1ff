import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface NadamOptions extends OptimizerOptions {
  /** Decay rate of the first-moment estimate. Default `0.9`. */
  beta1?: number;
  /** Decay rate of the second-moment estimate. Default `0.999`. */
  beta2?: number;
  /** A small constant for numerical stability. Default `1e-7`. */
  epsilon?: number;
}

/**
 * Keras's Nadam (Dozat 2015): Adam with Nesterov momentum and the momentum
 * schedule `u_t = β1(1 - 0.5·0.96^t)`. Keras keeps the running product of `u_t` in
 * an extra scalar variable, created after the slots; Keras leaves it unnamed, we
 * call it `u_product`.
 */
export class Nadam extends Optimizer {
  static override className = 'Nadam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private momentums: tf.Variable[] = [];
  private velocities: tf.Variable[] = [];
  private momentumProduct: tf.Variable | null = null;

  constructor(options: NadamOptions = {}) {
    super(options, 0.001, ['beta1', 'beta2', 'epsilon']);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected buildSlots(): void {
    [this.momentums, this.velocities] = this.addSlotVariables(['momentum', 'velocity']);
    this.momentumProduct = this.addVariable('u_product', [], 1, 'float32');
  }

  private momentumAt(step: number): number {
    return this.beta1 * (1 - 0.5 * 0.96 ** step);
  }

  /** Keras's `_backend_update_step`: the product advances once per step, before the variables. */
  protected override beforeUpdateSteps(): void {
    const product = this.momentumProduct as tf.Variable;
    product.assign(tf.mul(product, this.momentumAt(this.iterations + 1)));
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const localStep = this.iterations + 1;
    const momentumNow = this.momentumAt(localStep);
    const momentumNext = this.momentumAt(localStep + 1);
    const productNow = this.momentumProduct as tf.Variable;
    const productNext = tf.mul(productNow, momentumNext);
    const beta2Power = Math.fround(this.beta2) ** localStep;
    const momentum = this.momentums[index];
    const velocity = this.velocities[index];
    momentum.assign(tf.add(momentum, tf.mul(tf.sub(gradient, momentum), 1 - this.beta1)));
    velocity.assign(tf.add(velocity, tf.mul(tf.sub(tf.square(gradient), velocity), 1 - this.beta2)));
    const momentumHat = tf.add(
      tf.div(tf.mul(momentum, momentumNext), tf.sub(1, productNext)),
      tf.div(tf.mul(gradient, 1 - momentumNow), tf.sub(1, productNow)),
    );
    const velocityHat = tf.div(velocity, 1 - beta2Power);
    variable.assign(tf.sub(variable, tf.div(tf.mul(momentumHat, learningRate), tf.add(tf.sqrt(velocityHat), this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}
