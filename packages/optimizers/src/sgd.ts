import * as tf from '@tensorflow/tfjs-core';
import { fusedOptimizerUpdate } from '@strata/backend';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface SGDOptions extends OptimizerOptions {
  /** Defaults to 0 (plain gradient descent); must be in [0, 1]. */
  momentum?: number;
  /** Applies Nesterov momentum. Default `false`. */
  nesterov?: boolean;
}

/**
 * Keras's SGD (default learning rate 0.01):
 * - `w -= lr * g` without momentum;
 * - `v = momentum * v - lr * g; w += v` with momentum;
 * - `w += momentum * v - lr * g` (after updating v) with Nesterov.
 */
export class SGD extends Optimizer {
  static override className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  private momentums: tf.Variable[] = [];

  constructor(options: SGDOptions = {}) {
    super(options, 0.01, ['momentum', 'nesterov']);
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    if (typeof this.momentum !== 'number' || this.momentum < 0 || this.momentum > 1) {
      throw new Error(`SGD: \`momentum\` must be a number between [0, 1]. Received: ${this.momentum}.`);
    }
  }

  protected buildSlots(): void {
    if (this.momentum !== 0) this.momentums = this.addSlotVariables(['momentum'])[0];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const fused = fusedOptimizerUpdate(
      'sgd',
      gradient,
      { variable, momentum: this.momentum !== 0 ? this.momentums[index] : undefined },
      { learningRate: this.learningRate, momentum: this.momentum, nesterov: this.nesterov },
    );
    if (fused) return;
    const step = tf.mul(gradient, learningRate);
    if (this.momentum === 0) {
      variable.assign(tf.sub(variable, step));
      return;
    }
    const momentum = this.momentums[index];
    momentum.assign(tf.sub(tf.mul(momentum, this.momentum), step));
    if (this.nesterov) {
      variable.assign(tf.add(variable, tf.sub(tf.mul(momentum, this.momentum), step)));
    } else {
      variable.assign(tf.add(variable, momentum));
    }
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
