import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { fingerprint64 } from './farmhash';
import { IndexLookup, type IndexLookupArgs, lookupArgsFromConfig } from './index-lookup';
import type { Token } from './string-inputs';

export interface StringLookupArgs extends IndexLookupArgs<string> {
  /** The text encoding of string inputs; only `'utf-8'`. Default `'utf-8'`. */
  encoding?: string;
}

/**
 * Maps strings to integer indices from a vocabulary (given, or learned by
 * `adapt`), or indices back to strings with `invert`. Inputs: string tensors
 * or nested JS string arrays. Defaults as Keras: one OOV index, OOV token
 * "[UNK]", no mask token.
 */
export class StringLookup extends IndexLookup<string> {
  static override className = 'StringLookup';
  readonly encoding: string;

  constructor(args: StringLookupArgs = {}) {
    super(args);
    if ((args.encoding ?? 'utf-8').toLowerCase().replace('_', '-') !== 'utf-8') {
      throw new Error(`StringLookup supports \`encoding\`="utf-8" only; received "${args.encoding}".`);
    }
    this.encoding = args.encoding ?? 'utf-8';
  }

  protected override defaultOovToken(): string {
    return '[UNK]';
  }

  protected override toKey(value: Token): string {
    return String(value);
  }

  /** TensorFlow's to_hash_bucket_fast: FarmHash Fingerprint64 of the UTF-8 bytes, modulo the bucket count. */
  protected override oovBucket(key: string): number {
    return Number(fingerprint64(new TextEncoder().encode(key)) % BigInt(this.numOovIndices));
  }

  protected override invertedTensor(values: Array<string | null>, shape: number[]): tf.Tensor {
    return tf.tensor(
      values.map((v) => v ?? ''),
      shape,
      'string',
    );
  }

  protected override outputDtype(): tf.DataType {
    return this.invert ? 'string' : super.outputDtype();
  }

  override getConfig(): Record<string, unknown> {
    // Keras drops vocabulary_dtype (strings only) and adds the encoding.
    return { ...super.getConfig(), encoding: this.encoding };
  }

  static fromConfig(config: Record<string, unknown>): StringLookup {
    return new StringLookup({
      ...layerArgsFromConfig(config),
      ...lookupArgsFromConfig<string>(config),
      encoding: (config.encoding as string) ?? 'utf-8',
    });
  }
}
