import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import { nextSeed } from '../engine/random';
import { isShapeList, type Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { attentionInputs, attentionMasks, causalMask, combineMasks, dropWeights, maskedSoftmax } from './attention-utils';

export interface AttentionArgs extends LayerArgs {
  /** Learn a scalar that multiplies the scores. */
  useScale?: boolean;
  /** 'dot': query · key; 'concat': sum(tanh(query + key)) times a learnt scalar. */
  scoreMode?: 'dot' | 'concat';
  /** Fraction of the attention weights to drop in training. */
  dropout?: number;
  /** Seed of the attention-score dropout. Default `null` (a fresh seed). */
  seed?: number | null;
}

export interface AttentionCallOptions extends CallOptions {
  /** Whether the call also returns the attention scores, after the output. Default `false`. */
  returnAttentionScores?: boolean;
  /** Position i of the query attends only to positions j <= i of the value. */
  useCausalMask?: boolean;
}

/**
 * Dot-product attention (Luong-style, Keras's Attention): inputs
 * `[query, value, key?]` (key defaults to value), output
 * `softmax(scores(query, key)) · value` with shape `[batch, Tq, valueDim]`.
 * The value mask hides key positions; the query mask zeroes output rows.
 */
export class Attention extends Layer {
  static override className = 'Attention';
  readonly useScale: boolean;
  readonly scoreMode: 'dot' | 'concat';
  readonly dropout: number;
  readonly seed: number | null;
  scale?: LayerVariable;
  concatScoreWeight?: LayerVariable;

  constructor(args: AttentionArgs = {}) {
    super(args);
    this.useScale = args.useScale ?? false;
    this.scoreMode = args.scoreMode ?? 'dot';
    this.dropout = args.dropout ?? 0;
    this.seed = args.seed ?? null;
    if (this.scoreMode !== 'dot' && this.scoreMode !== 'concat') {
      throw new Error(`Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=${this.scoreMode}`);
    }
    this.supportsMasking = true;
  }

  override build(_inputShape: Shape | Shape[]): void {
    if (this.useScale) this.scale = this.addWeight('scale', { shape: [], initializer: 'ones' });
    if (this.scoreMode === 'concat') this.concatScoreWeight = this.addWeight('concat_score_weight', { shape: [], initializer: 'ones' });
  }

  /** `[batch, Tq, Tv]` scores of each query step against each key step. */
  protected calculateScores(query: tf.Tensor, key: tf.Tensor): tf.Tensor {
    if (this.scoreMode === 'dot') {
      const scores = tf.matMul(query, key, false, true);
      return this.scale ? tf.mul(scores, this.scale.read()) : scores;
    }
    const sum = tf.add(tf.expandDims(query, -2), tf.expandDims(key, -3));
    const scaled = this.scale ? tf.mul(this.scale.read(), sum) : sum;
    return tf.mul(this.concatScoreWeight!.read(), tf.sum(tf.tanh(scaled), -1));
  }

  override call(inputs: Tensors, options: AttentionCallOptions = {}): Tensors {
    const { query, value, key } = attentionInputs(inputs, this.className);
    const [queryMask, valueMask] = attentionMasks(options.mask);
    const scores = this.calculateScores(query, key);
    const [, queryLength, valueLength] = scores.shape as number[];
    const scoresMask = combineMasks(
      valueMask ? tf.expandDims(valueMask, -2) : null,
      options.useCausalMask ? causalMask(queryLength, valueLength) : null,
    );
    let weights = maskedSoftmax(scores, scoresMask);
    if (options.training && this.dropout > 0) weights = dropWeights(weights, this.dropout, nextSeed(this.seed, this));
    let result = tf.matMul(weights, value);
    if (queryMask) result = tf.mul(result, tf.expandDims(tf.cast(queryMask, result.dtype), -1));
    return options.returnAttentionScores ? [result, weights] : result;
  }

  override computeMask(_inputs: Tensors, mask?: CallOptions['mask']): tf.Tensor | null {
    return attentionMasks(mask)[0];
  }

  override computeOutputShape(inputShape: Shape | Shape[], options: AttentionCallOptions = {}): Shape | Shape[] {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape as Shape];
    const query = shapes[0];
    const value = shapes[1] ?? query;
    const output = [...query.slice(0, -1), value[value.length - 1]];
    // Keras's scores: [batch, Tq, Tv].
    return options.returnAttentionScores ? [output, [...query.slice(0, -1), value[value.length - 2]]] : output;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), use_scale: this.useScale, score_mode: this.scoreMode, dropout: this.dropout };
  }

  static fromConfig(config: Record<string, unknown>): Attention {
    return new Attention({
      ...layerArgsFromConfig(config),
      useScale: config.use_scale as boolean | undefined,
      scoreMode: config.score_mode as 'dot' | 'concat' | undefined,
      dropout: config.dropout as number | undefined,
    });
  }
}
