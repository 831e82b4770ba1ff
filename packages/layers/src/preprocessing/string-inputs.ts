import * as tf from '@tensorflow/tfjs-core';

export type Token = string | number;
export type NestedTokens = Token | NestedTokens[];
/** What the lookup and text layers take: a tensor (string or numeric) or a nested JS array. */
export type LookupInput = tf.Tensor | NestedTokens[];

/** A tensor for a nested JS array of strings (dtype 'string') or integers (int32); tensors pass through. */
export function toInputTensor(input: LookupInput | tf.Tensor[], layer: string): tf.Tensor {
  if (input instanceof tf.Tensor) return input;
  if (!Array.isArray(input)) throw new Error(`${layer} expects a tensor or an array; received ${typeof input}.`);
  let first: unknown = input;
  while (Array.isArray(first)) first = first[0];
  if (first instanceof tf.Tensor) throw new Error(`${layer} takes one input tensor; received an array of tensors.`);
  if (typeof first === 'string') return tf.tensor(input as string[]);
  return tf.tensor(input as number[], undefined, 'int32');
}

/** The values of a tensor on the host: strings for string tensors, numbers otherwise. */
export function readTokens(tensor: tf.Tensor): Token[] {
  return Array.from(tensor.dataSync() as ArrayLike<Token>);
}

/** Orders tokens as NumPy sorts them: numbers numerically, strings by Unicode code point (UTF-8 byte order). */
export function compareTokens(a: Token, b: Token): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  const xs = Array.from(x);
  const ys = Array.from(y);
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const d = (xs[i].codePointAt(0) as number) - (ys[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return xs.length - ys.length;
}
