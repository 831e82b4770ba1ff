// Keras's scaled dot-product attention (keras.ops.nn.dot_product_attention).
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { floatInput } from './nn-utils';

// Keras's additive mask value for float32: a large negative number, not -inf, so a fully masked row stays finite.
const LARGE_NEGATIVE = 3.38953e38 * -0.7;

export interface DotProductAttentionOptions {
  /** Added to the logits; broadcastable to (B, N, T, S). Exclusive with `mask`. */
  bias?: TensorLike | null;
  /** Boolean, true where a query may attend to a key; broadcastable to (B, N, T, S). */
  mask?: TensorLike | null;
  /** The logits' scale; null gives 1 / sqrt(H). */
  scale?: number | null;
  /** Lets query i attend to keys 0..i only. Default false. */
  isCausal?: boolean;
  /** Flash attention is a GPU kernel Strata does not have: null or false only. */
  flashAttention?: boolean | null;
  /** Keras supports a logits soft cap only with JAX on TPU: null only. */
  attnLogitsSoftCap?: number | null;
}

/** Moves heads before time and repeats key/value heads for grouped-query attention: (B, S, K, H) to (B, N, S, H). */
function headsFirst(x: tf.Tensor, heads: number): tf.Tensor {
  const transposed = tf.transpose(x, [0, 2, 1, 3]);
  const [b, kvHeads, s, h] = transposed.shape as number[];
  if (kvHeads === heads) return transposed;
  if (heads % kvHeads !== 0) {
    throw new RangeError(`dot_product_attention: the query's ${heads} heads must be a multiple of the key's ${kvHeads} heads.`);
  }
  // repeat_interleave: each key/value head serves `heads / kvHeads` consecutive query heads.
  const repeated = tf.tile(tf.expandDims(transposed, 2), [1, 1, heads / kvHeads, 1, 1]);
  return tf.reshape(repeated, [b, heads, s, h]);
}

/**
 * `ops.dot_product_attention(query, key, value, {bias, mask, scale, isCausal})`: softmax(Q Kᵀ * scale + bias) V
 * for (B, T, N, H) queries and (B, S, K, H) keys and values, with grouped-query attention when K divides N.
 */
export const dotProductAttention = /* @__PURE__ */ defineOp({ name: 'dot_product_attention', module: 'nn' }, function dotProductAttention(
  query: TensorLike,
  key: TensorLike,
  value: TensorLike,
  options: DotProductAttentionOptions = {},
): tf.Tensor {
  if (options.attnLogitsSoftCap !== undefined && options.attnLogitsSoftCap !== null) {
    throw new TypeError(`dot_product_attention: attnLogitsSoftCap is only supported by Keras with JAX on TPU; received ${options.attnLogitsSoftCap}.`);
  }
  if (options.flashAttention === true) throw new TypeError('dot_product_attention: flashAttention=true asks for a GPU kernel Strata does not have; pass null or false.');
  const hasMask = options.mask !== undefined && options.mask !== null;
  const hasBias = options.bias !== undefined && options.bias !== null;
  if (hasMask && hasBias) throw new TypeError('dot_product_attention: only one of bias and mask can be given; received both.');
  return tf.tidy(() => {
    const q = floatInput(query);
    const k = floatInput(key);
    const v = floatInput(value);
    if (q.rank !== 4 || k.rank !== 4 || v.rank !== 4) {
      throw new RangeError(`dot_product_attention only supports 4D inputs; received query.shape=[${q.shape}], key.shape=[${k.shape}], value.shape=[${v.shape}].`);
    }
    const heads = q.shape[2] as number;
    const qh = tf.transpose(q, [0, 2, 1, 3]);
    const kh = headsFirst(k, heads);
    const vh = headsFirst(v, heads);
    const scale = options.scale ?? 1 / Math.sqrt(q.shape[3] as number);
    let logits = tf.mul(tf.matMul(qh, kh, false, true), scale);
    const [queryLength, keyLength] = [q.shape[1] as number, k.shape[1] as number];
    const causal = options.isCausal ? tf.cast(tf.linalg.bandPart(tf.ones([queryLength, keyLength]), -1, 0), 'bool') : null;
    if (hasMask) {
      let allowed = tf.cast(toTensor(options.mask as TensorLike), 'bool');
      if (causal) allowed = tf.logicalAnd(allowed, causal);
      logits = tf.add(logits, tf.where(allowed, tf.scalar(0), tf.scalar(LARGE_NEGATIVE)));
    } else {
      if (hasBias) logits = tf.add(logits, floatInput(options.bias as TensorLike));
      if (causal) logits = tf.where(causal, logits, tf.fill(logits.shape, Number.NEGATIVE_INFINITY));
    }
    const weights = tf.softmax(logits, -1);
    return tf.transpose(tf.matMul(weights, vh), [0, 2, 1, 3]);
  });
});
