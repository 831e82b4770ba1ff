/** Initializers with fixed values: Keras's `constant_initializers.py`. */
import * as tf from '@tensorflow/tfjs-core';
import { assertShape, Initializer } from './initializer';

export class Zeros extends Initializer {
  static override className = 'Zeros';

  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    assertShape(this, shape);
    return tf.zeros(shape, dtype);
  }
}

export class Ones extends Initializer {
  static override className = 'Ones';

  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    assertShape(this, shape);
    return tf.ones(shape, dtype);
  }
}

/** Fills with one scalar value (Keras allows scalars only). */
export class Constant extends Initializer {
  static override className = 'Constant';
  readonly value: number;

  constructor(value = 0) {
    super();
    if (typeof value !== 'number') throw new Error(`Constant initializer expects a scalar number; received ${String(value)}.`);
    this.value = value;
  }

  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    assertShape(this, shape);
    return tf.fill(shape, this.value, dtype);
  }

  override getConfig(): Record<string, unknown> {
    return { value: this.value };
  }
}

export interface IdentityInitializerArgs {
  /** Multiplies the identity matrix. */
  gain?: number;
}

/**
 * `gain` times the identity matrix, for 2D shapes only (a non-square shape
 * gets ones on the main diagonal). Keras names it `Identity` (also exported
 * as `IdentityInitializer`); here it is `IdentityInitializer` alone, so that
 * it does not clash with the `Identity` layer in the package's root exports.
 */
export class IdentityInitializer extends Initializer {
  static override className = 'Identity';
  readonly gain: number;

  constructor(args: IdentityInitializerArgs = {}) {
    super();
    this.gain = args.gain ?? 1;
  }

  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    assertShape(this, shape);
    if (shape.length !== 2) {
      throw new Error(
        `Identity matrix initializer can only be used for 2D matrices. Received: shape=[${shape.join(', ')}] of rank ${shape.length}.`,
      );
    }
    return tf.tidy(() => tf.cast(tf.mul(tf.eye(shape[0], shape[1]), this.gain), dtype));
  }

  override getConfig(): Record<string, unknown> {
    return { gain: this.gain };
  }
}
