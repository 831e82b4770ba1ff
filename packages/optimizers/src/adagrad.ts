import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface AdagradOptions extends OptimizerOptions {
  /** Starting value of the accumulators; defaults to 0.1. */
  initialAccumulatorValue?: number;
  /** A small constant for numerical stability. Default `1e-7`. */
  epsilon?: number;
}

/** Keras's Adagrad: `acc += g²`, `w -= lr·g / sqrt(acc + ε)` (ε inside the root, as Keras). */
export class Adagrad extends Optimizer {
  static override className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  private accumulators: tf.Variable[] = [];

  constructor(options: AdagradOptions = {}) {
    super(options, 0.001, ['initialAccumulatorValue', 'epsilon']);
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0.1;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected buildSlots(): void {
    this.accumulators = this.addSlotVariables(['accumulator'], this.initialAccumulatorValue)[0];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const accumulator = this.accumulators[index];
    accumulator.assign(tf.add(accumulator, tf.square(gradient)));
    variable.assign(tf.sub(variable, tf.div(tf.mul(gradient, learningRate), tf.sqrt(tf.add(accumulator, this.epsilon)))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), initial_accumulator_value: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
