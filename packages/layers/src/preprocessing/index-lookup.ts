import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type AdaptData, forEachBatch, isBatchStream } from './adapt-data';
import { encodeCategorical, encodedShape } from './encoding';
import {
  oovStartIndex,
  padIdfWeights,
  parseVocabulary,
  type SpecialTokens,
  tokenStartIndex,
  VocabularyCounter,
} from './lookup-vocabulary';
import { type LookupInput, readTokens, type Token, toInputTensor } from './string-inputs';

export type LookupOutputMode = 'int' | 'one_hot' | 'multi_hot' | 'count' | 'tf_idf';
const OUTPUT_MODES: LookupOutputMode[] = ['int', 'one_hot', 'multi_hot', 'count', 'tf_idf'];

export interface IndexLookupArgs<T extends Token> extends LayerArgs {
  /** The largest vocabulary (mask and OOV tokens included), or `null` for no limit. Default `null`. */
  maxTokens?: number | null;
  /** How many indices out-of-vocabulary tokens are hashed into. Default `1`. */
  numOovIndices?: number;
  /** A token that means "masked", given index 0; `null` for none. Default `null`. */
  maskToken?: T | null;
  /** The token returned for out-of-vocabulary indices with `invert`. Default `'[UNK]'` (StringLookup), `-1` (IntegerLookup). */
  oovToken?: T | null;
  /** The vocabulary, instead of `adapt()`: the tokens in index order, without the mask and OOV tokens. Default `null`. */
  vocabulary?: T[] | null;
  /** With `outputMode: 'tf_idf'` and a `vocabulary`, the inverse document frequency of each token. Default `null`. */
  idfWeights?: number[] | null;
  /** Maps indices back to tokens instead of tokens to indices. Default `false`. */
  invert?: boolean;
  /** "int" (default), "one_hot", "multi_hot", "count" or "tf_idf" ("binary" and "tf-idf" are old names). */
  outputMode?: LookupOutputMode | 'binary' | 'tf-idf';
  /** With a multi-hot, count or tf-idf output, pads the output to `maxTokens` columns even when the vocabulary is smaller. Default `false`. */
  padToMaxTokens?: boolean;
  /** Sparse outputs are not supported in Strata (tfjs has no sparse tensors); must stay false. */
  sparse?: boolean;
  /** The vocabulary size recorded in a Keras config (set by `fromConfig`). */
  vocabularySize?: number | null;
}

/**
 * The table lookup shared by StringLookup and IntegerLookup (Keras's
 * IndexLookup): maps tokens to indices (mask, then OOV indices, then the
 * vocabulary), or indices back to tokens with `invert`, and encodes the
 * indices as one-hot, multi-hot, count or TF-IDF vectors. The lookup runs on
 * the host, as Keras's runs in a TensorFlow hash table.
 */
export abstract class IndexLookup<T extends Token> extends Layer {
  readonly maxTokens: number | null;
  readonly numOovIndices: number;
  readonly maskToken: T | null;
  readonly oovToken: T | null;
  readonly invert: boolean;
  readonly outputMode: LookupOutputMode;
  readonly padToMaxTokens: boolean;
  readonly sparse = false;
  readonly inputVocabulary: T[] | null;
  readonly inputIdfWeights: number[] | null;
  protected readonly hasInputVocabulary: boolean;
  private frozenVocabSize: number | null;
  private tokens: T[] = [];
  private readonly tokenIndex = new Map<T, number>();
  private idfWeights: number[] | null = null;
  private counter = new VocabularyCounter<T>();

