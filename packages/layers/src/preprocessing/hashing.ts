import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, FLOAT32_POLICY, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type EncodingMode, encodeCategorical, encodedShape } from './encoding';
import { fingerprint64 } from './farmhash';
import { sipHash24 } from './siphash';
import { type LookupInput, type Token, readTokens, toInputTensor } from './string-inputs';

export type HashingOutputMode = 'int' | EncodingMode;
const OUTPUT_MODES: readonly HashingOutputMode[] = ['int', 'one_hot', 'multi_hot', 'count'];

export interface HashingArgs extends LayerArgs {
  /** The number of bins, mask bin included. Required. */
  numBins?: number;
  /** A value that hashes to bin 0 (the other values to bins 1..numBins-1). Default `null`: no mask. */
  maskValue?: string | number | null;
  /** A key for the keyed (SipHash) hash: one integer (used twice) or two. Default `null`: the unkeyed FarmHash. */
  salt?: number | [number, number] | null;
  /** `'int'` (the default: the bin index), `'one_hot'`, `'multi_hot'` or `'count'`. */
  outputMode?: HashingOutputMode;
  /** Sparse outputs are not supported in Strata (tfjs has no sparse tensors); must stay false. */
  sparse?: boolean;
}

/** Keras's dtype policy for the int output (Keras computes in int64; Strata's indices are int32). */
const INT64_POLICY = { ...FLOAT32_POLICY, config: { name: 'int64' } };
const utf8 = new TextEncoder();

/**
 * Keras's `Hashing`: maps strings and integers to `numBins` bins with
 * TensorFlow's string hashes, bit for bit: FarmHash Fingerprint64
 * (`to_hash_bucket_fast`), or SipHash-2-4 under `salt`
 * (`to_hash_bucket_strong`). Integers hash as their decimal text and floats
 * are truncated to integers first, as Keras does. Outputs int32 bin indices
 * (Keras: int64), or their one-hot, multi-hot or count encoding.
 */
export class Hashing extends Layer {
  static override className = 'Hashing';
  readonly numBins: number;
  readonly maskValue: string | number | null;
  readonly salt: [number, number] | null;
  readonly outputMode: HashingOutputMode;
  readonly sparse = false;

  constructor(args: HashingArgs = {}) {
    super(args);
    const { numBins, maskValue = null, salt = null, outputMode = 'int' } = args;
    if (numBins === undefined || numBins === null || !Number.isInteger(numBins) || numBins <= 0) {
      throw new RangeError(`Hashing "${this.name}" received num_bins=${numBins}; expected a positive integer.`);
    }
    if (!OUTPUT_MODES.includes(outputMode)) {
      throw new RangeError(`Hashing "${this.name}" received output_mode=${JSON.stringify(outputMode)}; expected one of ${OUTPUT_MODES.map((m) => `"${m}"`).join(', ')}.`);
    }
    if (args.sparse) {
      throw new RangeError(`Hashing "${this.name}" received sparse=true, which Strata does not support (tfjs has no sparse tensors); expected sparse=false.`);
    }
    this.numBins = numBins;
    this.maskValue = maskValue;
    this.salt = standardizeSalt(this.name, salt);
    this.outputMode = outputMode;
    this.hasBuildConfig = false;
  }

  /** The bin of one value: its hash modulo the bins left after the mask bin, shifted past it. */
  hashValue(value: Token): number {
    const masked = this.maskValue !== null && this.numBins > 1;
    if (masked && value === this.maskValue) return 0;
    const bins = BigInt(masked ? this.numBins - 1 : this.numBins);
    const text = typeof value === 'number' ? String(Math.trunc(value)) : value;
    const bytes = utf8.encode(text);
    const hash = this.salt === null ? fingerprint64(bytes) : sipHash24([BigInt.asUintN(64, BigInt(this.salt[0])), BigInt.asUintN(64, BigInt(this.salt[1]))], bytes);
    return Number(hash % bins) + (masked ? 1 : 0);
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = toInputTensor(inputs as unknown as LookupInput, 'Hashing');
    const bins = Int32Array.from(readTokens(input), (value) => this.hashValue(value));
    let shape = input.shape;
    if (input !== inputs) input.dispose();
    if (this.outputMode === 'int') return tf.tensor(bins, shape, 'int32');
    // Keras squeezes a last axis of 1 before one-hot encoding.
    if (this.outputMode === 'one_hot' && shape.length > 0 && shape[shape.length - 1] === 1) shape = shape.slice(0, -1);
    return tf.tidy(() => encodeCategorical(tf.tensor(bins, shape, 'int32'), this.outputMode as EncodingMode, this.numBins));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.outputMode === 'int' ? inputShape : encodedShape(inputShape, this.outputMode, this.numBins);
  }

  protected override outputDtype(): tf.DataType {
    return this.outputMode === 'int' ? 'int32' : 'float32';
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      dtype: this.outputMode === 'int' ? INT64_POLICY : FLOAT32_POLICY,
      num_bins: this.numBins,
      salt: this.salt === null ? null : [...this.salt],
      mask_value: this.maskValue,
      output_mode: this.outputMode,
      sparse: this.sparse,
    };
  }

  static fromConfig(config: Record<string, unknown>): Hashing {
    return new Hashing({
      ...layerArgsFromConfig(config),
      numBins: config.num_bins as number,
      maskValue: (config.mask_value as string | number | null | undefined) ?? null,
      salt: (config.salt as number | [number, number] | null | undefined) ?? null,
      outputMode: (config.output_mode as HashingOutputMode | undefined) ?? 'int',
      sparse: (config.sparse as boolean | undefined) ?? false,
    });
  }
}

function standardizeSalt(name: string, salt: HashingArgs['salt']): [number, number] | null {
  if (salt === null || salt === undefined) return null;
  if (typeof salt === 'number' && Number.isInteger(salt)) return [salt, salt];
  if (Array.isArray(salt) && salt.length === 2 && salt.every(Number.isInteger)) return [salt[0], salt[1]];
  throw new RangeError(`Hashing "${name}" received salt=${JSON.stringify(salt)}; expected one integer or an array of two integers.`);
}
