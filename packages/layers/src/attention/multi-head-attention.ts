import * as tf from '@tensorflow/tfjs-core';
import { type Constraint, type ConstraintIdentifier, getConstraint, serializeConstraint } from '../constraints';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type SymbolicCallOptions, type Tensors } from '../engine/layer';
import type { SymbolicTensor } from '../engine/symbolic-tensor';
import { nextSeed } from '../engine/random';
import { isShapeList, type Shape } from '../engine/shape';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type Regularizer, type RegularizerIdentifier, serializeRegularizer } from '../regularizers';
import { attentionInputs, attentionMasks, causalMask, combineMasks, dropWeights, maskedSoftmax, slidingWindowMask } from './attention-utils';
import { HeadProjection } from './head-projection';
import type { LayerConfig } from '../engine/config-types';
import type { KerasSerialized } from '../serialization';

export interface MultiHeadAttentionArgs extends LayerArgs {
  /** Size of each value head; defaults to keyDim. */
  valueDim?: number | null;
  /** Fraction of the attention probabilities dropped during training. Default `0`. */
  dropout?: number;
  /** Whether the dense projections add biases. Default `true`. */
  useBias?: boolean;
  /** The output's trailing shape; defaults to the query's last dimension. */
  outputShape?: number | number[] | null;
  /** The axes attended over (of the query, batch first); defaults to every axis between batch and features. */
  attentionAxes?: number | number[] | null;
  /** Initializer of the projection kernels. Default `'glorot_uniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Initializer of the projection biases. Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  /** Regularizer applied to the projection kernels. Default `null`. */
  kernelRegularizer?: RegularizerIdentifier;
  /** Regularizer applied to the projection biases. Default `null`. */
  biasRegularizer?: RegularizerIdentifier;
  /** Regularizer applied to the layer's output. Default `null`. */
  activityRegularizer?: RegularizerIdentifier;
  /** Constraint applied to the projection kernels after each update. Default `null`. */
  kernelConstraint?: ConstraintIdentifier;
  /** Constraint applied to the projection biases after each update. Default `null`. */
  biasConstraint?: ConstraintIdentifier;
  /** Seed of the attention dropout. Default `null` (a fresh seed). */
  seed?: number | null;
  /**
   * Restricts each query position to the keys less than `slidingWindow` positions away on either side (a symmetric
   * band; with `useCausalMask` the causal sliding window). Default `null` (no band).
   */
  slidingWindow?: number | null;
  /** Gated attention: a sigmoid projection of the query (sub-layer `gate`) multiplies the heads' output. Default `false`. */
  useGate?: boolean;
}

export interface MultiHeadAttentionCallOptions extends CallOptions {
  /** Bool `[batch, Tq, Tv]` (broadcastable): false where a query position must not attend to a key position. */
  attentionMask?: tf.Tensor | null;
  /** Whether the call also returns the attention scores `[batch, heads, target, source]`. Default `false`. */
  returnAttentionScores?: boolean;
  /** Masks each position from attending to later ones (a decoder's causal mask). Default `false`. */
  useCausalMask?: boolean;
}

/** MultiHeadAttention's config as Keras 3 writes it. */
export type MultiHeadAttentionConfig = LayerConfig & {
  /** Number of attention heads. */
  num_heads: number;
  /** Size of each head for query and key. */
  key_dim: number;
  /** Size of each head for value. */
  value_dim: number;
  /** Dropout rate of the attention weights. */
  dropout: number;
  /** Whether the layer adds a bias vector. */
  use_bias: boolean;
  /** The output's trailing dims, or null for the query's last dim. */
  output_shape: number[] | null;
  /** The attended axes, positive after build, or null. */
  attention_axes: number[] | null;
  /** The kernels' initializer, serialized. */
  kernel_initializer: KerasSerialized;
  /** The biases' initializer, serialized. */
  bias_initializer: KerasSerialized;
  /** The kernels' regularizer, serialized, or null. */
  kernel_regularizer: KerasSerialized | null;
  /** The biases' regularizer, serialized, or null. */
  bias_regularizer: KerasSerialized | null;
  /** The output's regularizer, serialized, or null. */
  activity_regularizer: KerasSerialized | null;
  /** The kernels' constraint, serialized, or null. */
  kernel_constraint: KerasSerialized | null;
  /** The biases' constraint, serialized, or null. */
  bias_constraint: KerasSerialized | null;
  /** The seed of the random draws, or null (a fresh seed). */
  seed: number | null;
  /** Whether a sigmoid gate of the query multiplies the heads' output. */
  use_gate: boolean;
  /** The half-width of the attention band, or null for none. */
  sliding_window: number | null;
};