  constructor(args: IndexLookupArgs<T> & {
    /** Whether the vocabulary was given rather than learned by `adapt()`; read from saved configs. Default: whether `vocabulary` is set. */
    hasInputVocabulary?: boolean;
  }) {
    super(args);
    const name = this.className;
    const mode = args.outputMode === 'binary' ? 'multi_hot' : args.outputMode === 'tf-idf' ? 'tf_idf' : (args.outputMode ?? 'int');
    this.maxTokens = args.maxTokens ?? null;
    this.numOovIndices = args.numOovIndices ?? 1;
    this.padToMaxTokens = args.padToMaxTokens ?? false;
    this.invert = args.invert ?? false;
    if (this.maxTokens !== null && this.maxTokens <= 1) {
      throw new Error(`${name}: if set, \`max_tokens\` must be greater than 1. Received: max_tokens=${this.maxTokens}.`);
    }
    if (this.padToMaxTokens && this.maxTokens === null) {
      throw new Error(`${name}: if pad_to_max_tokens is true, \`max_tokens\` must be set. Received: max_tokens=null.`);
    }
    if (!Number.isInteger(this.numOovIndices) || this.numOovIndices < 0) {
      throw new Error(`${name}: \`num_oov_indices\` must be an integer >= 0. Received: num_oov_indices=${this.numOovIndices}.`);
    }
    if (!OUTPUT_MODES.includes(mode as LookupOutputMode)) {
      throw new Error(`${name} does not know \`output_mode\`="${mode}"; expected one of ${OUTPUT_MODES.map((m) => `"${m}"`).join(', ')}.`);
    }
    this.outputMode = mode as LookupOutputMode;
    if (this.invert && this.outputMode !== 'int') {
      throw new Error(`${name}: \`output_mode\` must be "int" when \`invert\` is true. Received: output_mode=${this.outputMode}.`);
    }
    if (args.sparse) throw new Error(`${name}: \`sparse=true\` is not supported in Strata (tfjs has no sparse tensors); use sparse=false.`);
    if (args.idfWeights && this.outputMode !== 'tf_idf') {
      throw new Error(`${name}: \`idf_weights\` should only be set if \`output_mode\` is "tf_idf". Received: output_mode=${this.outputMode}.`);
    }
    this.maskToken = args.maskToken ?? null;
    this.oovToken = args.oovToken === undefined ? this.defaultOovToken() : args.oovToken;
    this.inputVocabulary = args.vocabulary ? [...args.vocabulary] : null;
    this.inputIdfWeights = args.idfWeights ? [...args.idfWeights] : null;
    this.hasInputVocabulary = args.hasInputVocabulary ?? this.inputVocabulary !== null;
    this.frozenVocabSize = args.vocabularySize ?? null;
    if (this.outputMode === 'tf_idf' && this.hasInputVocabulary && !args.idfWeights) {
      throw new Error(`${name}: when specifying the \`vocabulary\` argument in "tf_idf" output mode, the \`idf_weights\` argument must also be provided.`);
    }
    if (this.inputVocabulary) this.setVocabulary(this.inputVocabulary, this.inputIdfWeights);
  }

  protected abstract defaultOovToken(): T | null;
  /** Converts an input value to a table key (StringLookup: strings; IntegerLookup: integers). */
  protected abstract toKey(value: Token): T;
  /** The OOV bucket in [0, numOovIndices) of an OOV key, when there are several. */
  protected abstract oovBucket(key: T): number;
  /** The output tensor of an inverted lookup. */
  protected abstract invertedTensor(values: Array<T | null>, shape: number[]): tf.Tensor;

  private get special(): SpecialTokens<T> {
    return {
      maskToken: this.maskToken,
      oovToken: this.oovToken,
      numOovIndices: this.numOovIndices,
      maskInVocabulary: this.outputMode === 'int',
      invert: this.invert,
      maxTokens: this.maxTokens,
    };
  }

  /** The vocabulary, special tokens first unless `includeSpecialTokens` is false (an index equals its position). */
  getVocabulary(includeSpecialTokens = true): T[] {
    const start = tokenStartIndex(this.special);
    const vocabulary = [...new Array(start).fill(this.oovToken), ...this.tokens] as T[];
    if (this.maskToken !== null && this.outputMode === 'int') vocabulary[0] = this.maskToken;
    return includeSpecialTokens ? vocabulary : vocabulary.slice(start);
  }

  /** The vocabulary size, mask and OOV indices included. */
  vocabularySize(): number {
    return this.tokens.length + tokenStartIndex(this.special);
  }

  /** Replaces the vocabulary (and the idf weights in "tf_idf" mode), as Keras's set_vocabulary. */
  setVocabulary(vocabulary: T[], idfWeights: number[] | null = null): void {
    const name = `${this.className} "${this.name}"`;
    if (this.outputMode === 'tf_idf' && !idfWeights) throw new Error(`${name}: \`idf_weights\` must be set if output_mode is "tf_idf".`);
    if (this.outputMode !== 'tf_idf' && idfWeights) {
      throw new Error(`${name}: \`idf_weights\` should only be set if output_mode is "tf_idf". Received: output_mode=${this.outputMode}.`);
    }
    const { tokens, foundSpecialTokens } = parseVocabulary(name, vocabulary.map((v) => this.toKey(v)), this.special);
    this.useTokens(tokens);
    if (idfWeights) {
      if (idfWeights.length !== vocabulary.length) {
        throw new Error(
          `${name}: \`idf_weights\` must be the same length as vocabulary. len(idf_weights) is ${idfWeights.length}; len(vocabulary) is ${vocabulary.length}.`,
        );
      }
      const mean = idfWeights.reduce((a, b) => a + b, 0) / idfWeights.length;
      const front = foundSpecialTokens ? 0 : tokenStartIndex(this.special);
      this.idfWeights = padIdfWeights(idfWeights, front, mean, this.padToMaxTokens ? this.maxTokens : null);
    }
  }

