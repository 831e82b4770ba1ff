import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { encodeCategorical, encodedShape } from './encoding';
import { fingerprint64, fingerprintCat64 } from './farmhash';
import { readTokens } from './string-inputs';

export type HashedCrossingOutputMode = 'int' | 'one_hot';

export interface HashedCrossingArgs extends LayerArgs {
  /** The number of hash bins. Required. */
  numBins?: number;
  /** `'int'` (the default: the bin index) or `'one_hot'`. */
  outputMode?: HashedCrossingOutputMode;
  /** Sparse outputs are not supported in Strata (tfjs has no sparse tensors); must stay false. */
  sparse?: boolean;
}

/** `tf.sparse.cross_hashed`'s default hash key (tensorflow/python/ops/sparse_ops.py). */
const DEFAULT_HASH_KEY = 0xdecafcaffen;
const utf8 = new TextEncoder();

/**
 * Keras's `HashedCrossing`: crosses scalar features with the hashing trick,
 * as TensorFlow's `tf.sparse.cross_hashed` does bit for bit: each feature's
 * hash (FarmHash Fingerprint64 of a string, an integer's own 64-bit value)
 * folded with FingerprintCat64 from a fixed key, modulo `numBins`. Takes two
 * or more tensors of shape `()`, `(batch,)` or `(batch, 1)`, integer or string.
 */
export class HashedCrossing extends Layer {
  static override className = 'HashedCrossing';
  readonly numBins: number;
  readonly outputMode: HashedCrossingOutputMode;
  readonly sparse = false;

  constructor(args: HashedCrossingArgs = {}) {
    super(args);
    const { numBins, outputMode = 'int' } = args;
    if (numBins === undefined || numBins === null || !Number.isInteger(numBins) || numBins <= 0) {
      throw new RangeError(`HashedCrossing "${this.name}" received num_bins=${numBins}; expected a positive integer.`);
    }
    if (outputMode !== 'int' && outputMode !== 'one_hot') {
      throw new RangeError(`HashedCrossing "${this.name}" received output_mode=${JSON.stringify(outputMode)}; expected "int" or "one_hot".`);
    }
    if (args.sparse) {
      throw new RangeError(`HashedCrossing "${this.name}" received sparse=true, which Strata does not support (tfjs has no sparse tensors); expected sparse=false.`);
    }
    this.numBins = numBins;
    this.outputMode = outputMode;
    this.hasBuildConfig = false;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const features = this.featuresOf(inputs);
    const columns = features.map((feature) => readTokens(feature).map(featureHash));
    const bins = Int32Array.from(columns[0], (_, row) => {
      let hash = DEFAULT_HASH_KEY;
      for (const column of columns) hash = fingerprintCat64(hash, column[row]);
      return Number(hash % BigInt(this.numBins));
    });
    const shape = features[0].shape;
    if (this.outputMode === 'int') return tf.tensor(bins, shape, 'int32');
    return tf.tidy(() => encodeCategorical(tf.tensor(bins, shape, 'int32'), 'one_hot', this.numBins));
  }

  private featuresOf(inputs: Tensors): tf.Tensor[] {
    if (!Array.isArray(inputs) || inputs.length < 2) {
      throw new TypeError(`HashedCrossing "${this.name}" should be called on an array of at least two tensors; received ${Array.isArray(inputs) ? `${inputs.length}` : 'one tensor'}.`);
    }
    const shape = inputs[0].shape;
    if (shape.length > 2 || (shape.length === 2 && shape[1] !== 1)) {
      throw new RangeError(`HashedCrossing "${this.name}" inputs should have shape (), (batch,) or (batch, 1); received [${shape}].`);
    }
    for (const input of inputs) {
      if (!tf.util.arraysEqual(input.shape, shape)) {
        throw new RangeError(`HashedCrossing "${this.name}" inputs should have equal shapes; received [${shape}] and [${input.shape}].`);
      }
      if (input.dtype !== 'int32' && input.dtype !== 'string') {
        throw new TypeError(`HashedCrossing "${this.name}" inputs should be integer or string tensors; received a ${input.dtype} tensor.`);
      }
    }
    return inputs;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const first = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return this.outputMode === 'int' ? first : encodedShape(first, 'one_hot', this.numBins);
  }

  protected override outputDtype(): tf.DataType {
    return this.outputMode === 'int' ? 'int32' : 'float32';
  }

  override getConfig(): Record<string, unknown> {
    // Keras's get_config lists exactly these keys (no `trainable`), with the dtype as a string (Keras's int output is int64).
    return { num_bins: this.numBins, output_mode: this.outputMode, sparse: this.sparse, name: this.name, dtype: this.outputMode === 'int' ? 'int64' : 'float32' };
  }

  static fromConfig(config: Record<string, unknown>): HashedCrossing {
    return new HashedCrossing({
      ...layerArgsFromConfig(config),
      numBins: config.num_bins as number,
      outputMode: (config.output_mode as HashedCrossingOutputMode | undefined) ?? 'int',
      sparse: (config.sparse as boolean | undefined) ?? false,
    });
  }
}

/** A feature's hash in `cross_hashed`: Fingerprint64 of a string's UTF-8 bytes, an integer's two's-complement 64 bits. */
function featureHash(value: string | number): bigint {
  return typeof value === 'string' ? fingerprint64(utf8.encode(value)) : BigInt.asUintN(64, BigInt(value));
}
