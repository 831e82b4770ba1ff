import * as tf from '@tensorflow/tfjs-core';
import { type Constraint, type ConstraintIdentifier, getConstraint, serializeConstraint } from '../constraints';
import { EinsumDense } from '../core/einsum-dense';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import { uniqueName } from '../engine/names';
import { nextSeed } from '../engine/random';
import { isShapeList, type Shape } from '../engine/shape';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type Regularizer, type RegularizerIdentifier, serializeRegularizer } from '../regularizers';
import { attentionInputs, attentionMasks, causalMask, combineMasks, dropWeights, maskedSoftmax } from './attention-utils';

export interface GroupQueryAttentionArgs extends LayerArgs {
  /** Fraction of the attention probabilities dropped during training. Default `0`. */
  dropout?: number;
  /** Whether the projections add biases. Default `true`. */
  useBias?: boolean;
  /** Each query attends only to keys fewer than this many positions away (a band). Default `null` (no band). */
  slidingWindow?: number | null;
  /** Accepted for Keras compatibility: Strata has no fused attention kernel, the result is the same. */
  flashAttention?: boolean | null;
  /** Multiplies the attention output by a sigmoid gate projected from the query (before the output projection). Default `false`. */
  useGate?: boolean;
  /** Initializer of the projection kernels. Default `'glorot_uniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Initializer of the projection biases. Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  /** Regularizer applied to the kernel. Default `null`. */
  kernelRegularizer?: RegularizerIdentifier;
  /** Regularizer applied to the bias. Default `null`. */
  biasRegularizer?: RegularizerIdentifier;
  /** Regularizer applied to the layer's output. Default `null`. */
  activityRegularizer?: RegularizerIdentifier;
  /** Constraint applied to the kernel after each update. Default `null`. */
  kernelConstraint?: ConstraintIdentifier;
  /** Constraint applied to the bias after each update. Default `null`. */
  biasConstraint?: ConstraintIdentifier;
  /** Seed of the attention dropout. Default `null`. */
  seed?: number | null;
}

export interface GroupQueryAttentionCallOptions extends CallOptions {
  /** Bool `[batch, Tq, Tv]` (broadcastable): false where a query position must not attend to a key position. */
  attentionMask?: tf.Tensor | null;
  /** Whether the call also returns the attention scores `[batch, queryHeads, Tq, Tv]`. Default `false`. */
  returnAttentionScores?: boolean;
  /** Masks each position from attending to later ones. Default `false`. */
  useCausalMask?: boolean;
}

/**
 * Keras's GroupQueryAttention (Ainslie et al. 2023). Keras's class is GroupedQueryAttention: its default name is
 * `grouped_query_attention` and legacy .h5 configs name that class, while .keras configs write GroupQueryAttention;
 * the registry knows both.: `numQueryHeads` query heads share `numKeyValueHeads`
 * key and value heads, each key/value head serving `numQueryHeads / numKeyValueHeads` consecutive query
 * heads. Inputs `[query, value, key?]`; its EinsumDense sub-layers `query`, `key`, (`gate`,) `value` and
 * `attention_output` have Keras's equations, names and build order, so the weights load from Keras.
 */
export class GroupQueryAttention extends Layer {
  static override className = 'GroupQueryAttention';
  static override callArgumentNames = ['query', 'value', 'key'] as const;
  readonly headDim: number;
  readonly numQueryHeads: number;
  readonly numKeyValueHeads: number;
  readonly numRepeats: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly useGate: boolean;
  readonly slidingWindow: number | null;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly activityRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  readonly seed: number | null;
  /** Keras's Python class, whose snake_case name is the layer's folder in a .keras weights file. */
  static readonly kerasClassName = 'GroupedQueryAttention';
  // Keras's attribute names (`_query_dense`...), which are the sub-layers' paths in a .keras weights file,
  // declared in Keras's build order, which is the weights' order.
  _queryDense?: EinsumDense;
  _keyDense?: EinsumDense;
  _gateDense?: EinsumDense;
  _valueDense?: EinsumDense;
  _outputDense?: EinsumDense;

