import { digitize } from '@strata/ops';
import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type AdaptData, forEachBatch } from './adapt-data';
import { type EncodingMode, encodeCategorical, encodedShape } from './encoding';
import { type QuantileSummary, binBoundaries, emptySummary, mergeSummaries, summarize } from './quantile-summary';

export type DiscretizationOutputMode = 'int' | EncodingMode;
const OUTPUT_MODES: readonly DiscretizationOutputMode[] = ['int', 'one_hot', 'multi_hot', 'count'];

export interface DiscretizationArgs extends LayerArgs {
  /** Increasing boundaries: `[0, 1, 2]` makes the bins (-inf, 0), [0, 1), [1, 2) and [2, inf). Instead of `numBins` and `adapt()`. */
  binBoundaries?: number[] | null;
  /** How many bins `adapt()` should find (as quantiles of the data). Instead of `binBoundaries`. */
  numBins?: number | null;
  /** The error tolerance of `adapt()`'s approximate quantiles, 0.01 by default. */
  epsilon?: number;
  /** `'int'` (the default: the bin index), `'one_hot'`, `'multi_hot'` or `'count'`. */
  outputMode?: DiscretizationOutputMode;
  /** Sparse outputs are not supported in Strata (tfjs has no sparse tensors); must stay false. */
  sparse?: boolean;
}

/**
 * Keras's `Discretization`: puts each value into the bin of `binBoundaries`
 * it falls in and outputs the bin index (int32), or its one-hot, multi-hot
 * or count encoding (float32). With `numBins`, `adapt(data)` finds the
 * boundaries as approximate quantiles of the data, with Keras's algorithm.
 */
export class Discretization extends Layer {
  static override className = 'Discretization';
  binBoundaries: number[] | null;
  readonly numBins: number | null;
  readonly epsilon: number;
  readonly outputMode: DiscretizationOutputMode;
  readonly sparse = false;

  constructor(args: DiscretizationArgs = {}) {
    super(args);
    const { binBoundaries = null, numBins = null, epsilon = 0.01, outputMode = 'int' } = args;
    if (args.sparse) {
      throw new RangeError(`Discretization "${this.name}" received sparse=true, which Strata does not support (tfjs has no sparse tensors); expected sparse=false.`);
    }
    if (!OUTPUT_MODES.includes(outputMode)) {
      throw new RangeError(`Discretization "${this.name}" received output_mode=${JSON.stringify(outputMode)}; expected one of ${OUTPUT_MODES.map((m) => `"${m}"`).join(', ')}.`);
    }
    if (numBins !== null && (!Number.isInteger(numBins) || numBins < 0)) {
      throw new RangeError(`Discretization "${this.name}" received num_bins=${numBins}; expected an integer >= 0.`);
    }
    if (numBins !== null && binBoundaries !== null) {
      throw new RangeError(`Discretization "${this.name}" received both num_bins=${numBins} and bin_boundaries=[${binBoundaries}]; expected one of them.`);
    }
    if (numBins === null && binBoundaries === null) {
      throw new RangeError(`Discretization "${this.name}" needs either \`num_bins\` (then adapt()) or \`bin_boundaries\`; received neither.`);
    }
    if (binBoundaries !== null) checkIncreasing(this.name, binBoundaries);
    this.binBoundaries = binBoundaries === null ? null : [...binBoundaries];
    this.numBins = numBins;
    this.epsilon = epsilon;
    this.outputMode = outputMode;
    this.hasBuildConfig = false;
  }

  /**
   * Learns `numBins` bins of about equal counts from `data` (a tensor, a
   * nested number array, or an iterable or async iterable of batches), as
   * Keras's `adapt`: each batch is summarised and merged within `epsilon`.
   */
  async adapt(data: AdaptData<number>): Promise<void> {
    if (this.numBins === null) {
      throw new RangeError(`Discretization "${this.name}" was given \`bin_boundaries\`; it cannot be adapted. Construct it with \`numBins\` instead.`);
    }
    let summary: QuantileSummary = emptySummary();
    let seen = 0;
    await forEachBatch(data, (batch) => {
      seen++;
      const values = batch instanceof tf.Tensor ? batch.dataSync() : tf.util.flatten(batch as number[]);
      summary = mergeSummaries(summarize(values as ArrayLike<number>, this.epsilon), summary, this.epsilon);
    });
    if (seen === 0) throw new RangeError(`Discretization "${this.name}": adapt() received no data; expected at least one batch.`);
    this.binBoundaries = binBoundaries(summary, this.numBins);
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const boundaries = this.binBoundaries;
    if (boundaries === null) {
      throw new Error(`Discretization "${this.name}" has no bin boundaries: pass \`binBoundaries\` to the constructor or call adapt(data) before calling the layer.`);
    }
    return tf.tidy(() => {
      const values = tf.cast(inputs as tf.Tensor, 'float32');
      const indices = boundaries.length === 0 ? tf.zeros(values.shape, 'int32') : digitize(values, tf.tensor1d(boundaries, 'float32'));
      return this.outputMode === 'int' ? tf.cast(indices, 'int32') : encodeCategorical(indices, this.outputMode, this.depth());
    });
  }

  private depth(): number {
    return this.binBoundaries !== null ? this.binBoundaries.length + 1 : (this.numBins as number);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.outputMode === 'int' ? inputShape : encodedShape(inputShape, this.outputMode, this.depth());
  }

  protected override outputDtype(): tf.DataType {
    return this.outputMode === 'int' ? 'int32' : 'float32';
  }

  override getConfig(): Record<string, unknown> {
    // Keras's get_config lists exactly these keys (no `trainable`), with the dtype as a string.
    return {
      bin_boundaries: this.binBoundaries === null ? null : [...this.binBoundaries],
      num_bins: this.numBins,
      epsilon: this.epsilon,
      output_mode: this.outputMode,
      sparse: this.sparse,
      name: this.name,
      dtype: 'float32',
    };
  }

  /** An adapted layer's config has both `num_bins` and `bin_boundaries`: it is rebuilt from `num_bins`, then given the boundaries, as Keras does. */
  static fromConfig(config: Record<string, unknown>): Discretization {
    const binBoundaries = (config.bin_boundaries as number[] | null | undefined) ?? null;
    const numBins = (config.num_bins as number | null | undefined) ?? null;
    const layer = new Discretization({
      ...layerArgsFromConfig(config),
      binBoundaries: numBins === null ? binBoundaries : null,
      numBins,
      epsilon: (config.epsilon as number | undefined) ?? 0.01,
      outputMode: (config.output_mode as DiscretizationOutputMode | undefined) ?? 'int',
      sparse: (config.sparse as boolean | undefined) ?? false,
    });
    if (numBins !== null && binBoundaries !== null) layer.binBoundaries = [...binBoundaries];
    return layer;
  }
}

function checkIncreasing(name: string, boundaries: number[]): void {
  for (let i = 1; i < boundaries.length; i++) {
    if (!(boundaries[i] >= boundaries[i - 1])) {
      throw new RangeError(`Discretization "${name}" received bin_boundaries=[${boundaries}]; expected them sorted in increasing order.`);
    }
  }
}