const product = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

/**
 * Keras's MultiHeadAttention (Vaswani et al. 2017). Inputs `[query, value,
 * key?]` (one tensor attends to itself). Sub-layers `query`, `key`, `value`
 * project to `[..., numHeads, keyDim]` (kernels `[dim, numHeads, keyDim]`),
 * and `attention_output` maps `[..., numHeads, valueDim]` back (kernel
 * `[numHeads, valueDim, ...outputShape]`), so the weights load from Keras.
 */
export class MultiHeadAttention extends Layer {
  static override className = 'MultiHeadAttention';
  /** Keras's `call(query, value, key=None, ...)`: a graph node writes the inputs as these positional arguments. */
  static override callArgumentNames = ['query', 'value', 'key'] as const;
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly outputShape: number[] | null;
  /** Normalised to positive axes by build, as Keras's config shows after building. */
  attentionAxes: number[] | null;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly activityRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  readonly seed: number | null;
  readonly slidingWindow: number | null;
  readonly useGate: boolean;
  queryDense?: HeadProjection;
  keyDense?: HeadProjection;
  gateDense?: HeadProjection;
  valueDense?: HeadProjection;
  outputDense?: HeadProjection;

  constructor(numHeads: number, keyDim: number, args: MultiHeadAttentionArgs = {}) {
    super(args);
    for (const [name, value] of [
      ['num_heads', numHeads],
      ['key_dim', keyDim],
    ] as const) {
      if (!Number.isInteger(value) || value <= 0) throw new Error(`Received an invalid value for argument \`${name}\`: expected a positive integer, received ${name}=${value}.`);
    }
    this.numHeads = numHeads;
    this.keyDim = keyDim;
    this.valueDim = args.valueDim || keyDim;
    this.dropout = args.dropout ?? 0;
    this.useBias = args.useBias ?? true;
    const shape = args.outputShape;
    this.outputShape = shape === null || shape === undefined || (Array.isArray(shape) && shape.length === 0) ? null : Array.isArray(shape) ? [...shape] : [shape];
    const axes = args.attentionAxes;
    this.attentionAxes = axes === null || axes === undefined ? null : Array.isArray(axes) ? [...axes] : [axes];
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.seed = args.seed ?? null;
    const window = args.slidingWindow ?? null;
    if (window !== null && (!Number.isInteger(window) || window <= 0)) {
      throw new Error(`MultiHeadAttention: \`slidingWindow\` must be null or a positive integer. Received: slidingWindow=${window}.`);
    }
    this.slidingWindow = window;
    this.useGate = args.useGate ?? false;
    this.supportsMasking = true;
  }

