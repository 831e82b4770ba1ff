import { checkNoSnakeCaseKeys } from '@strata/ops/options';
import * as tf from '@tensorflow/tfjs-core';

export interface MetricOptions {
  /** The metric's name, the key of its value in the logs (`"accuracy"`, `"val_accuracy"`). Default: the snake_case class name. */
  name?: string;
}

/**
 * The Keras `Metric` base class: state lives in non-trainable tf.Variables that
 * `updateState` changes on the device, so a training loop never reads data back
 * until it asks for `result()`.
 */
export abstract class Metric {
  readonly name: string;
  /** Keras's class name, written to configs as `class_name`. Subclasses set their own, as layers do. */
  static className = 'Metric';
  /** The class's `static className`: one convention for layers, losses, metrics, optimizers and schedules. */
  get className(): string {
    return (this.constructor as typeof Metric).className;
  }
  private stateVariables: tf.Variable[] = [];

  constructor(options: MetricOptions, defaultName: string) {
    // Subclasses add their own options, so the base refuses what is never right: Keras's snake_case keys (`from_logits`).
    checkNoSnakeCaseKeys(this.constructor.name, options);
    this.name = options.name ?? defaultName;
  }

  /** The state variables, in creation order (Keras's `metric.variables`). */
  get variables(): readonly tf.Variable[] {
    return this.stateVariables;
  }

  /** Creates a zero-initialised, non-trainable state variable that `resetState` and `dispose` manage. */
  protected addVariable(shape: number[]): tf.Variable {
    // tidy frees the zeros tensor; the variable keeps its own reference to the data.
    const variable = tf.tidy(() => tf.variable(tf.zeros(shape), false));
    this.stateVariables.push(variable);
    return variable;
  }

  /** Accumulates a batch. Callable inside or outside a tidy; it leaves no tensor behind. */
  abstract updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void;

  /** The current value, as a new tensor that the caller disposes. */
  abstract result(): tf.Tensor;

  resetState(): void {
    tf.tidy(() => {
      for (const variable of this.stateVariables) variable.assign(tf.zerosLike(variable));
    });
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }

  /** Frees the state variables; the metric cannot be used afterwards. */
  dispose(): void {
    for (const variable of this.stateVariables) variable.dispose();
    this.stateVariables = [];
  }
}
