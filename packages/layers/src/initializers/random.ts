/**
 * Random initializers with Keras 3's defaults and seeding
 * (`keras/src/initializers/random_initializers.py`).
 *
 * Keras 3 semantics: an initializer returns the same values on every call,
 * seeded or not. A seed given by the user is used as is; an unseeded
 * initializer draws its seed once, at construction, from the stream that
 * `setRandomSeed` controls. (Keras 2's unseeded initializers gave new values
 * on each call.) Reusing one unseeded instance for two weights therefore
 * gives them identical values, as in Keras 3.
 */
import * as tf from '@tensorflow/tfjs-core';
import { assertShape, Initializer } from './initializer';
import { drawDefaultSeed } from './seed';

export interface SeedArgs {
  /** An integer that fixes the values; null or absent draws one from the global stream. */
  seed?: number | null;
}

/** Base of initializers that draw random numbers: holds the seed and writes it in the config. */
export abstract class RandomInitializer extends Initializer {
  /** The seed as the user gave it, written to the config (null when unseeded). */
  readonly initialSeed: number | null;
  /** The seed that every call uses. */
  readonly seed: number;

  constructor(seed: number | null | undefined) {
    super();
    if (seed !== null && seed !== undefined && !Number.isInteger(seed)) {
      throw new Error(`\`seed\` argument of ${new.target.className} should be an integer. Received: seed=${seed}`);
    }
    this.initialSeed = seed ?? null;
    this.seed = seed ?? drawDefaultSeed();
  }

  override getConfig(): Record<string, unknown> {
    return { seed: this.initialSeed };
  }
}

export interface RandomNormalArgs extends SeedArgs {
  /** Mean of the normal distribution. Default `0`. */
  mean?: number;
  /** Standard deviation of the normal distribution. Default `0.05`. */
  stddev?: number;
}

/** Normal distribution, mean 0 and standard deviation 0.05 by default. */
export class RandomNormal extends RandomInitializer {
  static override className = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;

  constructor(args: RandomNormalArgs = {}) {
    super(args.seed);
    this.mean = args.mean ?? 0;
    this.stddev = args.stddev ?? 0.05;
  }

  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    assertShape(this, shape);
    return tf.randomNormal(shape, this.mean, this.stddev, dtype as 'float32', this.seed);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), mean: this.mean, stddev: this.stddev };
  }
}

/** Normal distribution re-drawn beyond two standard deviations, mean 0 and stddev 0.05 by default. */
export class TruncatedNormal extends RandomInitializer {
  static override className = 'TruncatedNormal';
  readonly mean: number;
  readonly stddev: number;

  constructor(args: RandomNormalArgs = {}) {
    super(args.seed);
    this.mean = args.mean ?? 0;
    this.stddev = args.stddev ?? 0.05;
  }

  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    assertShape(this, shape);
    return tf.truncatedNormal(shape, this.mean, this.stddev, dtype as 'float32', this.seed);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), mean: this.mean, stddev: this.stddev };
  }
}

export interface RandomUniformArgs extends SeedArgs {
  /** Lower bound of the uniform distribution. Default `-0.05`. */
  minval?: number;
  /** Upper bound of the uniform distribution (excluded). Default `0.05`. */
  maxval?: number;
}

/** Uniform distribution on [minval, maxval), [-0.05, 0.05) by default. */
export class RandomUniform extends RandomInitializer {
  static override className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;

  constructor(args: RandomUniformArgs = {}) {
    super(args.seed);
    this.minval = args.minval ?? -0.05;
    this.maxval = args.maxval ?? 0.05;
  }

  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    assertShape(this, shape);
    return tf.randomUniform(shape, this.minval, this.maxval, dtype, this.seed);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), minval: this.minval, maxval: this.maxval };
  }
}

export interface OrthogonalArgs extends SeedArgs {
  /** Multiplies the orthogonal matrix. */
  gain?: number;
}

/**
 * An orthogonal matrix from the QR decomposition of a normal matrix, as
 * Keras: the shape is flattened to (product of all but the last axis, last
 * axis); the result has orthonormal columns, or rows when there are fewer
 * rows than columns.
 */
export class Orthogonal extends RandomInitializer {
  static override className = 'Orthogonal';
  readonly gain: number;

  constructor(args: OrthogonalArgs = {}) {
    super(args.seed);
    this.gain = args.gain ?? 1;
  }

  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    assertShape(this, shape);
    if (shape.length < 2) {
      throw new Error(
        `The tensor to initialize must be at least two-dimensional. Received: shape=[${shape.join(', ')}] of rank ${shape.length}.`,
      );
    }
    const columns = shape[shape.length - 1];
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const tall: [number, number] = [Math.max(rows, columns), Math.min(rows, columns)];
    return tf.tidy(() => {
      const normal = tf.randomNormal(tall, 0, 1, 'float32', this.seed) as tf.Tensor2D;
      const [q, r] = tf.linalg.qr(normal);
      // Multiplying by the signs of R's diagonal makes Q unique (Keras does the same).
      const diagonal = tf.sum(tf.mul(r, tf.eye(tall[1])), 0);
      let orthogonal: tf.Tensor = tf.mul(q, tf.sign(diagonal));
      if (rows < columns) orthogonal = tf.transpose(orthogonal);
      return tf.cast(tf.reshape(tf.mul(orthogonal, this.gain), shape), dtype);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), gain: this.gain };
  }
}