  private projection(name: string, contractedAxes: number, outputDims: number[], activation?: (x: tf.Tensor) => tf.Tensor): HeadProjection {
    return new HeadProjection({
      name,
      activation,
      contractedAxes,
      outputDims,
      useBias: this.useBias,
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
    if (JSON.stringify(value.slice(1, -1)) !== JSON.stringify(key.slice(1, -1))) {
      throw new Error(`All dimensions of \`value\` and \`key\`, except the last one, must be equal. Received: value_shape=${JSON.stringify(value)} and key_shape=${JSON.stringify(key)}`);
    }
    // Keras's attention axes are axes of the projected [batch, ..., heads, dim] tensors, defaulting to all between.
    const projectedRank = query.length + 1;
    this.attentionAxes = this.attentionAxes
      ? this.attentionAxes.map((axis) => (axis >= 0 ? axis : projectedRank - 1 + axis))
      : Array.from({ length: projectedRank - 3 }, (_, i) => i + 1);
    this.queryDense = this.projection('query', 1, [this.numHeads, this.keyDim]);
    this.queryDense.maybeBuild(query);
    this.keyDense = this.projection('key', 1, [this.numHeads, this.keyDim]);
    this.keyDense.maybeBuild(key);
    // Keras builds the gate between the key and the value projections: its weights come in that order.
    if (this.useGate) {
      this.gateDense = this.projection('gate', 1, [this.numHeads, this.valueDim], tf.sigmoid);
      this.gateDense.maybeBuild(query);
    }
    this.valueDense = this.projection('value', 1, [this.numHeads, this.valueDim]);
    this.valueDense.maybeBuild(value);
    this.outputDense = this.projection('attention_output', 2, this.outputShape ?? [query[query.length - 1] as number]);
    this.outputDense.maybeBuild([...query.slice(0, -1), this.numHeads, this.valueDim]);
  }

  /**
   * `[batch, ...axes, heads, dim]` → `[batch', heads, positions, dim]`: the
   * axes not attended over join the batch, the attended ones are flattened.
   */
  private toHeads(projected: tf.Tensor): { heads: tf.Tensor; batchDims: number[]; positionDims: number[] } {
    const rank = projected.rank;
    const attended = this.attentionAxes as number[];
    const others = Array.from({ length: rank - 3 }, (_, i) => i + 1).filter((axis) => !attended.includes(axis));
    const permuted = tf.transpose(projected, [0, ...others, ...attended, rank - 2, rank - 1]);
    const batchDims = [projected.shape[0], ...others.map((axis) => projected.shape[axis])];
    const positionDims = attended.map((axis) => projected.shape[axis]);
    const [heads, dim] = projected.shape.slice(-2);
    const flat = tf.reshape(permuted, [product(batchDims), product(positionDims), heads, dim]);
    return { heads: tf.transpose(flat, [0, 2, 1, 3]), batchDims, positionDims };
  }

  override call(inputs: Tensors, options: MultiHeadAttentionCallOptions = {}): Tensors {
    const { query, value, key } = attentionInputs(inputs, this.className);
    const [queryMask, valueMask, keyMask] = attentionMasks(options.mask);
    const gate = this.gateDense ? (this.gateDense.apply(query) as tf.Tensor) : null;
    const q = this.toHeads(tf.mul(this.queryDense!.apply(query) as tf.Tensor, 1 / Math.sqrt(this.keyDim)));
    const k = this.toHeads(this.keyDense!.apply(key) as tf.Tensor);
    const v = this.toHeads(this.valueDense!.apply(value) as tf.Tensor);
    const queryLength = product(q.positionDims);
    const keyLength = product(k.positionDims);
    let scores = tf.matMul(q.heads, k.heads, false, true);
    // Keras's mask: query mask [B, T, 1] and value / key masks [B, 1, S], causal [1, T, S], and the attention mask.
    const mask = combineMasks(
      queryMask ? tf.reshape(queryMask, [-1, queryLength, 1]) : null,
      valueMask ? tf.reshape(valueMask, [-1, 1, keyLength]) : null,
      keyMask ? tf.reshape(keyMask, [-1, 1, keyLength]) : null,
      options.useCausalMask ? causalMask(queryLength, keyLength) : null,
      this.slidingWindow !== null ? slidingWindowMask(queryLength, keyLength, this.slidingWindow) : null,
      options.attentionMask ? this.flattenAttentionMask(options.attentionMask, q.batchDims, queryLength, keyLength) : null,
    );
    const headMask = mask ? tf.expandDims(mask, 1) : null;
    let weights = maskedSoftmax(scores, headMask);
    // Keras (torch backend) runs its fused dot_product_attention unless there is dropout, the scores are returned or
    // the query is not rank 3; a row masked entirely then attends uniformly. Its other path, the Softmax layer,
    // zeroes masked positions, so such a row gets all-zero weights there.
    const fused = this.dropout === 0 && !options.returnAttentionScores && query.rank === 3;
    if (headMask && !fused) weights = tf.mul(weights, tf.cast(headMask, weights.dtype));
    if (options.training && this.dropout > 0) weights = dropWeights(weights, this.dropout, nextSeed(this.seed, this));
    // [batch', heads, T, valueDim] → [batch, ...other axes, ...attended axes, heads, valueDim] → original axis order.
    const context = tf.transpose(tf.matMul(weights, v.heads), [0, 2, 1, 3]);
    const attended = this.attentionAxes as number[];
    const rank = query.rank + 1;
    const others = Array.from({ length: rank - 3 }, (_, i) => i + 1).filter((axis) => !attended.includes(axis));
    const order = [0, ...others, ...attended, rank - 2, rank - 1];
    const unflat = tf.reshape(context, [...q.batchDims, ...q.positionDims, this.numHeads, this.valueDim]);
    const restored = tf.transpose(unflat, order.map((_, i) => order.indexOf(i)));
    const output = this.outputDense!.apply(gate ? tf.mul(restored, gate) : restored) as tf.Tensor;
    if (!options.returnAttentionScores) return output;
    scores = tf.reshape(weights, [...q.batchDims, this.numHeads, ...q.positionDims, ...k.positionDims]);
    return [output, scores];
  }

  private flattenAttentionMask(mask: tf.Tensor, batchDims: number[], queryLength: number, keyLength: number): tf.Tensor {
    const full = mask.rank === 3 && batchDims.length === 1 ? mask : tf.broadcastTo(mask, [...batchDims, queryLength, keyLength]);
    return tf.reshape(full, [-1, queryLength, keyLength]);
  }

  override computeMask(_inputs: Tensors, mask?: CallOptions['mask']): tf.Tensor | null {
    return attentionMasks(mask)[0];
  }

  override computeOutputShape(inputShape: Shape | Shape[], options: MultiHeadAttentionCallOptions = {}): Shape | Shape[] {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape as Shape];
    const query = shapes[0];
    const output = [...query.slice(0, -1), ...(this.outputShape ?? [query[query.length - 1]])];
    if (!options.returnAttentionScores) return output;
    // Scores: [batch, ...axes not attended, heads, ...query's attended axes, ...key's attended axes].
    const key = shapes[2] ?? shapes[1] ?? query;
    const attended = this.attentionAxes ?? Array.from({ length: query.length - 2 }, (_, i) => i + 1);
    const others = Array.from({ length: query.length - 2 }, (_, i) => i + 1).filter((axis) => !attended.includes(axis));
    return [output, [query[0], ...others.map((axis) => query[axis]), this.numHeads, ...attended.map((axis) => query[axis]), ...attended.map((axis) => key[axis])]];
  }

  /**
   * Keras 3.15.1's MultiHeadAttention.call takes the query's mask from the query tensor itself and ignores a
   * `query_mask` argument; `value_mask` and `key_mask` are used when given, else the value's and key's own masks.
   */
  override resolveCallMask(explicit: CallOptions['mask'], implicit: CallOptions['mask']): CallOptions['mask'] {
    const given = attentionMasks(explicit);
    const carried = attentionMasks(implicit);
    const masks = [carried[0], given[1] ?? carried[1], given[2] ?? carried[2]];
    while (masks.length > 0 && masks[masks.length - 1] === null) masks.pop();
    return masks.length === 0 ? null : masks;
  }

  /** One tensor attends to itself: Keras's call had it as both query and value. */
  override getBuildConfig(): Record<string, unknown> | null {
    const shape = this.buildInputShape;
    if (shape && !isShapeList(shape)) return { shapes_dict: { query_shape: shape, value_shape: shape } };
    return super.getBuildConfig();
  }

  /** Keras's node: query, value (the query again for one tensor), key; the masks as query_mask, value_mask, key_mask. */
  override nodeArguments(inputs: SymbolicTensor | SymbolicTensor[], options: SymbolicCallOptions = {}): { args: unknown[]; kwargs: Record<string, unknown> } {
    const { mask, ...rest } = options;
    const node = super.nodeArguments(Array.isArray(inputs) ? inputs : [inputs, inputs], rest);
    if (mask !== undefined && mask !== null) {
      const masks = Array.isArray(mask) ? mask : [mask];
      ['query_mask', 'value_mask', 'key_mask'].forEach((name, i) => {
        if (masks[i] !== undefined && masks[i] !== null) node.kwargs[name] = masks[i];
      });
    }
    return node;
  }

  override callFromNode<T>(args: unknown[], kwargs: Record<string, unknown>): { inputs: T | T[]; options: Record<string, unknown> } {
    const { query_mask: queryMask, value_mask: valueMask, key_mask: keyMask, ...rest } = kwargs;
    const call = super.callFromNode<T>(args, rest);
    const masks = [queryMask, valueMask, keyMask].map((m) => m ?? null);
    while (masks.length > 0 && masks[masks.length - 1] === null) masks.pop();
    if (masks.length > 0) call.options.mask = masks;
    return call;
  }

  override getConfig(): MultiHeadAttentionConfig {
    const orNull = <T>(value: T | null, serialize: (v: T) => KerasSerialized) => (value ? serialize(value) : null);
    return {
      ...(super.getConfig() as LayerConfig),
      num_heads: this.numHeads,
      key_dim: this.keyDim,
      value_dim: this.valueDim,
      dropout: this.dropout,
      use_bias: this.useBias,
      output_shape: this.outputShape,
      attention_axes: this.attentionAxes,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: orNull(this.kernelRegularizer, serializeRegularizer),
      bias_regularizer: orNull(this.biasRegularizer, serializeRegularizer),
      activity_regularizer: orNull(this.activityRegularizer, serializeRegularizer),
      kernel_constraint: orNull(this.kernelConstraint, serializeConstraint),
      bias_constraint: orNull(this.biasConstraint, serializeConstraint),
      seed: this.seed,
      use_gate: this.useGate,
      sliding_window: this.slidingWindow,
    };
  }

  static fromConfig(config: Record<string, unknown>): MultiHeadAttention {
    return new MultiHeadAttention(config.num_heads as number, config.key_dim as number, {
      ...layerArgsFromConfig(config),
      valueDim: config.value_dim as number | null | undefined,
      dropout: config.dropout as number | undefined,
      useBias: config.use_bias as boolean | undefined,
      outputShape: config.output_shape as number[] | null | undefined,
      attentionAxes: config.attention_axes as number[] | null | undefined,
      kernelInitializer: config.kernel_initializer as InitializerIdentifier,
      biasInitializer: config.bias_initializer as InitializerIdentifier,
      kernelRegularizer: config.kernel_regularizer as RegularizerIdentifier,
      biasRegularizer: config.bias_regularizer as RegularizerIdentifier,
      activityRegularizer: config.activity_regularizer as RegularizerIdentifier,
      kernelConstraint: config.kernel_constraint as ConstraintIdentifier,
      biasConstraint: config.bias_constraint as ConstraintIdentifier,
      seed: config.seed as number | null | undefined,
      useGate: config.use_gate as boolean | undefined,
      slidingWindow: config.sliding_window as number | null | undefined,
    });
  }
}
