import type * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type EncodingMode, encodeCategorical, encodedShape } from './encoding';

export interface CategoryEncodingArgs extends LayerArgs {
  /** The number of categories; inputs must lie in `[0, numTokens)`. Required: the layer throws without it. */
  numTokens?: number | null;
  /** "multi_hot" (default; "binary" is its old name), "one_hot" or "count". */
  outputMode?: EncodingMode | 'binary';
  /** Sparse outputs are not supported in Strata (tfjs has no sparse tensors); must stay false. */
  sparse?: boolean;
}

/** Encodes integer category ids in [0, numTokens) as one-hot, multi-hot or count vectors (float32). */
export class CategoryEncoding extends Layer {
  static override className = 'CategoryEncoding';
  readonly numTokens: number;
  readonly outputMode: EncodingMode;
  readonly sparse = false;

  constructor(args: CategoryEncodingArgs = {}) {
    super(args);
    const mode = args.outputMode === 'binary' ? 'multi_hot' : (args.outputMode ?? 'multi_hot');
    if (!['count', 'one_hot', 'multi_hot'].includes(mode)) {
      throw new Error(`CategoryEncoding does not know \`output_mode\`="${mode}"; expected "count", "one_hot" or "multi_hot".`);
    }
    if (args.numTokens === undefined || args.numTokens === null) {
      throw new Error(
        'CategoryEncoding: `num_tokens` must be set to use this layer. If the number of tokens is not known beforehand, use the IntegerLookup layer instead.',
      );
    }
    if (!Number.isInteger(args.numTokens) || args.numTokens < 1) {
      throw new Error(`CategoryEncoding: \`num_tokens\` must be an integer >= 1. Received: num_tokens=${args.numTokens}.`);
    }
    if (args.sparse) {
      throw new Error('CategoryEncoding: `sparse=true` is not supported in Strata (tfjs has no sparse tensors); use sparse=false.');
    }
    this.numTokens = args.numTokens;
    this.outputMode = mode as EncodingMode;
    this.hasBuildConfig = false;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return encodeCategorical(inputs as tf.Tensor, this.outputMode, this.numTokens);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return encodedShape(inputShape, this.outputMode, this.numTokens);
  }

  protected override outputDtype(): tf.DataType {
    return 'float32';
  }

  override getConfig(): Record<string, unknown> {
    // Keras's get_config has no `sparse` key.
    return { ...super.getConfig(), num_tokens: this.numTokens, output_mode: this.outputMode };
  }

  static fromConfig(config: Record<string, unknown>): CategoryEncoding {
    return new CategoryEncoding({
      ...layerArgsFromConfig(config),
      numTokens: config.num_tokens as number,
      outputMode: (config.output_mode as EncodingMode) ?? 'multi_hot',
      sparse: (config.sparse as boolean) ?? false,
    });
  }
}