  private useTokens(tokens: T[]): void {
    const start = tokenStartIndex(this.special);
    this.tokens = tokens;
    this.tokenIndex.clear();
    tokens.forEach((token, i) => this.tokenIndex.set(token, start + i));
    this.recordVocabularySize();
  }

  private recordVocabularySize(): void {
    const size = this.vocabularySize();
    if (this.outputMode !== 'int' && !this.padToMaxTokens && this.frozenVocabSize !== null && size !== this.frozenVocabSize) {
      throw new Error(
        `${this.className} "${this.name}": when using output_mode=${this.outputMode} and pad_to_max_tokens=false, the vocabulary size cannot be changed after the layer is called. Old vocab size is ${this.frozenVocabSize}, new vocab size is ${size}.`,
      );
    }
    this.frozenVocabSize = size;
  }

  /**
   * Learns the vocabulary from `data` (a tensor or a nested array, whose
   * rank-1 form is one token per document, or an iterable / async iterable of
   * batches): tokens by frequency, ties in descending token order, capped at
   * `maxTokens`; in "tf_idf" mode also the inverse document frequencies.
   */
  async adapt(data: AdaptData<Token>): Promise<void> {
    this.resetState();
    const stream = isBatchStream(data);
    await forEachBatch(data, (batch) => this.updateState(batch as LookupInput, !stream));
    this.finalizeState();
  }

  /** Adds one batch to the adapt counts; a rank-1 batch is one document, or one per token when `wholeArray`. */
  updateState(batch: LookupInput, wholeArray = false): void {
    if (this.hasInputVocabulary) {
      throw new Error(
        `${this.className}: cannot adapt layer '${this.name}' after setting a static vocabulary via the \`vocabulary\` argument or \`setVocabulary()\`.`,
      );
    }
    const tensor = toInputTensor(batch, this.className);
    const tokens = readTokens(tensor).map((v) => this.toKey(v));
    const shape = tensor.shape;
    if (tensor !== batch) tensor.dispose();
    this.addDocuments(tokens, shape, wholeArray);
  }

  /** Counts flat tokens of `shape` as documents along the first axis. */
  protected addDocuments(tokens: T[], shape: number[], rank1IsManyDocuments: boolean): void {
    let documents: T[][];
    if (shape.length === 0 || (shape.length === 1 && !rank1IsManyDocuments)) documents = [tokens];
    else if (shape.length === 1) documents = tokens.map((t) => [t]);
    else {
      const size = tokens.length / shape[0];
      documents = Array.from({ length: shape[0] }, (_, i) => tokens.slice(i * size, (i + 1) * size));
    }
    this.counter.addDocuments(documents);
  }

  /** Counts rows of tokens (ragged documents), for TextVectorization. */
  addTokenDocuments(documents: T[][]): void {
    if (this.hasInputVocabulary) {
      throw new Error(`${this.className}: cannot adapt layer '${this.name}' after setting a static vocabulary.`);
    }
    this.counter.addDocuments(documents);
  }

  finalizeState(): void {
    if (this.hasInputVocabulary || this.counter.counts.size === 0) return;
    const start = tokenStartIndex(this.special);
    const tokens = this.counter.vocabulary(this.special, this.maxTokens ? this.maxTokens - start : null);
    if (this.outputMode === 'tf_idf') {
      const idf = this.counter.inverseDocumentFrequency(tokens);
      const mean = idf.length ? idf.reduce((a, b) => a + b, 0) / idf.length : 0;
      this.idfWeights = padIdfWeights(idf, start, mean, this.padToMaxTokens ? this.maxTokens : null);
    }
    this.useTokens(tokens);
    this.resetState();
  }

  resetState(): void {
    this.counter = new VocabularyCounter<T>();
  }

  /** The indices of flat input values: the mask as 0 in "int" mode and -1 (dropped) otherwise. */
  protected lookupIndices(values: Token[]): Int32Array {
    const oovStart = oovStartIndex(this.special);
    const indices = new Int32Array(values.length);
    const outOfVocabulary: T[] = [];
    values.forEach((value, i) => {
      const key = this.toKey(value);
      if (this.maskToken !== null && key === this.maskToken) {
        indices[i] = this.outputMode === 'int' ? 0 : -1;
        return;
      }
      const index = this.tokenIndex.get(key);
      if (index !== undefined) indices[i] = index;
      else if (this.numOovIndices === 0) outOfVocabulary.push(key);
      else indices[i] = oovStart + (this.numOovIndices === 1 ? 0 : this.oovBucket(key));
    });
    if (outOfVocabulary.length > 0) {
      throw new Error(
        `${this.className} "${this.name}": when \`num_oov_indices=0\` all inputs should be in vocabulary, found OOV values ${JSON.stringify(outOfVocabulary)}; consider setting \`num_oov_indices=1\`.`,
      );
    }
    return indices;
  }

