import * as tf from '@tensorflow/tfjs-core';
import { type Initializer, type InitializerIdentifier, getInitializer } from '../initializers';
import { uniqueName } from './names';
import { formatShape } from './shape';
import { LayerVariable } from './variable';

/** Keras's ValueError for a Variable argument or assignment it cannot take. */
export class VariableError extends Error {
  override readonly name = 'ValueError';
}

/** What a Variable starts from: a tensor or nested numbers, or an initializer (a name, an Initializer) with a `shape`. */
export type VariableInitializer = tf.Tensor | tf.TensorLike | InitializerIdentifier;

export interface VariableOptions {
  /** The shape, required with an initializer; taken from the value otherwise. */
  shape?: number[];
  /** Default float32 with an initializer, the value's dtype otherwise. */
  dtype?: tf.DataType;
  /** Default true. */
  trainable?: boolean;
  /** Default `variable`, made unique (`variable_1`...), as Keras names it. Cannot contain `/`. */
  name?: string;
}

function isInitializer(value: VariableInitializer): value is InitializerIdentifier {
  if (typeof value === 'string') return true;
  return typeof value === 'object' && value !== null && !(value instanceof tf.Tensor) && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/**
 * Keras's `keras.Variable` on its own, outside a layer: a named, trainable
 * value with Keras's `assign`, `assignAdd`, `assignSub`, `value`, `shape`,
 * `ndim`, `dtype`, `trainable`, `name`, `path` and `numpy`. It is a
 * LayerVariable, so optimizers and `computeGradients` take it as they take a
 * layer's weights. Call `dispose()` when done.
 */
export class Variable extends LayerVariable {
  constructor(initializer: VariableInitializer, options: VariableOptions = {}) {
    const name = options.name ?? uniqueName('variable');
    if (typeof name !== 'string' || name.includes('/')) {
      throw new VariableError(`Argument \`name\` must be a string and cannot contain character \`/\`. Received: name=${String(name)}`);
    }
    let initial: tf.Tensor;
    if (isInitializer(initializer)) {
      const shape = options.shape;
      if (shape === undefined) {
        throw new VariableError(
          `When creating a Variable from an initializer, the \`shape\` argument should be specified. Received: initializer=${typeof initializer === 'string' ? initializer : (initializer as Initializer).constructor.name} and shape=None`,
        );
      }
      Variable.checkShape(shape, name);
      initial = getInitializer(initializer).call(shape, options.dtype ?? 'float32');
    } else if (initializer instanceof tf.Tensor) {
      initial = options.dtype && options.dtype !== initializer.dtype ? tf.cast(initializer, options.dtype) : tf.clone(initializer);
    } else {
      initial = tf.tensor(initializer as tf.TensorLike, undefined, options.dtype);
    }
    try {
      super(initial, { name, path: name, trainable: options.trainable ?? true });
    } finally {
      initial.dispose();
    }
  }

  private static checkShape(shape: number[], path: string): void {
    if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new VariableError(
        `Shapes used to initialize variables must be fully-defined (no \`None\` dimensions). Received: shape=${formatShape(shape.map((d) => (Number.isInteger(d) ? d : null)))} for variable path='${path}'`,
      );
    }
  }

  /** The number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /**
   * Replaces the value; it must have the variable's shape (Keras's message
   * otherwise). Takes a tensor (the caller keeps it) or nested numbers, and
   * casts to the variable's dtype.
   */
  override assign(value: tf.Tensor | tf.TensorLike): void {
    tf.tidy(() => {
      const tensor = value instanceof tf.Tensor ? value : tf.tensor(value as tf.TensorLike);
      if (tensor.shape.length !== this.shape.length || tensor.shape.some((d, i) => d !== this.shape[i])) {
        throw new VariableError(
          `The shape of the target variable and the shape of the target value in \`variable.assign(value)\` must match. variable.shape=${formatShape(this.shape)}, Received: value.shape=${formatShape(tensor.shape)}. Target variable: ${this.toString()}`,
        );
      }
      super.assign(tensor.dtype === this.dtype ? tensor : tf.cast(tensor, this.dtype));
    });
  }

  /** Adds to the value in place (Keras's `assign_add`). */
  assignAdd(value: tf.Tensor | tf.TensorLike): void {
    tf.tidy(() => this.assign(tf.add(this.value, value instanceof tf.Tensor ? value : tf.tensor(value as tf.TensorLike))));
  }

  /** Subtracts from the value in place (Keras's `assign_sub`). */
  assignSub(value: tf.Tensor | tf.TensorLike): void {
    tf.tidy(() => this.assign(tf.sub(this.value, value instanceof tf.Tensor ? value : tf.tensor(value as tf.TensorLike))));
  }

  /** The value read back as nested arrays (a number for a scalar), as Keras's `numpy()`. */
  numpy(): number | number[] | number[][] | number[][][] | unknown[] {
    return this.value.arraySync() as number | number[];
  }

  /** Keras's repr: `<Variable path=v, shape=(2,), dtype=float32, value=[1, 2]>`. */
  override toString(): string {
    let value = '';
    if (!this.value.isDisposed) value = `, value=${JSON.stringify(this.value.arraySync())}`;
    return `<Variable path=${this.path}, shape=${formatShape(this.shape)}, dtype=${this.dtype}${value}>`;
  }
}
