import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface FtrlOptions extends OptimizerOptions {
  /** How the per-coordinate learning rate shrinks with the accumulated squared gradient; ≤ 0. Default −0.5. */
  learningRatePower?: number;
  /** Starting value of the accumulators; ≥ 0. Default 0.1. */
  initialAccumulatorValue?: number;
  /** L1 regularization strength; ≥ 0. Default 0. */
  l1RegularizationStrength?: number;
  /** L2 regularization strength; ≥ 0. Default 0. */
  l2RegularizationStrength?: number;
  /** L2 shrinkage strength (applied to the gradient, not the loss); ≥ 0. Default 0. */
  l2ShrinkageRegularizationStrength?: number;
  /** FTRL-Proximal's β. Default 0. */
  beta?: number;
}

function requireNonNegative(name: string, value: number): void {
  if (value < 0) throw new RangeError(`Ftrl: \`${name}\` needs to be positive or zero. Received: ${name}=${value}.`);
}

/** Keras's Ftrl (follow the regularized leader, McMahan et al. 2013), update rule line for line. */
export class Ftrl extends Optimizer {
  static override className = 'Ftrl';
  readonly learningRatePower: number;
  readonly initialAccumulatorValue: number;
  readonly l1RegularizationStrength: number;
  readonly l2RegularizationStrength: number;
  readonly l2ShrinkageRegularizationStrength: number;
  readonly beta: number;
  private accumulators: tf.Variable[] = [];
  private linears: tf.Variable[] = [];

  constructor(options: FtrlOptions = {}) {
    super(options, 0.001, [
      'learningRatePower',
      'initialAccumulatorValue',
      'l1RegularizationStrength',
      'l2RegularizationStrength',
      'l2ShrinkageRegularizationStrength',
      'beta',
    ]);
    this.learningRatePower = options.learningRatePower ?? -0.5;
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0.1;
    this.l1RegularizationStrength = options.l1RegularizationStrength ?? 0;
    this.l2RegularizationStrength = options.l2RegularizationStrength ?? 0;
    this.l2ShrinkageRegularizationStrength = options.l2ShrinkageRegularizationStrength ?? 0;
    this.beta = options.beta ?? 0;
    requireNonNegative('initial_accumulator_value', this.initialAccumulatorValue);
    if (this.learningRatePower > 0) {
      throw new RangeError(`Ftrl: \`learning_rate_power\` needs to be negative or zero. Received: learning_rate_power=${this.learningRatePower}.`);
    }
    requireNonNegative('l1_regularization_strength', this.l1RegularizationStrength);
    requireNonNegative('l2_regularization_strength', this.l2RegularizationStrength);
    requireNonNegative('l2_shrinkage_regularization_strength', this.l2ShrinkageRegularizationStrength);
  }

  protected buildSlots(): void {
    [this.accumulators, this.linears] = this.addSlotVariables(['accumulator', 'linear'], [this.initialAccumulatorValue, 0]);
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const accumulator = this.accumulators[index];
    const linear = this.linears[index];
    const power = -this.learningRatePower;
    const l2 = tf.add(this.l2RegularizationStrength, tf.div(this.beta, tf.mul(2, learningRate)));
    const shrunkGradient = tf.add(gradient, tf.mul(2 * this.l2ShrinkageRegularizationStrength, variable));
    const newAccumulator = tf.add(accumulator, tf.square(gradient));
    const sigma = tf.div(tf.sub(tf.pow(newAccumulator, power), tf.pow(accumulator, power)), learningRate);
    linear.assign(tf.add(linear, tf.sub(shrunkGradient, tf.mul(sigma, variable))));
    const quadratic = tf.add(tf.div(tf.pow(newAccumulator, power), learningRate), tf.mul(2, l2));
    const l1 = this.l1RegularizationStrength;
    variable.assign(tf.div(tf.sub(tf.clipByValue(linear, -l1, l1), linear), quadratic));
    accumulator.assign(newAccumulator);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      learning_rate_power: this.learningRatePower,
      initial_accumulator_value: this.initialAccumulatorValue,
      l1_regularization_strength: this.l1RegularizationStrength,
      l2_regularization_strength: this.l2RegularizationStrength,
      l2_shrinkage_regularization_strength: this.l2ShrinkageRegularizationStrength,
      beta: this.beta,
    };
  }
}