  override apply(inputs: any, options?: CallOptions): any {
    return super.apply(inputs instanceof tf.Tensor || !Array.isArray(inputs) ? inputs : toInputTensor(inputs, this.className), options);
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = toInputTensor(inputs as tf.Tensor, this.className);
    const values = readTokens(input);
    if (input !== inputs) input.dispose();
    if (this.invert) {
      const start = tokenStartIndex(this.special);
      const inverted = values.map((v) => {
        const index = Number(v);
        if (this.maskToken !== null && index === 0) return this.maskToken;
        return index >= start && index < start + this.tokens.length ? this.tokens[index - start] : this.oovToken;
      });
      return this.invertedTensor(inverted, input.shape);
    }
    const indices = this.lookupIndices(values);
    if (this.outputMode === 'int') return tf.tensor(indices, input.shape, 'int32');
    return this.encode(indices, input.shape);
  }

  /** The indices of tokens (no OOV error path differences from `call`), for layers built on this one. */
  lookupTokens(tokens: Token[]): Int32Array {
    return this.lookupIndices(tokens);
  }

  /** Encodes looked-up indices of `shape` in the layer's output mode. */
  encode(indices: Int32Array, shape: number[]): tf.Tensor {
    const depth = this.depth();
    return tf.tidy(() => {
      const encoded = encodeCategorical(tf.tensor(indices, shape, 'int32'), this.outputMode === 'one_hot' ? 'one_hot' : this.outputMode === 'multi_hot' ? 'multi_hot' : 'count', depth);
      if (this.outputMode !== 'tf_idf') return encoded;
      const weights = (this.idfWeights ?? []).slice(0, depth);
      while (weights.length < depth) weights.push(0);
      return tf.mul(encoded, tf.tensor1d(weights, 'float32'));
    });
  }

  private depth(): number {
    if (this.padToMaxTokens) return this.maxTokens as number;
    if (this.frozenVocabSize === null) {
      throw new Error(
        `${this.className} "${this.name}": when using output_mode=${this.outputMode} and pad_to_max_tokens=false, you must set the layer's vocabulary before calling it. Either pass a \`vocabulary\` argument to the layer, or call \`adapt\` with some sample data.`,
      );
    }
    return this.frozenVocabSize;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (this.outputMode === 'int') return inputShape;
    const depth = this.padToMaxTokens ? this.maxTokens : this.frozenVocabSize;
    return encodedShape(inputShape, this.outputMode === 'one_hot' ? 'one_hot' : 'multi_hot', depth);
  }

  protected override outputDtype(): tf.DataType {
    return this.outputMode === 'int' ? 'int32' : 'float32';
  }

  /** The idf weights in "tf_idf" mode (padded as Keras stores them), else null. */
  getIdfWeights(): number[] | null {
    return this.idfWeights ? [...this.idfWeights] : null;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      invert: this.invert,
      max_tokens: this.maxTokens,
      num_oov_indices: this.numOovIndices,
      oov_token: this.oovToken,
      mask_token: this.maskToken,
      output_mode: this.outputMode,
      sparse: false,
      pad_to_max_tokens: this.padToMaxTokens,
      idf_weights: this.inputIdfWeights,
      vocabulary: this.inputVocabulary,
      vocabulary_size: this.frozenVocabSize,
    };
  }
}

/** The IndexLookup arguments of a Keras config. */
export function lookupArgsFromConfig<T extends Token>(config: Record<string, unknown>): IndexLookupArgs<T> {
  return {
    maxTokens: (config.max_tokens as number | null) ?? null,
    numOovIndices: (config.num_oov_indices as number) ?? 1,
    maskToken: (config.mask_token as T | null) ?? null,
    oovToken: config.oov_token as T | null | undefined,
    vocabulary: (config.vocabulary as T[] | null) ?? null,
    idfWeights: (config.idf_weights as number[] | null) ?? null,
    invert: (config.invert as boolean) ?? false,
    outputMode: (config.output_mode as LookupOutputMode) ?? 'int',
    padToMaxTokens: (config.pad_to_max_tokens as boolean) ?? false,
    sparse: (config.sparse as boolean) ?? false,
    vocabularySize: (config.vocabulary_size as number | null) ?? null,
  };
}
