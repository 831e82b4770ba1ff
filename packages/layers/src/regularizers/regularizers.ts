/**
 * Weight penalties with Keras 3's definitions and config keys
 * (`keras/src/regularizers/regularizers.py`). `call(x)` returns the scalar
 * that a layer adds to the loss.
 */
import * as tf from '@tensorflow/tfjs-core';

export abstract class Regularizer {
  /** Keras's class name, written as `class_name` when serialized. */
  static className = 'Regularizer';

  abstract call(x: tf.Tensor): tf.Scalar;

  getConfig(): Record<string, unknown> {
    return {};
  }

  get className(): string {
    return (this.constructor as typeof Regularizer).className;
  }
}

/** Keras validates penalty factors as non-negative finite numbers (`validate_float_arg`). */
function checkFactor(owner: string, name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`Invalid value for argument ${name} of ${owner}: expected a non-negative float, received ${name}=${value}.`);
  }
  return value;
}

/** `l1 * sum(abs(x))`; `l1` defaults to 0.01 (also when null, as Keras). */
export class L1 extends Regularizer {
  static override className = 'L1';
  readonly l1: number;

  constructor(l1: number | null = 0.01) {
    super();
    this.l1 = checkFactor('L1', 'l1', l1 ?? 0.01);
  }

  call(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.mul(tf.sum(tf.abs(x)), this.l1));
  }

  override getConfig(): Record<string, unknown> {
    return { l1: this.l1 };
  }
}

/** `l2 * sum(square(x))`; `l2` defaults to 0.01 (also when null, as Keras). Note: no factor 1/2. */
export class L2 extends Regularizer {
  static override className = 'L2';
  readonly l2: number;

  constructor(l2: number | null = 0.01) {
    super();
    this.l2 = checkFactor('L2', 'l2', l2 ?? 0.01);
  }

  call(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.mul(tf.sum(tf.square(x)), this.l2));
  }

  override getConfig(): Record<string, unknown> {
    return { l2: this.l2 };
  }
}

export interface L1L2Args {
  /** The L1 factor: adds `l1 * sum(abs(x))`. Default `0`. */
  l1?: number | null;
  /** The L2 factor: adds `l2 * sum(square(x))`. Default `0`. */
  l2?: number | null;
}

/**
 * `l1 * sum(abs(x)) + l2 * sum(square(x))`. Both factors default to 0, as in
 * Keras 3 (Keras 2's `l1_l2()` helper defaulted both to 0.01).
 */
export class L1L2 extends Regularizer {
  static override className = 'L1L2';
  readonly l1: number;
  readonly l2: number;

  constructor(args: L1L2Args = {}) {
    super();
    this.l1 = checkFactor('L1L2', 'l1', args.l1 ?? 0);
    this.l2 = checkFactor('L1L2', 'l2', args.l2 ?? 0);
  }

  call(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      let penalty: tf.Scalar = tf.scalar(0);
      if (this.l1) penalty = tf.add(penalty, tf.mul(tf.sum(tf.abs(x)), this.l1));
      if (this.l2) penalty = tf.add(penalty, tf.mul(tf.sum(tf.square(x)), this.l2));
      return penalty;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { l1: this.l1, l2: this.l2 };
  }
}

export interface OrthogonalRegularizerArgs {
  /** Multiplies the mean absolute cosine similarity. */
  factor?: number;
  /** Whether the rows (`'rows'`) or the columns (`'columns'`) should be orthogonal. */
  mode?: 'rows' | 'columns';
}

/**
 * Pushes the rows (or columns) of a 2D weight towards orthogonality:
 * `factor * 0.5 * sum(|offdiag(V·Vᵀ)|) / (n (n - 1) / 2)` where V holds the
 * L2-normalized rows (or columns). Keras 3 only.
 */
export class OrthogonalRegularizer extends Regularizer {
  static override className = 'OrthogonalRegularizer';
  readonly factor: number;
  readonly mode: 'rows' | 'columns';

  constructor(args: OrthogonalRegularizerArgs = {}) {
    super();
    this.factor = checkFactor('OrthogonalRegularizer', 'factor', args.factor ?? 0.01);
    const mode = args.mode ?? 'rows';
    if (mode !== 'rows' && mode !== 'columns') {
      throw new Error(`Invalid value for argument mode of OrthogonalRegularizer: expected 'rows' or 'columns', received ${mode}.`);
    }
    this.mode = mode;
  }

  call(x: tf.Tensor): tf.Scalar {
    if (x.rank !== 2) {
      throw new Error(`Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=[${x.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const matrix = (this.mode === 'rows' ? x : tf.transpose(x)) as tf.Tensor2D;
      // Divide by the L2 norm, floored so that an all-zero row gives zeros, not 0/0.
      const norms = tf.sqrt(tf.maximum(tf.sum(tf.square(matrix), 1, true), 1e-14));
      const unit = tf.div(matrix, norms) as tf.Tensor2D;
      const product = tf.matMul(unit, unit, false, true);
      const size = product.shape[0];
      const offDiagonal = tf.mul(product, tf.sub(1, tf.eye(size)));
      const pairs = (size * (size - 1)) / 2;
      return tf.div(tf.mul(tf.sum(tf.abs(offDiagonal)), this.factor * 0.5), pairs) as tf.Scalar;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { factor: this.factor, mode: this.mode };
  }
}