  constructor(headDim: number, numQueryHeads: number, numKeyValueHeads: number, args: GroupQueryAttentionArgs = {}) {
    super({ ...args, name: args.name ?? uniqueName('grouped_query_attention') });
    for (const [name, value] of [
      ['head_dim', headDim],
      ['num_query_heads', numQueryHeads],
      ['num_key_value_heads', numKeyValueHeads],
    ] as const) {
      if (!Number.isInteger(value) || value <= 0) throw new Error(`Received an invalid value for argument \`${name}\`: expected a positive integer, received ${name}=${value}.`);
    }
    if (numQueryHeads % numKeyValueHeads !== 0) {
      throw new Error(`\`num_query_heads\` must be divisible by \`num_key_value_heads\`. Received: num_query_heads=${numQueryHeads}, num_key_value_heads=${numKeyValueHeads}.`);
    }
    const slidingWindow = args.slidingWindow ?? null;
    if (slidingWindow !== null && !(Number.isInteger(slidingWindow) && slidingWindow > 0)) {
      throw new Error(`\`sliding_window\` must be \`None\` or a positive integer. Received: sliding_window=${slidingWindow}`);
    }
    this.headDim = headDim;
    this.numQueryHeads = numQueryHeads;
    this.numKeyValueHeads = numKeyValueHeads;
    this.numRepeats = numQueryHeads / numKeyValueHeads;
    this.dropout = args.dropout ?? 0;
    this.useBias = args.useBias ?? true;
    this.useGate = args.useGate ?? false;
    this.slidingWindow = slidingWindow;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
  }

  private projection(name: string, equation: string, outputShape: Array<number | null>, biasAxes: string, activation?: string): EinsumDense {
    return new EinsumDense(equation, outputShape, {
      name,
      activation,
      biasAxes: this.useBias ? biasAxes : null,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
      kernelRegularizer: this.kernelRegularizer,
      biasRegularizer: this.biasRegularizer,
      activityRegularizer: this.activityRegularizer,
      kernelConstraint: this.kernelConstraint,
      biasConstraint: this.biasConstraint,
    });
  }

