import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface ScheduleFreeAdamWOptions extends OptimizerOptions {
  /** Decay rate of the first moment, and the interpolation between `momentum` and the average `x`. Default `0.9`. */
  beta1?: number;
  /** Decay rate of the second-moment estimate. Default `0.999`. */
  beta2?: number;
  /** Added to the bias-corrected `sqrt(v)`. Default `1e-8`. */
  epsilon?: number;
  /** The learning rate rises linearly from 0 over this many steps. Default `0`. */
  warmupSteps?: number;
}

/**
 * Keras's ScheduleFreeAdamW (Defazio et al., 2024): no learning-rate schedule. The slot `momentum` (z) starts
 * at the weights and takes the Adam-scaled gradient steps; the averaged sequence x is never stored, it is
 * recovered from the weights y = (1-β1)·z + β1·x. Each step, with c = 1/t:
 * `z -= lr·g / (sqrt(v / (1-β2^t)) + ε)`, `x = (1-c)·x + c·z`, `y = (1-β1)·z + β1·x`.
 * Its default learning rate is 0.0025 (Keras's).
 *
 * A quirk copied on purpose: Keras's `update_step` keeps `momentum_old = momentum.value`, but on the torch
 * backend (the one Strata's golden files come from) that is the same tensor that `assign_sub` then updates in
 * place, so x is recovered from the *updated* z. We do the same, so the weights match Keras 3.15.1 step for
 * step (golden/train-api.json); the paper, and Keras on JAX or TensorFlow, use the z from before the step.
 */
export class ScheduleFreeAdamW extends Optimizer {
  static override className = 'ScheduleFreeAdamW';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly warmupSteps: number;
  private momentums: tf.Variable[] = [];
  private velocities: tf.Variable[] = [];

  constructor(options: ScheduleFreeAdamWOptions = {}) {
    super(options, 0.0025, ['beta1', 'beta2', 'epsilon', 'warmupSteps']);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.warmupSteps = options.warmupSteps ?? 0;
    if (!Number.isInteger(this.warmupSteps) || this.warmupSteps < 0) {
      throw new Error(`ScheduleFreeAdamW: argument \`warmupSteps\` must be an integer >= 0. Received: warmupSteps=${this.warmupSteps}.`);
    }
  }

  protected buildSlots(): void {
    [this.momentums, this.velocities] = this.addSlotVariables(['momentum', 'velocity']);
    // Keras starts z at the weights (a copy, not zeros).
    this.trainedVariables.forEach(({ variable }, i) => {
      this.momentums[i].assign(variable);
    });
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const localStep = this.iterations + 1;
    const rate = this.warmupSteps > 0 ? tf.mul(learningRate, Math.min(localStep / this.warmupSteps, 1)) : learningRate;
    const momentum = this.momentums[index];
    const velocity = this.velocities[index];
    const biasCorrection2 = 1 - Math.fround(this.beta2) ** localStep;
    velocity.assign(tf.add(velocity, tf.mul(tf.sub(tf.square(gradient), velocity), 1 - this.beta2)));
    const denominator = tf.add(tf.sqrt(tf.div(velocity, biasCorrection2)), this.epsilon);
    momentum.assign(tf.sub(momentum, tf.div(tf.mul(rate, gradient), denominator)));
    const weight = 1 / localStep;
    // `momentum` is already updated here: see the class comment (Keras's torch aliasing).
    const xOld = tf.div(tf.sub(variable, tf.mul(momentum, 1 - this.beta1)), this.beta1);
    const xNew = tf.add(tf.mul(xOld, 1 - weight), tf.mul(momentum, weight));
    variable.assign(tf.add(tf.mul(momentum, 1 - this.beta1), tf.mul(xNew, this.beta1)));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      beta_1: this.beta1,
      beta_2: this.beta2,
      epsilon: this.epsilon,
      warmup_steps: this.warmupSteps,
    };
  }
}
