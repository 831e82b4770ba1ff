import * as tf from '@tensorflow/tfjs-core';
import { fusedOptimizerUpdate } from '@strata/backend';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface RMSpropOptions extends OptimizerOptions {
  /** Discounting factor of the squared-gradient average; defaults to 0.9. */
  rho?: number;
  /** Momentum of the update (0 for none). Default `0`. */
  momentum?: number;
  /** Defaults to 1e-7. Keras adds it inside the square root (see below). */
  epsilon?: number;
  /** Normalises gradients by an estimate of their variance rather than of their second moment; can help training, costs one more slot. Default `false`. */
  centered?: boolean;
}

/**
 * Keras's RMSprop: `v = rho*v + (1-rho)*g²`, then `w -= lr*g / sqrt(v + epsilon)`.
 * Keras puts epsilon **inside** the square root (tfjs and PyTorch add it outside);
 * we copy Keras, which changes the first step by up to 3e-3. Centered subtracts the
 * squared running mean gradient; momentum accumulates the increments.
 */
export class RMSprop extends Optimizer {
  static override className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  private velocities: tf.Variable[] = [];
  private momentums: tf.Variable[] = [];
  private averageGradients: tf.Variable[] = [];

  constructor(options: RMSpropOptions = {}) {
    super(options, 0.001, ['rho', 'momentum', 'epsilon', 'centered']);
    this.rho = options.rho ?? 0.9;
    this.momentum = options.momentum ?? 0;
    this.epsilon = options.epsilon ?? 1e-7;
    this.centered = options.centered ?? false;
  }

  protected buildSlots(): void {
    // Three separate Keras calls, so all velocities come first, then momentums, then averages.
    this.velocities = this.addSlotVariables(['velocity'])[0];
    if (this.momentum > 0) this.momentums = this.addSlotVariables(['momentum'])[0];
    if (this.centered) this.averageGradients = this.addSlotVariables(['average_gradient'])[0];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const velocity = this.velocities[index];
    const fused = fusedOptimizerUpdate(
      'rmsprop',
      gradient,
      {
        variable,
        velocity,
        averageGradient: this.centered ? this.averageGradients[index] : undefined,
        momentum: this.momentum > 0 ? this.momentums[index] : undefined,
      },
      { learningRate: this.learningRate, rho: this.rho, oneMinusRho: 1 - this.rho, epsilon: this.epsilon, momentum: this.momentum },
    );
    if (fused) return;
    velocity.assign(tf.add(tf.mul(velocity, this.rho), tf.mul(tf.square(gradient), 1 - this.rho)));
    let denominator: tf.Tensor;
    if (this.centered) {
      const averageGradient = this.averageGradients[index];
      averageGradient.assign(tf.add(tf.mul(averageGradient, this.rho), tf.mul(gradient, 1 - this.rho)));
      denominator = tf.add(tf.sub(velocity, tf.square(averageGradient)), this.epsilon);
    } else {
      denominator = tf.add(velocity, this.epsilon);
    }
    const increment = tf.div(tf.mul(gradient, learningRate), tf.sqrt(denominator));
    if (this.momentum > 0) {
      const momentum = this.momentums[index];
      momentum.assign(tf.add(tf.mul(momentum, this.momentum), increment));
      variable.assign(tf.sub(variable, momentum));
    } else {
      variable.assign(tf.sub(variable, increment));
    }
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      rho: this.rho,
      momentum: this.momentum,
      epsilon: this.epsilon,
      centered: this.centered,
    };
  }
}
