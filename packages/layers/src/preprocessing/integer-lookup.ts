import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { IndexLookup, type IndexLookupArgs, lookupArgsFromConfig } from './index-lookup';
import type { Token } from './string-inputs';

export interface IntegerLookupArgs extends IndexLookupArgs<number> {
  /** Keras accepts "int64" only. */
  vocabularyDtype?: 'int64';
}

/**
 * Maps integers to contiguous indices from a vocabulary (given, or learned by
 * `adapt`), or indices back to integers with `invert`. Defaults as Keras: one
 * OOV index, OOV token -1, no mask token; several OOV indices take
 * `value mod numOovIndices`. Indices are int32 (Keras: int64).
 */
export class IntegerLookup extends IndexLookup<number> {
  static override className = 'IntegerLookup';
  readonly vocabularyDtype = 'int64';

  constructor(args: IntegerLookupArgs = {}) {
    if (args.vocabularyDtype !== undefined && args.vocabularyDtype !== 'int64') {
      throw new Error(`IntegerLookup: only \`vocabulary_dtype\`="int64" is supported at this time. Received: vocabulary_dtype=${args.vocabularyDtype}.`);
    }
    super(args);
  }

  protected override defaultOovToken(): number {
    return -1;
  }

  protected override toKey(value: Token): number {
    const key = Number(value);
    if (!Number.isInteger(key)) throw new Error(`IntegerLookup "${this.name}" expects integer tokens; received ${JSON.stringify(value)}.`);
    return key;
  }

  /** Keras's default oov_method "floormod": value mod numOovIndices, non-negative. */
  protected override oovBucket(key: number): number {
    return ((key % this.numOovIndices) + this.numOovIndices) % this.numOovIndices;
  }

  protected override invertedTensor(values: Array<number | null>, shape: number[]): tf.Tensor {
    return tf.tensor(
      values.map((v) => v ?? -1),
      shape,
      'int32',
    );
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), vocabulary_dtype: this.vocabularyDtype };
  }

  static fromConfig(config: Record<string, unknown>): IntegerLookup {
    return new IntegerLookup({ ...layerArgsFromConfig(config), ...lookupArgsFromConfig<number>(config) });
  }
}
