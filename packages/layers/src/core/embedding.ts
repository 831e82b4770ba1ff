import * as tf from '@tensorflow/tfjs-core';
import { type Constraint, type ConstraintIdentifier, getConstraint, serializeConstraint } from '../constraints';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type Regularizer, type RegularizerIdentifier, serializeRegularizer } from '../regularizers';
import type { LayerConfig } from '../engine/config-types';
import type { KerasSerialized } from '../serialization';

export interface EmbeddingArgs extends LayerArgs {
  /** Initializer of the embeddings matrix. Default `'uniform'` (uniform in [-0.05, 0.05]). */
  embeddingsInitializer?: InitializerIdentifier;
  /** Regularizer applied to the embeddings matrix. Default `null`. */
  embeddingsRegularizer?: RegularizerIdentifier;
  /** Constraint applied to the embeddings matrix after each update. Default `null`. */
  embeddingsConstraint?: ConstraintIdentifier;
  /** Regularizer applied to the layer's output. Default `null`. */
  activityRegularizer?: RegularizerIdentifier;
  /** Index 0 is padding: the layer's mask is false where the input is 0 (then inputDim must count it). */
  maskZero?: boolean;
}

/** Embedding's config as Keras 3 writes it. */
export type EmbeddingConfig = LayerConfig & {
  /** Size of the vocabulary (largest index + 1). */
  input_dim: number;
  /** Length of each embedding vector. */
  output_dim: number;
  /** The embedding matrix's initializer, serialized. */
  embeddings_initializer: KerasSerialized;
  /** The embedding matrix's regularizer, serialized, or null. */
  embeddings_regularizer: KerasSerialized | null;
  /** The output's regularizer, serialized, or null. */
  activity_regularizer: KerasSerialized | null;
  /** The embedding matrix's constraint, serialized, or null. */
  embeddings_constraint: KerasSerialized | null;
  /** Whether index 0 is padding, masked downstream. */
  mask_zero: boolean;
  /** Keras's quantization config: always null, Strata does not quantize. */
  quantization_config: null;
};

/**
 * Turns integer indices into dense vectors: row `i` of an `[inputDim, outputDim]`
 * table for each index `i` (Keras's Embedding). Its gradient is a scatter of
 * rows (tfjs's UnsortedSegmentSum), which @strata/backend provides on every backend.
 */
export class Embedding extends Layer {
  static override className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | null;
  readonly embeddingsConstraint: Constraint | null;
  readonly activityRegularizer: Regularizer | null;
  readonly maskZero: boolean;
  embeddings?: LayerVariable;

  constructor(inputDim: number, outputDim: number, args: EmbeddingArgs = {}) {
    super(args);
    for (const [name, value] of [
      ['input_dim', inputDim],
      ['output_dim', outputDim],
    ] as const) {
      if (!Number.isInteger(value) || value <= 0) {
        throw new Error(`Received an invalid value for argument \`${name}\`, expected a positive integer. Received: ${name}=${value}`);
      }
    }
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.embeddingsInitializer = getInitializer(args.embeddingsInitializer ?? 'uniform');
    this.embeddingsRegularizer = getRegularizer(args.embeddingsRegularizer);
    this.embeddingsConstraint = getConstraint(args.embeddingsConstraint);
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
    this.maskZero = args.maskZero ?? false;
    this.supportsMasking = this.maskZero;
  }

  override build(_inputShape: Shape): void {
    this.embeddings = this.addWeight('embeddings', {
      shape: [this.inputDim, this.outputDim],
      initializer: this.embeddingsInitializer,
      regularizer: this.embeddingsRegularizer,
      constraint: this.embeddingsConstraint,
    });
  }

  override call(inputs: Tensors, _options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    // Keras casts non-integer indices to int32 before the lookup.
    const indices = input.dtype === 'int32' ? input : tf.cast(input, 'int32');
    const output = tf.gather(this.embeddings!.read(), indices);
    if (this.activityRegularizer) this.addLoss(this.activityRegularizer.call(output));
    return output;
  }

  override computeMask(inputs: Tensors, _mask?: CallOptions['mask']): tf.Tensor | null {
    if (!this.maskZero) return null;
    return tf.notEqual(inputs as tf.Tensor, 0);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape, this.outputDim];
  }

  /** Indices in, float vectors out. */
  protected override outputDtype(_inputDtype: tf.DataType): tf.DataType {
    return 'float32';
  }

  override getConfig(): EmbeddingConfig {
    return {
      ...(super.getConfig() as LayerConfig),
      input_dim: this.inputDim,
      output_dim: this.outputDim,
      embeddings_initializer: serializeInitializer(this.embeddingsInitializer),
      embeddings_regularizer: this.embeddingsRegularizer ? serializeRegularizer(this.embeddingsRegularizer) : null,
      activity_regularizer: this.activityRegularizer ? serializeRegularizer(this.activityRegularizer) : null,
      embeddings_constraint: this.embeddingsConstraint ? serializeConstraint(this.embeddingsConstraint) : null,
      mask_zero: this.maskZero,
      quantization_config: null,
    };
  }

  static fromConfig(config: Record<string, unknown>): Embedding {
    return new Embedding(config.input_dim as number, config.output_dim as number, embeddingArgsFromConfig(config));
  }
}

/** Embedding's options from Keras's config (snake_case), shared by the layers built on it (ReversibleEmbedding). */
export function embeddingArgsFromConfig(config: Record<string, unknown>): EmbeddingArgs {
  return {
    ...layerArgsFromConfig(config),
    embeddingsInitializer: config.embeddings_initializer as InitializerIdentifier,
    embeddingsRegularizer: config.embeddings_regularizer as RegularizerIdentifier,
    embeddingsConstraint: config.embeddings_constraint as ConstraintIdentifier,
    activityRegularizer: config.activity_regularizer as RegularizerIdentifier,
    maskZero: config.mask_zero as boolean | undefined,
  };
}