  override build(inputShape: Shape | Shape[]): void {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape as Shape];
    const query = shapes[0];
    const value = shapes[1] ?? query;
    const key = shapes[2] ?? value;
    this._queryDense = this.projection('query', 'bqm,muh->bquh', [null, this.numQueryHeads, this.headDim], 'uh');
    this._queryDense.maybeBuild(query);
    this._keyDense = this.projection('key', 'bkm,mvh->bkvh', [null, this.numKeyValueHeads, this.headDim], 'vh');
    this._keyDense.maybeBuild(key);
    if (this.useGate) {
      this._gateDense = this.projection('gate', 'bqm,muh->bquh', [null, this.numQueryHeads, this.headDim], 'uh', 'sigmoid');
      this._gateDense.maybeBuild(query);
    }
    this._valueDense = this.projection('value', 'bkm,mvh->bkvh', [null, this.numKeyValueHeads, this.headDim], 'vh');
    this._valueDense.maybeBuild(value);
    this._outputDense = this.projection('attention_output', 'bquh,uhm->bqm', [null, query[query.length - 1]], 'm');
    this._outputDense.maybeBuild([null, null, this.numQueryHeads, this.headDim]);
  }

  /** `[batch, length, kvHeads, dim]` → `[batch, queryHeads, length, dim]`, each key/value head repeated for its query heads (ops.repeat). */
  private repeatHeads(projected: tf.Tensor): tf.Tensor {
    const indices = tf.tensor1d(Array.from({ length: this.numQueryHeads }, (_, i) => Math.floor(i / this.numRepeats)), 'int32');
    return tf.transpose(tf.gather(projected, indices, 2), [0, 2, 1, 3]);
  }

  override call(inputs: Tensors, options: GroupQueryAttentionCallOptions = {}): Tensors {
    const { query, value, key } = attentionInputs(inputs, this.className);
    const [queryMask, valueMask, keyMask] = attentionMasks(options.mask);
    const [queryLength, keyLength] = [query.shape[1] as number, key.shape[1] as number];
    const q = tf.transpose(tf.mul(this._queryDense!.apply(query) as tf.Tensor, 1 / Math.sqrt(this.headDim)), [0, 2, 1, 3]);
    const k = this.repeatHeads(this._keyDense!.apply(key) as tf.Tensor);
    const v = this.repeatHeads(this._valueDense!.apply(value) as tf.Tensor);
    const scores = tf.matMul(q, k, false, true);
    const mask = combineMasks(
      queryMask ? tf.reshape(queryMask, [-1, queryLength, 1]) : null,
      valueMask ? tf.reshape(valueMask, [-1, 1, keyLength]) : null,
      keyMask ? tf.reshape(keyMask, [-1, 1, keyLength]) : null,
      options.useCausalMask ? causalMask(queryLength, keyLength) : null,
      this.slidingWindow !== null ? bandMask(queryLength, keyLength, this.slidingWindow) : null,
      options.attentionMask ?? null,
    );
    const headMask = mask ? tf.expandDims(mask, 1) : null;
    let weights = maskedSoftmax(scores, headMask);
    // As MultiHeadAttention: Keras's fused dot_product_attention (no dropout, no scores returned) lets a fully
    // masked row attend uniformly; its Softmax-layer path zeroes masked positions.
    const fused = this.dropout === 0 && !options.returnAttentionScores;
    if (headMask && !fused) weights = tf.mul(weights, tf.cast(headMask, weights.dtype));
    const kept = options.training && this.dropout > 0 ? dropWeights(weights, this.dropout, nextSeed(this.seed, this)) : weights;
    let context = tf.transpose(tf.matMul(kept, v), [0, 2, 1, 3]);
    if (this._gateDense) context = tf.mul(context, this._gateDense.apply(query) as tf.Tensor);
    const output = this._outputDense!.apply(context) as tf.Tensor;
    return options.returnAttentionScores ? [output, weights] : output;
  }

  override computeMask(_inputs: Tensors, mask?: CallOptions['mask']): tf.Tensor | null {
    return attentionMasks(mask)[0];
  }

  override computeOutputShape(inputShape: Shape | Shape[], options: GroupQueryAttentionCallOptions = {}): Shape | Shape[] {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape as Shape];
    const query = shapes[0];
    const value = shapes[1] ?? query;
    const key = shapes[2] ?? value;
    if (query[query.length - 1] !== value[value.length - 1]) {
      throw new Error(
        `The last dimension of \`query_shape\` and \`value_shape\` must be equal, but are ${query[query.length - 1]}, ${value[value.length - 1]}. Received: query_shape=${JSON.stringify(query)}, value_shape=${JSON.stringify(value)}`,
      );
    }
    if (JSON.stringify(value.slice(1, -1)) !== JSON.stringify(key.slice(1, -1))) {
      throw new Error(`All dimensions of \`value\` and \`key\`, except the last one, must be equal. Received: value_shape=${JSON.stringify(value)} and key_shape=${JSON.stringify(key)}`);
    }
    if (!options.returnAttentionScores) return [...query];
    return [[...query], [query[0], this.numQueryHeads, query[1], key[1]]];
  }

  override getConfig(): Record<string, unknown> {
    const orNull = <T>(value: T | null, serialize: (v: T) => unknown) => (value ? serialize(value) : null);
    return {
      ...super.getConfig(),
      head_dim: this.headDim,
      num_query_heads: this.numQueryHeads,
      num_key_value_heads: this.numKeyValueHeads,
      use_bias: this.useBias,
      use_gate: this.useGate,
      sliding_window: this.slidingWindow,
      dropout: this.dropout,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: orNull(this.kernelRegularizer, serializeRegularizer),
      bias_regularizer: orNull(this.biasRegularizer, serializeRegularizer),
      activity_regularizer: orNull(this.activityRegularizer, serializeRegularizer),
      kernel_constraint: orNull(this.kernelConstraint, serializeConstraint),
      bias_constraint: orNull(this.biasConstraint, serializeConstraint),
      seed: this.seed,
    };
  }

  static fromConfig(config: Record<string, unknown>): GroupQueryAttention {
    return new GroupQueryAttention(config.head_dim as number, config.num_query_heads as number, config.num_key_value_heads as number, {
      ...layerArgsFromConfig(config),
      dropout: config.dropout as number | undefined,
      useBias: config.use_bias as boolean | undefined,
      useGate: config.use_gate as boolean | undefined,
      slidingWindow: config.sliding_window as number | null | undefined,
      kernelInitializer: config.kernel_initializer as InitializerIdentifier,
      biasInitializer: config.bias_initializer as InitializerIdentifier,
      kernelRegularizer: config.kernel_regularizer as RegularizerIdentifier,
      biasRegularizer: config.bias_regularizer as RegularizerIdentifier,
      activityRegularizer: config.activity_regularizer as RegularizerIdentifier,
      kernelConstraint: config.kernel_constraint as ConstraintIdentifier,
      biasConstraint: config.bias_constraint as ConstraintIdentifier,
      seed: config.seed as number | null | undefined,
    });
  }
}

/** Keras's sliding-window mask `[1, Tq, Tv]`: |i - j| < window. */
function bandMask(queryLength: number, keyLength: number, window: number): tf.Tensor {
  const rows = tf.reshape(tf.range(0, queryLength, 1, 'int32'), [1, queryLength, 1]);
  const columns = tf.reshape(tf.range(0, keyLength, 1, 'int32'), [1, 1, keyLength]);
  return tf.less(tf.abs(tf.sub(rows, columns)), window);
}
