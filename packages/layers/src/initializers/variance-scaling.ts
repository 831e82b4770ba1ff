/** `VarianceScaling` and its named forms (Glorot, He, LeCun), with Keras's fan computation. */
import * as tf from '@tensorflow/tfjs-core';
import { assertShape } from './initializer';
import { RandomInitializer, type SeedArgs } from './random';

/** Axes of a kernel that count as inputs or outputs, for kernels that are neither dense nor convolutional. */
export interface FanAxes {
  /** Axes of the weight that count as inputs when computing the fans (Keras 3.15's EinsumDense); with `outputAxes`. Default `null` (the last-but-one axis). */
  inputAxes?: number[] | null;
  /** Axes of the weight that count as outputs when computing the fans; with `inputAxes`. Default `null` (the last axis). */
  outputAxes?: number[] | null;
}

/**
 * `[fanIn, fanOut]` of a weight shape, as Keras's `compute_fans`: a scalar
 * counts 1, a vector its length, a matrix `[in, out]`, and a convolution
 * kernel `[...spatial, inChannels, outChannels]` multiplies the channels by
 * the receptive field (the product of the spatial sizes).
 *
 * With `inputAxes` and `outputAxes` (Keras 3.15, used by EinsumDense), fans
 * are the products of those axes' sizes, and any other axis counts as
 * receptive field; with `[-2]` and `[-1]` this is the convolution rule.
 */
export function computeFans(shape: number[], axes: FanAxes = {}): [number, number] {
  if (axes.inputAxes && axes.outputAxes) {
    const resolve = (axis: number) => (axis < 0 ? axis + shape.length : axis);
    const inputAxes = axes.inputAxes.map(resolve);
    const outputAxes = axes.outputAxes.map(resolve);
    const product = (list: number[]) => list.reduce((total, axis) => total * shape[axis], 1);
    const others = shape.map((_, axis) => axis).filter((axis) => !inputAxes.includes(axis) && !outputAxes.includes(axis));
    const receptiveField = product(others);
    return [product(inputAxes) * receptiveField, product(outputAxes) * receptiveField];
  }
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptiveField = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * receptiveField, shape[shape.length - 1] * receptiveField];
}

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type VarianceScalingDistribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

export interface VarianceScalingArgs extends SeedArgs, FanAxes {
  /** Positive scaling factor of the variance. */
  scale?: number;
  /** Which fan scales the variance: `'fan_in'` (inputs), `'fan_out'` (outputs) or `'fan_avg'` (their mean). Default `'fan_in'`. */
  mode?: FanMode;
  /** `'normal'` is accepted as Keras 2's name of `'truncated_normal'`. */
  distribution?: VarianceScalingDistribution | 'normal';
}

/**
 * The standard deviation of a standard normal truncated to [-2, 2]: dividing by
 * it makes the truncated draws have the requested variance (Keras's constant).
 */
const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

/**
 * Draws with variance `scale / n`, where n is fan in, fan out or their mean:
 * from a truncated normal (stddev `sqrt(scale / n) / 0.8796...`), a normal
 * (stddev `sqrt(scale / n)`) or a uniform on `±sqrt(3 * scale / n)`.
 */
export class VarianceScaling extends RandomInitializer {
  static override className = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: VarianceScalingDistribution;
  readonly inputAxes: number[] | null;
  readonly outputAxes: number[] | null;

