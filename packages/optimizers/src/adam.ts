import * as tf from '@tensorflow/tfjs-core';
import { fusedOptimizerUpdate } from '@strata/backend';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface AdamOptions extends OptimizerOptions {
  /** Decay rate of the first-moment estimate. Default `0.9`. */
  beta1?: number;
  /** Decay rate of the second-moment estimate. Default `0.999`. */
  beta2?: number;
  /** Defaults to 1e-7 ("epsilon hat", added to sqrt(v)). */
  epsilon?: number;
  /** Uses the AMSGrad variant (the maximum of past second moments). Default `false`. */
  amsgrad?: boolean;
}

/**
 * Keras's Adam: `m += (g - m)(1-β1)`, `v += (g² - v)(1-β2)`,
 * `w -= lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v) + ε)`; AMSGrad uses the running
 * maximum of v.
 */
export class Adam extends Optimizer {
  static override className = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  private momentums: tf.Variable[] = [];
  private velocities: tf.Variable[] = [];
  private velocityHats: tf.Variable[] = [];

  constructor(options: AdamOptions = {}) {
    super(options, 0.001, ['beta1', 'beta2', 'epsilon', 'amsgrad']);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.amsgrad = options.amsgrad ?? false;
  }

  protected buildSlots(): void {
    [this.momentums, this.velocities] = this.addSlotVariables(['momentum', 'velocity']);
    if (this.amsgrad) this.velocityHats = this.addSlotVariables(['velocity_hat'])[0];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const localStep = this.iterations + 1;
    const beta1Power = Math.fround(this.beta1) ** localStep;
    const beta2Power = Math.fround(this.beta2) ** localStep;
    const ratio = Math.sqrt(1 - beta2Power) / (1 - beta1Power);
    const momentum = this.momentums[index];
    let velocity: tf.Variable = this.velocities[index];
    const fused = fusedOptimizerUpdate(
      'adam',
      gradient,
      { variable, momentum, velocity, velocityHat: this.amsgrad ? this.velocityHats[index] : undefined },
      // The op chain's float32 scalars: alpha = float32(lr) · float32(ratio).
      { alpha: Math.fround(Math.fround(this.learningRate) * Math.fround(ratio)), oneMinusBeta1: 1 - this.beta1, oneMinusBeta2: 1 - this.beta2, epsilon: this.epsilon },
    );
    if (fused) return;
    const alpha = tf.mul(learningRate, ratio);
    momentum.assign(tf.add(momentum, tf.mul(tf.sub(gradient, momentum), 1 - this.beta1)));
    velocity.assign(tf.add(velocity, tf.mul(tf.sub(tf.square(gradient), velocity), 1 - this.beta2)));
    if (this.amsgrad) {
      const velocityHat = this.velocityHats[index];
      velocityHat.assign(tf.maximum(velocityHat, velocity));
      velocity = velocityHat;
    }
    variable.assign(tf.sub(variable, tf.div(tf.mul(momentum, alpha), tf.add(tf.sqrt(velocity), this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      beta_1: this.beta1,
      beta_2: this.beta2,
      epsilon: this.epsilon,
      amsgrad: this.amsgrad,
    };
  }
}
