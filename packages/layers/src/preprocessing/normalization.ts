import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { type AdaptData, forEachBatch, isBatchStream } from './adapt-data';

type Nested = number | Nested[];

export interface NormalizationArgs extends LayerArgs {
  /** Axes kept (one mean and variance per position along them); null for one global mean and variance. Defaults to -1. */
  axis?: number | number[] | null;
  /** The mean to subtract, broadcast along `axis`; with `variance`, instead of `adapt()`. Default `null` (learned by `adapt()`). */
  mean?: Nested | null;
  /** The variance to divide by (its square root), broadcast along `axis`; with `mean`. Default `null` (learned by `adapt()`). */
  variance?: Nested | null;
  /** Applies the inverse: `input * sqrt(variance) + mean`. Default `false`. */
  invert?: boolean;
}

const EPSILON = 1e-7; // keras.config.epsilon()

function nestedShape(value: Nested): number[] {
  const shape: number[] = [];
  let level: Nested = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

/**
 * Normalizes inputs to zero mean and unit variance per position of `axis`:
 * `(x - mean) / max(sqrt(variance), epsilon)`, or the inverse with `invert`.
 * The statistics come from `mean`/`variance` or from `adapt(data)`, which
 * stores them, as Keras does, in the non-trainable weights `mean`, `variance`
 * (shape of the kept axes) and `count`.
 */
export class Normalization extends Layer {
  static override className = 'Normalization';
  readonly axis: number[];
  readonly inputMean: Nested | null;
  readonly inputVariance: Nested | null;
  readonly invert: boolean;
  adaptMean: LayerVariable | null = null;
  adaptVariance: LayerVariable | null = null;
  count: LayerVariable | null = null;
  private keepAxis: number[] = [];
  private reduceAxis: number[] = [];
  private broadcastShape: number[] = [];
  private meanAndVarShape: number[] = [];
  private fixedMean: tf.Tensor | null = null;
  private fixedVariance: tf.Tensor | null = null;

  constructor(args: NormalizationArgs = {}) {
    super(args);
    const axis = args.axis === undefined ? -1 : args.axis;
    this.axis = axis === null ? [] : Array.isArray(axis) ? [...axis] : [axis];
    this.inputMean = args.mean ?? null;
    this.inputVariance = args.variance ?? null;
    this.invert = args.invert ?? false;
    this.supportsMasking = true;
    if ((this.inputMean === null) !== (this.inputVariance === null)) {
      throw new Error(
        `Normalization "${this.name}": when setting values directly, both \`mean\` and \`variance\` must be set. Received: mean=${JSON.stringify(this.inputMean)} and variance=${JSON.stringify(this.inputVariance)}.`,
      );
    }
    if (this.inputMean !== null && this.inputVariance !== null) {
      const meanShape = nestedShape(this.inputMean);
      const varianceShape = nestedShape(this.inputVariance);
      if (meanShape.join() !== varianceShape.join()) {
        throw new Error(
          `Normalization "${this.name}": \`mean\` and \`variance\` must have the same shape. Received: mean shape [${meanShape}] and variance shape [${varianceShape}].`,
        );
      }
      if (meanShape.length > this.axis.length) {
        throw new Error(
          `Normalization "${this.name}": the rank of \`mean\` must be less than or equal to the number of axes (${this.axis.length}). Received: mean shape [${meanShape}] for axis [${this.axis}].`,
        );
      }
    }
  }

  override build(inputShape: Shape): void {
    const ndim = inputShape.length;
    if (this.axis.some((a) => a < -ndim || a >= ndim)) {
      throw new Error(
        `Normalization "${this.name}": all \`axis\` values must be in the range [-ndim, ndim). Received inputs with ndim=${ndim}, while axis=[${this.axis}].`,
      );
    }
    this.keepAxis = this.axis.map((d) => (d >= 0 ? d : d + ndim)).sort((a, b) => a - b);
    for (const d of this.keepAxis) {
      if (inputShape[d] === null) {
        throw new Error(
          `Normalization "${this.name}": all \`axis\` values to be kept must have a known shape. Received axis=[${this.axis}], inputs.shape=[${inputShape.map((s) => s ?? 'None')}], with unknown axis at index ${d}.`,
        );
      }
    }
    this.reduceAxis = [...Array(ndim).keys()].filter((d) => !this.keepAxis.includes(d));
    this.broadcastShape = [...Array(ndim).keys()].map((d) => (this.keepAxis.includes(d) ? (inputShape[d] as number) : 1));
    this.meanAndVarShape = this.keepAxis.map((d) => inputShape[d] as number);
    if (this.inputMean === null) {
      this.adaptMean = this.addWeight('mean', { shape: this.meanAndVarShape, initializer: 'zeros', trainable: false });
      this.adaptVariance = this.addWeight('variance', { shape: this.meanAndVarShape, initializer: 'ones', trainable: false });
      this.count = this.addWeight('count', { shape: [], initializer: 'zeros', trainable: false, dtype: 'int32' });
      return;
    }
    // Keras aligns the given mean and variance with the kept axes from the right, then broadcasts.
    const align = (value: Nested) =>
      tf.tidy(() => {
        const given = tf.tensor(value as number, undefined, 'float32');
        if (given.rank === 0) return tf.broadcastTo(given, this.broadcastShape);
        const expanded = new Array(ndim).fill(1);
        for (let i = 1; i <= given.rank; i++) expanded[this.keepAxis[this.keepAxis.length - i]] = given.shape[given.rank - i];
        return tf.broadcastTo(tf.reshape(given, expanded), this.broadcastShape);
      });
    this.fixedMean = tf.keep(align(this.inputMean));
    this.fixedVariance = tf.keep(align(this.inputVariance as Nested));
  }

  /**
   * Computes the mean and variance of `data` along the axes not kept: a tensor
   * or a nested number array (one array, as NumPy's), or an iterable / async
   * iterable of batches (tensors or arrays), combined batch by batch with
   * Keras's formula.
   */
  async adapt(data: AdaptData<number>): Promise<void> {
    let seen = 0;
    const stream = isBatchStream(data);
    const total = { mean: [] as number[], variance: [] as number[], count: 0 };
    await forEachBatch(data, (batch) => {
      const tensor = batch instanceof tf.Tensor ? batch : tf.tensor(batch as number[], undefined, 'float32');
      if (seen++ === 0) this.prepareForAdapt(tensor.shape);
      this.checkAdaptShape(tensor.shape, stream);
      const { mean, variance, count } = this.moments(tensor);
      if (tensor !== batch) tensor.dispose();
      if (total.count === 0) {
        total.mean = mean;
        total.variance = variance;
        total.count = count;
        return;
      }
      // Keras's lack-of-fit sum of squares update.
      total.count += count;
      const batchWeight = count / total.count;
      const existingWeight = 1 - batchWeight;
      total.mean.forEach((oldMean, i) => {
        const newMean = oldMean * existingWeight + mean[i] * batchWeight;
        total.variance[i] =
          (total.variance[i] + (oldMean - newMean) ** 2) * existingWeight + (variance[i] + (mean[i] - newMean) ** 2) * batchWeight;
        total.mean[i] = newMean;
      });
    });
    if (seen === 0) throw new Error(`Normalization "${this.name}": adapt() received no data; expected at least one batch.`);
    tf.tidy(() => {
      (this.adaptMean as LayerVariable).assign(tf.tensor(total.mean, this.meanAndVarShape, 'float32'));
      (this.adaptVariance as LayerVariable).assign(tf.tensor(total.variance, this.meanAndVarShape, 'float32'));
    });
  }

  private prepareForAdapt(shape: number[]): void {
    if (this.inputMean !== null) {
      throw new Error(`Normalization "${this.name}" was given \`mean\` and \`variance\`; it cannot be adapted.`);
    }
    this.maybeBuild(shape);
  }

  private checkAdaptShape(shape: number[], stream: boolean): void {
    const built = this.buildInputShape as Shape;
    for (const d of this.keepAxis) {
      if (shape.length !== built.length || shape[d] !== built[d]) {
        throw new Error(
          stream
            ? `Normalization "${this.name}": adapt() yielded a batch with incompatible shape. Expected [${built}], got [${shape}].`
            : `Normalization "${this.name}" was built with input_shape=[${built}], but adapt() is being called with data with an incompatible shape, data.shape=[${shape}].`,
        );
      }
    }
  }

  /** Population mean and variance over the reduced axes, in float64 on the host. */
  private moments(batch: tf.Tensor): { mean: number[]; variance: number[]; count: number } {
    const data = batch.dataSync();
    const shape = batch.shape;
    const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
    const keptSize = this.meanAndVarShape.reduce((a, b) => a * b, 1);
    const count = this.reduceAxis.reduce((n, d) => n * shape[d], 1);
    const keptIndex = (flat: number) => {
      let index = 0;
      for (const d of this.keepAxis) index = index * shape[d] + (Math.floor(flat / strides[d]) % shape[d]);
      return index;
    };
    const sum = new Float64Array(keptSize);
    for (let i = 0; i < data.length; i++) sum[keptIndex(i)] += data[i];
    const mean = Array.from(sum, (s) => s / count);
    const squares = new Float64Array(keptSize);
    for (let i = 0; i < data.length; i++) {
      const k = keptIndex(i);
      squares[k] += (data[i] - mean[k]) ** 2;
    }
    return { mean, variance: Array.from(squares, (s) => s / count), count };
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return tf.tidy(() => {
      const x = tf.cast(inputs as tf.Tensor, 'float32');
      const mean = this.fixedMean ?? tf.reshape((this.adaptMean as LayerVariable).read(), this.broadcastShape);
      const variance = this.fixedVariance ?? tf.reshape((this.adaptVariance as LayerVariable).read(), this.broadcastShape);
      const std = tf.maximum(tf.sqrt(variance), EPSILON);
      return this.invert ? tf.add(mean, tf.mul(x, std)) : tf.div(tf.sub(x, mean), std);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: [...this.axis], invert: this.invert, mean: this.inputMean, variance: this.inputVariance };
  }

  static fromConfig(config: Record<string, unknown>): Normalization {
    return new Normalization({
      ...layerArgsFromConfig(config),
      axis: config.axis as number | number[] | null,
      mean: (config.mean as Nested | null) ?? null,
      variance: (config.variance as Nested | null) ?? null,
      invert: (config.invert as boolean) ?? false,
    });
  }

  override dispose(): void {
    this.fixedMean?.dispose();
    this.fixedVariance?.dispose();
    this.fixedMean = null;
    this.fixedVariance = null;
    super.dispose();
  }
}
