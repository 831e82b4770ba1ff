import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type AdaptData, forEachBatch } from './adapt-data';
import { encodedShape } from './encoding';
import type { LookupOutputMode } from './index-lookup';
import { type LookupInput, readTokens, toInputTensor } from './string-inputs';
import { StringLookup } from './string-lookup';
import { ngramsOf, type Split, type Standardize, splitText, standardizeText } from './text-processing';

export interface TextVectorizationArgs extends LayerArgs {
  /** The largest vocabulary (mask and OOV tokens included), or `null` for no limit. Default `null`. */
  maxTokens?: number | null;
  /** "lower_and_strip_punctuation" (default), "lower", "strip_punctuation", null, or a function of one string. */
  standardize?: Standardize;
  /** "whitespace" (default), "character", null, or a function from one string to its tokens. */
  split?: Split;
  /** null, n (all n-grams from 1 to n) or a list of widths. */
  ngrams?: number | number[] | null;
  /** `'int'` (token indices), `'multi_hot'`, `'count'` or `'tf_idf'` (one column per token). Default `'int'`. */
  outputMode?: LookupOutputMode | 'binary' | 'tf-idf';
  /** With `outputMode: 'int'`, pads or truncates each sequence to this length. Default `null` (the longest in the batch). */
  outputSequenceLength?: number | null;
  /** With a multi-hot, count or tf-idf output, pads the output to `maxTokens` columns. Default `false`. */
  padToMaxTokens?: boolean;
  /** The vocabulary, instead of `adapt()`. Default `null`. */
  vocabulary?: string[] | null;
  /** With `outputMode: 'tf_idf'` and a `vocabulary`, the inverse document frequency of each token. Default `null`. */
  idfWeights?: number[] | null;
  /** Sparse outputs; not supported (tfjs has no sparse tensors), must stay `false`. Default `false`. */
  sparse?: boolean;
  /** Ragged outputs; not supported (tfjs has no ragged tensors), must stay `false`. Default `false`. */
  ragged?: boolean;
  /** The text encoding of string inputs. Default `'utf-8'`. */
  encoding?: string;
  /** The size of the learned vocabulary, as Keras writes it in a saved config; informational. Default `null`. */
  vocabularySize?: number | null;
}

const STANDARDIZE = ['lower_and_strip_punctuation', 'lower', 'strip_punctuation'];
const SPLIT = ['whitespace', 'character'];

function serializeFunction(value: unknown): unknown {
  if (typeof value !== 'function') return value;
  return { module: null, class_name: 'function', config: value.name, registered_name: value.name };
}

/**
 * Turns strings into token indices or token-count vectors: standardizes,
 * splits, forms n-grams, then looks tokens up in a vocabulary (given, or
 * learned by `adapt`) whose index 0 is the padding token "" and 1 the OOV
 * token "[UNK]". In "int" mode, sequences are padded with 0 at the end or
 * truncated to `outputSequenceLength` (or padded to the longest in the batch).
 */
export class TextVectorization extends Layer {
  static override className = 'TextVectorization';
  readonly standardize: Standardize;
  readonly split: Split;
  readonly ngramsArg: number | number[] | null;
  readonly ngrams: number[] | null;
  readonly outputMode: LookupOutputMode;
  readonly outputSequenceLength: number | null;
  readonly encoding: string;
  readonly lookup: StringLookup;

