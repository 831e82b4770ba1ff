import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface AdafactorOptions extends OptimizerOptions {
  /** Decay of the second-moment estimate: β2ₜ = 1 − t^beta2Decay. Default −0.8. */
  beta2Decay?: number;
  /** Added to squared gradients. Default 1e-30. */
  epsilon1?: number;
  /** Smallest weight scale. Default 1e-3. */
  epsilon2?: number;
  /** Largest RMS of an update. Default 1. */
  clipThreshold?: number;
  /** With a constant learning rate, use min(lr, 1/√t). Default true. */
  relativeStep?: boolean;
}

const rms = (x: tf.Tensor) => tf.sqrt(tf.mean(tf.square(x)));

/**
 * Keras's Adafactor (Shazeer & Stern, 2018): for a variable of rank ≥ 2 the second moment is factored into
 * row (`r`) and column (`c`) statistics instead of a full velocity, and updates are clipped by their RMS.
 */
export class Adafactor extends Optimizer {
  static override className = 'Adafactor';
  readonly beta2Decay: number;
  readonly epsilon1: number;
  readonly epsilon2: number;
  readonly clipThreshold: number;
  readonly relativeStep: boolean;
  private rows: Array<tf.Variable | null> = [];
  private columns: Array<tf.Variable | null> = [];
  private velocities: tf.Variable[] = [];

  constructor(options: AdafactorOptions = {}) {
    super(options, 0.001, ['beta2Decay', 'epsilon1', 'epsilon2', 'clipThreshold', 'relativeStep']);
    this.beta2Decay = options.beta2Decay ?? -0.8;
    this.epsilon1 = options.epsilon1 ?? 1e-30;
    this.epsilon2 = options.epsilon2 ?? 1e-3;
    this.clipThreshold = options.clipThreshold ?? 1;
    this.relativeStep = options.relativeStep ?? true;
  }

  protected buildSlots(): void {
    this.rows = [];
    this.columns = [];
    this.velocities = [];
    // Keras's order, variable by variable: r and c (named after the variable), then the velocity.
    for (const { variable, path } of this.trainedVariables) {
      const shape = variable.shape;
      if (shape.length >= 2) {
        const name = path.split('/').pop() ?? path;
        this.rows.push(this.addVariable(name, shape.slice(0, -1), 0, 'float32'));
        this.columns.push(this.addVariable(name, [...shape.slice(0, -2), shape[shape.length - 1]], 0, 'float32'));
      } else {
        // Keras keeps scalar placeholders for r and c here; they are never updated but are saved.
        const name = path.split('/').pop() ?? path;
        this.addVariable(name, [], 0, 'float32');
        this.addVariable(name, [], 0, 'float32');
        this.rows.push(null);
        this.columns.push(null);
      }
      this.velocities.push(this.addVariable(`${path.replace(/\//g, '_')}_velocity`, shape, 0, 'float32'));
    }
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const localStep = this.iterations + 1;
    const inverseRootStep = 1 / Math.sqrt(localStep);
    let lr: tf.Tensor = learningRate;
    if (this.learningRateSchedule === null && this.relativeStep) lr = tf.minimum(lr, inverseRootStep);
    const rho = tf.minimum(lr, inverseRootStep);
    const alpha = tf.mul(tf.maximum(this.epsilon2, rms(variable)), rho);
    const squared = tf.add(tf.square(gradient), this.epsilon1);
    const beta2 = 1 - localStep ** this.beta2Decay;
    const velocity = this.velocities[index];
    const row = this.rows[index];
    const column = this.columns[index];
    if (row !== null && column !== null) {
      row.assign(tf.add(tf.mul(beta2, row), tf.mul(1 - beta2, tf.mean(squared, -1))));
      column.assign(tf.add(tf.mul(beta2, column), tf.mul(1 - beta2, tf.mean(squared, -2))));
      const rowShare = tf.div(row, tf.mean(row, -1, true));
      velocity.assign(tf.mul(tf.expandDims(rowShare, -1), tf.expandDims(column, -2)));
    } else {
      velocity.assign(tf.add(tf.mul(beta2, velocity), tf.mul(1 - beta2, squared)));
    }
    const direction = tf.div(gradient, tf.sqrt(velocity));
    const clipped = tf.div(direction, tf.maximum(1, tf.div(rms(direction), this.clipThreshold)));
    variable.assign(tf.sub(variable, tf.mul(alpha, clipped)));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      beta_2_decay: this.beta2Decay,
      epsilon_1: this.epsilon1,
      epsilon_2: this.epsilon2,
      clip_threshold: this.clipThreshold,
      relative_step: this.relativeStep,
    };
  }
}
