import * as tf from '@tensorflow/tfjs-core';
import type { Constraint } from '../constraints';
import type { Regularizer } from '../regularizers';

export interface LayerVariableOptions {
  /** The variable's own name (`kernel`, `bias`). */
  name: string;
  /** Keras's variable path, `sequential/dense/kernel`: the name scopes it was created in. */
  path: string;
  /** Whether training updates the variable. */
  trainable: boolean;
  /** A penalty on the variable added to the model's losses. Default `null`. */
  regularizer?: Regularizer | null;
  /** A projection applied to the variable after each optimizer update. Default `null`. */
  constraint?: Constraint | null;
}

/**
 * A layer weight: a tfjs Variable plus what Keras keeps beside it (name, path,
 * trainable flag, regularizer, constraint). The tfjs variable gets an
 * engine-unique name because tfjs refuses two variables with the same name,
 * while Keras allows two layers called `dense` in two models.
 */
export class LayerVariable {
  readonly name: string;
  readonly path: string;
  readonly regularizer: Regularizer | null;
  readonly constraint: Constraint | null;
  private ownTrainable: boolean;
  readonly value: tf.Variable;

  constructor(initial: tf.Tensor, options: LayerVariableOptions) {
    this.name = options.name;
    this.path = options.path;
    this.ownTrainable = options.trainable;
    this.regularizer = options.regularizer ?? null;
    this.constraint = options.constraint ?? null;
    this.value = tf.variable(initial, options.trainable);
  }

  get trainable(): boolean {
    return this.ownTrainable;
  }

  set trainable(value: boolean) {
    this.ownTrainable = value;
    this.value.trainable = value;
  }

  get shape(): number[] {
    return this.value.shape;
  }

  get dtype(): tf.DataType {
    return this.value.dtype;
  }

  read(): tf.Tensor {
    return this.value;
  }

  /** Assigns a new value of the same shape; the caller keeps ownership of `value`. */
  assign(value: tf.Tensor): void {
    this.value.assign(value);
  }

  dispose(): void {
    this.value.dispose();
  }
}