  constructor(args: TextVectorizationArgs = {}) {
    super(args);
    const standardize = args.standardize === undefined ? 'lower_and_strip_punctuation' : args.standardize;
    if (standardize !== null && typeof standardize !== 'function' && !STANDARDIZE.includes(standardize)) {
      throw new Error(`TextVectorization does not know \`standardize\`="${standardize}"; expected one of ${STANDARDIZE.join(', ')}, null or a function.`);
    }
    const split = args.split === undefined ? 'whitespace' : args.split;
    if (split !== null && typeof split !== 'function' && !SPLIT.includes(split)) {
      throw new Error(`TextVectorization does not know \`split\`="${split}"; expected "whitespace", "character", null or a function.`);
    }
    const ngrams = args.ngrams ?? null;
    const isWidth = (n: unknown) => Number.isInteger(n) && (n as number) >= 1;
    if (!(ngrams === null || isWidth(ngrams) || (Array.isArray(ngrams) && ngrams.every(isWidth)))) {
      throw new Error(`TextVectorization: \`ngrams\` must be null, an integer, or a list of integers. Received: ngrams=${JSON.stringify(ngrams)}.`);
    }
    const mode = args.outputMode === 'binary' ? 'multi_hot' : args.outputMode === 'tf-idf' ? 'tf_idf' : (args.outputMode ?? 'int');
    const length = args.outputSequenceLength ?? null;
    if (mode === 'int' && length !== null && !(Number.isInteger(length) && length >= 0)) {
      throw new Error(`TextVectorization: \`output_sequence_length\` must be either null or an integer when \`output_mode\` is "int". Received: output_sequence_length=${length}.`);
    }
    if (mode !== 'int' && length !== null) {
      throw new Error(`TextVectorization: \`output_sequence_length\` must not be set if \`output_mode\` is not "int". Received output_sequence_length=${length}.`);
    }
    if (args.ragged) throw new Error('TextVectorization: `ragged=true` is not supported in Strata (tfjs has no ragged tensors); use ragged=false.');
    this.standardize = standardize;
    this.split = split;
    this.ngramsArg = ngrams;
    this.ngrams = typeof ngrams === 'number' ? Array.from({ length: ngrams }, (_, i) => i + 1) : ngrams;
    this.outputSequenceLength = length;
    this.encoding = args.encoding ?? 'utf-8';
    this.lookup = new StringLookup({
      name: `${this.name}_lookup`,
      maxTokens: args.maxTokens ?? null,
      vocabulary: args.vocabulary ?? null,
      idfWeights: args.idfWeights ?? null,
      padToMaxTokens: args.padToMaxTokens ?? false,
      maskToken: '',
      outputMode: mode as LookupOutputMode,
      sparse: args.sparse ?? false,
      encoding: this.encoding,
      vocabularySize: args.vocabularySize ?? null,
    });
    this.outputMode = this.lookup.outputMode;
  }

  /** Standardized, split and n-grammed tokens, one row per sample. */
  private tokenRows(input: tf.Tensor): string[][] {
    const values = readTokens(input).map((v) => standardizeText(String(v), this.standardize));
    const shape = input.shape;
    if (this.split !== null && (shape.length > 2 || (shape.length === 2 && shape[1] !== 1))) {
      throw new Error(
        `TextVectorization "${this.name}": when tokenizing strings, the input rank must be 1 or the last shape dimension must be 1. Received: inputs.shape=[${shape}] with rank=${shape.length}.`,
      );
    }
    const rows = shape.length === 0 ? 1 : shape[0];
    const width = rows === 0 ? 0 : values.length / rows;
    return Array.from({ length: rows }, (_, r) => {
      const row = values.slice(r * width, (r + 1) * width);
      const split = this.split;
      const tokens = split === null ? row : row.flatMap((text) => splitText(text, split));
      return this.ngrams ? ngramsOf(tokens, this.ngrams) : tokens;
    });
  }

  /** Learns the vocabulary from strings: a tensor or array (one document per string), or batches of them. */
  async adapt(data: AdaptData<string>): Promise<void> {
    this.lookup.resetState();
    await forEachBatch(data, (batch) => {
      const tensor = toInputTensor(batch as LookupInput, this.className);
      const rows = this.tokenRows(tensor);
      if (tensor !== batch) tensor.dispose();
      this.lookup.addTokenDocuments(rows);
    });
    this.lookup.finalizeState();
  }

  getVocabulary(includeSpecialTokens = true): string[] {
    return this.lookup.getVocabulary(includeSpecialTokens);
  }