  constructor(args: VarianceScalingArgs = {}) {
    super(args.seed);
    const scale = args.scale ?? 1;
    if (!(scale > 0)) throw new Error(`Argument \`scale\` must be positive float. Received: scale=${scale}`);
    const mode = args.mode ?? 'fan_in';
    if (!['fan_in', 'fan_out', 'fan_avg'].includes(mode)) {
      throw new Error(`Invalid \`mode\` argument: ${mode}. Please use one of fan_in, fan_out, fan_avg.`);
    }
    let distribution = (args.distribution ?? 'truncated_normal').toLowerCase();
    if (distribution === 'normal') distribution = 'truncated_normal';
    if (!['truncated_normal', 'untruncated_normal', 'uniform'].includes(distribution)) {
      throw new Error(
        `Invalid \`distribution\` argument: ${distribution}. Please use one of uniform, truncated_normal, untruncated_normal.`,
      );
    }
    this.scale = scale;
    this.mode = mode;
    this.distribution = distribution as VarianceScalingDistribution;
    this.inputAxes = args.inputAxes ?? null;
    this.outputAxes = args.outputAxes ?? null;
  }

  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    assertShape(this, shape);
    const [fanIn, fanOut] = computeFans(shape, { inputAxes: this.inputAxes, outputAxes: this.outputAxes });
    const denominator = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, denominator);
    if (this.distribution === 'truncated_normal') {
      const stddev = Math.sqrt(variance) / TRUNCATED_NORMAL_STDDEV;
      return tf.truncatedNormal(shape, 0, stddev, dtype as 'float32', this.seed);
    }
    if (this.distribution === 'untruncated_normal') {
      return tf.randomNormal(shape, 0, Math.sqrt(variance), dtype as 'float32', this.seed);
    }
    const limit = Math.sqrt(3 * variance);
    return tf.randomUniform(shape, -limit, limit, dtype, this.seed);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      input_axes: this.inputAxes,
      output_axes: this.outputAxes,
    };
  }
}

export interface NamedVarianceScalingArgs extends SeedArgs, FanAxes {}

/** A fixed VarianceScaling whose config holds only the seed and axes (Keras 3.15's form). */
abstract class NamedVarianceScaling extends VarianceScaling {
  override getConfig(): Record<string, unknown> {
    return { seed: this.initialSeed, input_axes: this.inputAxes, output_axes: this.outputAxes };
  }
}

/** Uniform on `±sqrt(6 / (fanIn + fanOut))`; Keras's default kernel initializer. */
export class GlorotUniform extends NamedVarianceScaling {
  static override className = 'GlorotUniform';
  constructor(args: NamedVarianceScalingArgs = {}) {
    super({ ...args, scale: 1, mode: 'fan_avg', distribution: 'uniform' });
  }
}

/** Truncated normal with stddev `sqrt(2 / (fanIn + fanOut))`. */
export class GlorotNormal extends NamedVarianceScaling {
  static override className = 'GlorotNormal';
  constructor(args: NamedVarianceScalingArgs = {}) {
    super({ ...args, scale: 1, mode: 'fan_avg', distribution: 'truncated_normal' });
  }
}

/** Uniform on `±sqrt(6 / fanIn)`. */
export class HeUniform extends NamedVarianceScaling {
  static override className = 'HeUniform';
  constructor(args: NamedVarianceScalingArgs = {}) {
    super({ ...args, scale: 2, mode: 'fan_in', distribution: 'uniform' });
  }
}

/** Truncated normal with stddev `sqrt(2 / fanIn)`. */
export class HeNormal extends NamedVarianceScaling {
  static override className = 'HeNormal';
  constructor(args: NamedVarianceScalingArgs = {}) {
    super({ ...args, scale: 2, mode: 'fan_in', distribution: 'truncated_normal' });
  }
}

/** Uniform on `±sqrt(3 / fanIn)`. */
export class LecunUniform extends NamedVarianceScaling {
  static override className = 'LecunUniform';
  constructor(args: NamedVarianceScalingArgs = {}) {
    super({ ...args, scale: 1, mode: 'fan_in', distribution: 'uniform' });
  }
}

/** Truncated normal with stddev `sqrt(1 / fanIn)`. */
export class LecunNormal extends NamedVarianceScaling {
  static override className = 'LecunNormal';
  constructor(args: NamedVarianceScalingArgs = {}) {
    super({ ...args, scale: 1, mode: 'fan_in', distribution: 'truncated_normal' });
  }
}
