// Keras's Fourier transforms (keras.ops.math): fft, fft2, ifft2, rfft and irfft. Keras passes complex values as
// [real, imag] pairs of float tensors; Strata computes through tfjs's complex64 FFT along the last axis.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { floatInput } from './math-utils';
import { type ComplexPair, complexOf, fitLastAxis, inverseReal, pairOf, partsOf } from './spectral-utils';

export type { ComplexPair } from './spectral-utils';

function swapLastTwo(x: tf.Tensor): tf.Tensor {
  const order = Array.from({ length: x.rank }, (_, i) => i);
  [order[x.rank - 2], order[x.rank - 1]] = [order[x.rank - 1], order[x.rank - 2]];
  return tf.transpose(x, order);
}

/** A transform of the last two axes: along the last, then along the one before it. */
function twoDimensional(x: tf.Tensor, transform: (t: tf.Tensor) => tf.Tensor): tf.Tensor {
  return swapLastTwo(transform(swapLastTwo(transform(x))));
}

/** `ops.fft([real, imag])`: the discrete Fourier transform along the last axis. */
export const fft = /* @__PURE__ */ defineOp({ name: 'fft', module: 'math' }, function fft(x: ComplexPair): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => pairOf(tf.spectral.fft(complexOf('fft', x, 1))));
});

/** `ops.fft2([real, imag])`: the 2-D discrete Fourier transform over the last two axes. */
export const fft2 = /* @__PURE__ */ defineOp({ name: 'fft2', module: 'math' }, function fft2(x: ComplexPair): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => pairOf(twoDimensional(complexOf('fft2', x, 2), (t) => tf.spectral.fft(t))));
});

/** `ops.ifft2([real, imag])`: the inverse 2-D discrete Fourier transform over the last two axes. */
export const ifft2 = /* @__PURE__ */ defineOp({ name: 'ifft2', module: 'math' }, function ifft2(x: ComplexPair): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => pairOf(twoDimensional(complexOf('ifft2', x, 2), (t) => tf.spectral.ifft(t))));
});

export interface FftLengthOptions {
  /** The transform's length along the last axis; null (the default) takes the input's. */
  fftLength?: number | null;
}

/** `ops.rfft(x, {fftLength})`: the Fourier transform of a real signal, fftLength / 2 + 1 frequencies. */
export const rfft = /* @__PURE__ */ defineOp({ name: 'rfft', module: 'math' }, function rfft(x: TensorLike, options: FftLengthOptions = {}): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const signal = floatInput(x);
    if (signal.rank < 1) throw new RangeError(`rfft: the input must have rank >= 1; received a scalar.`);
    const length = options.fftLength ?? signal.shape[signal.rank - 1];
    return pairOf(tf.spectral.rfft(fitLastAxis(signal, length)));
  });
});

/** `ops.irfft([real, imag], {fftLength})`: the real signal of a one-sided spectrum; fftLength defaults to 2 (n - 1). */
export const irfft = /* @__PURE__ */ defineOp({ name: 'irfft', module: 'math' }, function irfft(x: ComplexPair, options: FftLengthOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const [real, imag] = partsOf('irfft', x, 1);
    const length = options.fftLength ?? 2 * (real.shape[real.rank - 1] - 1);
    return inverseReal(real, imag, length);
  });
});