  vocabularySize(): number {
    return this.lookup.vocabularySize();
  }

  setVocabulary(vocabulary: string[], idfWeights: number[] | null = null): void {
    this.lookup.setVocabulary(vocabulary, idfWeights);
  }

  override apply(inputs: any, options?: CallOptions): any {
    return super.apply(inputs instanceof tf.Tensor || !Array.isArray(inputs) ? inputs : toInputTensor(inputs, this.className), options);
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = toInputTensor(inputs as tf.Tensor, this.className);
    const rows = this.tokenRows(input);
    if (input !== inputs) input.dispose();
    const longest = rows.reduce((n, row) => Math.max(n, row.length), 0);
    const length = this.outputMode === 'int' ? (this.outputSequenceLength ?? longest) : Math.max(longest, 1);
    // Pad with 0 (the padding token) in "int" mode, with -1 (encodes as nothing) otherwise; truncate at the end.
    const indices = new Int32Array(rows.length * length).fill(this.outputMode === 'int' ? 0 : -1);
    rows.forEach((row, r) => indices.set(this.lookup.lookupTokens(row.slice(0, length)), r * length));
    if (this.outputMode === 'int') return tf.tensor(indices, [rows.length, length], 'int32');
    return this.lookup.encode(indices, [rows.length, length]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (this.outputMode === 'int') return [inputShape[0], this.outputSequenceLength];
    const depth = this.lookup.padToMaxTokens ? this.lookup.maxTokens : this.vocabularySize();
    return encodedShape([inputShape[0], null], this.outputMode === 'one_hot' ? 'one_hot' : 'multi_hot', depth);
  }

  protected override outputDtype(): tf.DataType {
    return this.outputMode === 'int' ? 'int32' : 'float32';
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      max_tokens: this.lookup.maxTokens,
      standardize: serializeFunction(this.standardize),
      split: serializeFunction(this.split),
      ngrams: this.ngramsArg,
      output_mode: this.outputMode,
      output_sequence_length: this.outputSequenceLength,
      pad_to_max_tokens: this.lookup.padToMaxTokens,
      sparse: false,
      ragged: false,
      vocabulary: this.lookup.inputVocabulary,
      idf_weights: this.lookup.inputIdfWeights,
      encoding: this.encoding,
      vocabulary_size: this.vocabularySize(),
    };
  }

  /** Rebuilds from a Keras config; a function `standardize` or `split` is found by name in `customObjects`. */
  static fromConfig(config: Record<string, unknown>, customObjects: Record<string, unknown> = {}): TextVectorization {
    const resolve = (key: 'standardize' | 'split') => {
      const value = config[key];
      if (value === null || value === undefined || typeof value === 'string') return value;
      const name = (value as { config?: string }).config ?? '';
      if (!Object.hasOwn(customObjects, name) || typeof customObjects[name] !== 'function') {
        throw new Error(`TextVectorization.fromConfig: the \`${key}\` function "${name}" is not in customObjects; pass it as customObjects.${name}.`);
      }
      return customObjects[name];
    };
    return new TextVectorization({
      ...layerArgsFromConfig(config),
      maxTokens: (config.max_tokens as number | null) ?? null,
      standardize: resolve('standardize') as Standardize,
      split: resolve('split') as Split,
      ngrams: (config.ngrams as number | number[] | null) ?? null,
      outputMode: (config.output_mode as LookupOutputMode) ?? 'int',
      outputSequenceLength: (config.output_sequence_length as number | null) ?? null,
      padToMaxTokens: (config.pad_to_max_tokens as boolean) ?? false,
      vocabulary: (config.vocabulary as string[] | null) ?? null,
      idfWeights: (config.idf_weights as number[] | null) ?? null,
      sparse: (config.sparse as boolean) ?? false,
      ragged: (config.ragged as boolean) ?? false,
      encoding: (config.encoding as string) ?? 'utf-8',
      vocabularySize: (config.vocabulary_size as number | null) ?? null,
    });
  }
}
