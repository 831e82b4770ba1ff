import * as tf from '@tensorflow/tfjs-core';
import type { CallOptions, Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { Embedding, type EmbeddingArgs, type EmbeddingConfig, embeddingArgsFromConfig } from './embedding';

export interface ReversibleEmbeddingArgs extends EmbeddingArgs {
  /** Use the transposed embeddings for the reverse projection (`true`, the default) or a separate trainable `reverse_embeddings` matrix. */
  tieWeights?: boolean;
  /** Caps the reverse logits smoothly at ±cap: `tanh(logits / cap) * cap`. Default `null` (no cap). */
  logitSoftCap?: number | null;
}

export interface ReversibleEmbeddingCallOptions extends CallOptions {
  /** Project hidden states back to vocabulary logits instead of looking ids up. Default `false`. */
  reverse?: boolean;
}

/**
 * Keras's ReversibleEmbedding: an Embedding that also projects the other way.
 * Called on ids it looks them up as Embedding does; called with
 * `{ reverse: true }` on hidden states `(..., outputDim)` it returns logits
 * `(..., inputDim)` through the transposed embeddings (tied weights, as in a
 * language model's head) or its own `reverse_embeddings`.
 */
export class ReversibleEmbedding extends Embedding {
  static override className = 'ReversibleEmbedding';
  readonly tieWeights: boolean;
  readonly logitSoftCap: number | null;
  reverseEmbeddings?: LayerVariable;

  constructor(inputDim: number, outputDim: number, args: ReversibleEmbeddingArgs = {}) {
    const { tieWeights, logitSoftCap, ...embeddingArgs } = args;
    super(inputDim, outputDim, embeddingArgs);
    this.tieWeights = tieWeights ?? true;
    this.logitSoftCap = logitSoftCap ?? null;
    if (this.logitSoftCap !== null && !(this.logitSoftCap > 0)) {
      throw new RangeError(`ReversibleEmbedding "${this.name}": \`logitSoftCap\` must be a positive number or null. Received: ${this.logitSoftCap}.`);
    }
  }

  override build(inputShape: Shape): void {
    super.build(inputShape);
    if (!this.tieWeights) {
      this.reverseEmbeddings = this.addWeight('reverse_embeddings', { shape: [this.outputDim, this.inputDim], initializer: this.embeddingsInitializer });
    }
  }

  override call(inputs: Tensors, options: ReversibleEmbeddingCallOptions = {}): tf.Tensor {
    if (!options.reverse) return super.call(inputs, options);
    const input = inputs as tf.Tensor;
    return tf.tidy(() => {
      const kernel = this.tieWeights ? tf.transpose((this.embeddings as LayerVariable).read()) : (this.reverseEmbeddings as LayerVariable).read();
      const flat = tf.reshape(tf.cast(input, 'float32'), [-1, this.outputDim]);
      let logits: tf.Tensor = tf.reshape(tf.matMul(flat as tf.Tensor2D, kernel as tf.Tensor2D), [...input.shape.slice(0, -1), this.inputDim]);
      if (this.logitSoftCap !== null) logits = tf.mul(tf.tanh(tf.div(logits, this.logitSoftCap)), this.logitSoftCap);
      return logits;
    });
  }

  /** The ids' mask (with maskZero) for a lookup; none for the reverse projection. */
  override computeMask(inputs: Tensors, mask?: CallOptions['mask'], options: Record<string, unknown> = {}): tf.Tensor | null {
    return options.reverse ? null : super.computeMask(inputs, mask);
  }

  override computeOutputShape(inputShape: Shape, options: ReversibleEmbeddingCallOptions = {}): Shape {
    if (!options.reverse) return super.computeOutputShape(inputShape);
    return [...inputShape.slice(0, -1), this.inputDim];
  }

  override getConfig(): EmbeddingConfig & { tie_weights: boolean; reverse_dtype: null; logit_soft_cap: number | null } {
    return { ...super.getConfig(), tie_weights: this.tieWeights, reverse_dtype: null, logit_soft_cap: this.logitSoftCap };
  }

  static override fromConfig(config: Record<string, unknown>): ReversibleEmbedding {
    const reverseDtype = config.reverse_dtype ?? null;
    if (reverseDtype !== null && reverseDtype !== 'float32') {
      throw new TypeError(`ReversibleEmbedding "${String(config.name)}": Strata computes the reverse projection in float32; received reverse_dtype ${JSON.stringify(reverseDtype)}.`);
    }
    return new ReversibleEmbedding(config.input_dim as number, config.output_dim as number, {
      ...embeddingArgsFromConfig(config),
      tieWeights: (config.tie_weights as boolean | undefined) ?? true,
      logitSoftCap: (config.logit_soft_cap as number | null | undefined) ?? null,
    });
  }
}
