// Helpers of the Fourier ops: Keras's [real, imag] pairs to and from tfjs complex64, and the inverse real transform.
import * as tf from '@tensorflow/tfjs-core';
import type { TensorLike } from '../core/tensor-like';
import { floatInput } from './math-utils';

/** A complex tensor as Keras passes it: [real part, imaginary part], two float tensors of one shape. */
export type ComplexPair = [TensorLike, TensorLike];

/** The float parts of a [real, imag] pair, refusing what Keras refuses. */
export function partsOf(name: string, x: ComplexPair, minRank: number): [tf.Tensor, tf.Tensor] {
  if (!Array.isArray(x) || x.length !== 2) {
    throw new TypeError(`${name}: x should be a pair of two tensors, [real, imag]; received ${Array.isArray(x) ? `a list of ${x.length}` : typeof x}.`);
  }
  const [real, imag] = x.map((part) => floatInput(part));
  const rawDtypes = x.map((part) => (part instanceof tf.Tensor ? part.dtype : 'float32'));
  if (rawDtypes.some((dtype) => dtype !== 'float32')) throw new TypeError(`${name}: the real and imaginary parts must be float tensors; received dtypes ${rawDtypes.join(' and ')}.`);
  if (real.shape.length !== imag.shape.length || real.shape.some((s, i) => s !== imag.shape[i])) {
    throw new RangeError(`${name}: the real and imaginary parts must have the same shape; received [${real.shape}] and [${imag.shape}].`);
  }
  if (real.rank < minRank) throw new RangeError(`${name}: the input must have rank >= ${minRank}; received shape [${real.shape}].`);
  return [real, imag];
}

/** The complex64 tensor of a [real, imag] pair. */
export function complexOf(name: string, x: ComplexPair, minRank: number): tf.Tensor {
  const [real, imag] = partsOf(name, x, minRank);
  return tf.complex(real, imag);
}

/** [real, imag] of a complex tensor. */
export function pairOf(value: tf.Tensor): [tf.Tensor, tf.Tensor] {
  return [tf.real(value), tf.imag(value)];
}

/** `x` cut or zero-padded to `length` along its last axis. */
export function fitLastAxis(x: tf.Tensor, length: number): tf.Tensor {
  const size = x.shape[x.rank - 1];
  if (size === length) return x;
  if (size > length) return tf.slice(x, x.shape.map(() => 0), [...x.shape.slice(0, -1), length]);
  return tf.pad(x, [...x.shape.slice(0, -1).map((): [number, number] => [0, 0]), [0, length - size]]);
}

/**
 * The inverse real transform of a spectrum given as float parts: the first length / 2 + 1 frequencies (cut or
 * zero-padded) extended to a Hermitian spectrum, transformed back; the imaginary parts of the zero and Nyquist
 * frequencies drop out, as in torch. (tfjs cannot slice complex tensors on the CPU, so the parts stay apart until the FFT.)
 */
export function inverseReal(real: tf.Tensor, imag: tf.Tensor, length: number): tf.Tensor {
  const bins = Math.floor(length / 2) + 1;
  const [re, im] = [fitLastAxis(real, bins), fitLastAxis(imag, bins)];
  const mirrored = length - bins; // the frequencies above Nyquist: conjugates of bins mirrored .. 1
  if (mirrored <= 0) return tf.real(tf.spectral.ifft(tf.complex(re, im)));
  const upper = (part: tf.Tensor) => tf.reverse(tf.slice(part, part.shape.map((_, i) => (i === part.rank - 1 ? 1 : 0)), [...part.shape.slice(0, -1), mirrored]), -1);
  const fullReal = tf.concat([re, upper(re)], -1);
  const fullImag = tf.concat([im, tf.neg(upper(im))], -1);
  return tf.real(tf.spectral.ifft(tf.complex(fullReal, fullImag)));
}
