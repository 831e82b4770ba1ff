// Keras's framed signal ops (keras.ops.math): extract_sequences, stft and istft, with torch's conventions
// (periodic windows, reflect padding when centered, windows shorter than the FFT centered in it).
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { type ComplexPair, inverseReal, pairOf, partsOf } from './spectral-utils';
import { floatInput } from './math-utils';

/** Frames of `length` samples every `stride` samples along the last axis: (..., samples) to (..., frames, length). */
function frames(x: tf.Tensor, length: number, stride: number): tf.Tensor {
  const samples = x.shape[x.rank - 1];
  const count = Math.max(0, Math.floor((samples - length) / stride) + 1);
  const starts = tf.mul(tf.reshape(tf.range(0, count, 1, 'int32'), [count, 1]), tf.scalar(stride, 'int32'));
  const indices = tf.add(starts, tf.reshape(tf.range(0, length, 1, 'int32'), [1, length]));
  return tf.gather(x, indices, x.rank - 1);
}

/** `ops.extract_sequences(x, sequenceLength, sequenceStride)`: overlapping frames along the last axis. */
export const extractSequences = /* @__PURE__ */ defineOp({ name: 'extract_sequences', module: 'math' }, function extractSequences(x: TensorLike, sequenceLength: number, sequenceStride: number): tf.Tensor {
  if (!Number.isInteger(sequenceLength) || sequenceLength < 1) throw new RangeError(`extract_sequences: sequenceLength must be a positive integer; received ${sequenceLength}.`);
  if (!Number.isInteger(sequenceStride) || sequenceStride < 1) throw new RangeError(`extract_sequences: sequenceStride must be a positive integer; received ${sequenceStride}.`);
  return tf.tidy(() => {
    const tensor = floatInput(x);
    if (tensor.rank < 1) throw new RangeError('extract_sequences: x must have rank >= 1; received a scalar.');
    const samples = tensor.shape[tensor.rank - 1];
    if (sequenceLength > samples) throw new RangeError(`extract_sequences: sequenceLength (${sequenceLength}) exceeds the ${samples} samples of the last axis.`);
    const result = frames(tensor, sequenceLength, sequenceStride);
    const original = x instanceof tf.Tensor ? x.dtype : tensor.dtype;
    return original === 'float32' ? result : tf.cast(result, original);
  });
});

/** A window name or values. */
export type Window = 'hann' | 'hamming' | TensorLike | null;

/** The window of `length` samples (periodic Hann or Hamming, given values, or ones for null). */
function windowOf(name: string, window: Window | undefined, length: number): tf.Tensor {
  if (window === null) return tf.ones([length]);
  const choice = window ?? 'hann';
  if (typeof choice === 'string') {
    if (choice !== 'hann' && choice !== 'hamming') throw new RangeError(`${name}: a window name must be "hann" or "hamming"; received "${choice}".`);
    const [a, b] = choice === 'hann' ? [0.5, 0.5] : [0.54, 0.46];
    const n = tf.range(0, length, 1, 'float32');
    return tf.sub(a, tf.mul(b, tf.cos(tf.mul(n, (2 * Math.PI) / length))));
  }
  const values = floatInput(choice);
  if (values.rank !== 1 || values.shape[0] !== length) throw new RangeError(`${name}: the window must have shape [${length}] (sequenceLength); received [${values.shape}].`);
  return values;
}

/** `window` zero-padded to `fftLength`, centered as torch centers a shorter window. */
function padWindow(window: tf.Tensor, fftLength: number): tf.Tensor {
  const left = Math.floor((fftLength - window.shape[0]) / 2);
  return tf.pad(window, [[left, fftLength - window.shape[0] - left]]);
}

export interface StftOptions {
  /** "hann" (the default), "hamming", the window's values, or null for none. */
  window?: Window;
  /** Reflect-pad fftLength / 2 samples on both sides so that frame t centers on sample t * stride. Default true. */
  center?: boolean;
}

/**
 * `ops.stft(x, sequenceLength, sequenceStride, fftLength, {window, center})`: the short-time Fourier transform
 * along the last axis, [real, imag] of shape (..., frames, fftLength / 2 + 1).
 */
export const stft = /* @__PURE__ */ defineOp({ name: 'stft', module: 'math' }, function stft(x: TensorLike, sequenceLength: number, sequenceStride: number, fftLength: number, options: StftOptions = {}): [tf.Tensor, tf.Tensor] {
  if (!Number.isInteger(sequenceStride) || sequenceStride <= 0) throw new RangeError(`stft: sequenceStride must be a positive integer; received ${sequenceStride}.`);
  if (fftLength < sequenceLength) throw new RangeError(`stft: fftLength must be at least sequenceLength; received sequenceLength=${sequenceLength}, fftLength=${fftLength}.`);
  if (x instanceof tf.Tensor && x.dtype !== 'float32') throw new TypeError(`stft: x must be a float32 tensor; received dtype ${x.dtype}.`);
  return tf.tidy(() => {
    const signal = floatInput(x);
    const batchShape = signal.shape.slice(0, -1);
    let flat = tf.reshape(signal, [-1, signal.shape[signal.rank - 1]]);
    const window = padWindow(windowOf('stft', options.window, sequenceLength), fftLength);
    if (options.center ?? true) {
      const half = Math.floor(fftLength / 2);
      flat = tf.mirrorPad(flat, [[0, 0], [half, half]], 'reflect');
    }
    const framed = tf.mul(frames(flat, fftLength, sequenceStride), window);
    const spectrum = tf.spectral.rfft(framed);
    return pairOf(tf.reshape(spectrum, [...batchShape, ...spectrum.shape.slice(1)]));
  });
});

/** Sums (..., frames, length) frames placed every `stride` samples: (..., (frames - 1) * stride + length). */
function overlapAdd(x: tf.Tensor, stride: number): tf.Tensor {
  const [count, length] = x.shape.slice(-2);
  const batchShape = x.shape.slice(0, -2);
  const total = (count - 1) * stride + length;
  const positions: tf.Tensor1D = tf.reshape(tf.add(tf.mul(tf.reshape(tf.range(0, count, 1, 'int32'), [count, 1]), tf.scalar(stride, 'int32')), tf.range(0, length, 1, 'int32')), [-1]);
  const columns = tf.transpose(tf.reshape(x, [-1, count * length])); // (count * length, batch)
  const summed = tf.unsortedSegmentSum(columns, positions, total); // (total, batch)
  return tf.reshape(tf.transpose(summed), [...batchShape, total]);
}

export interface IstftOptions extends StftOptions {
  /** The output's length; null (the default) keeps every sample the frames cover (minus the centering pad). */
  length?: number | null;
}

/** `ops.istft([real, imag], sequenceLength, sequenceStride, fftLength, {length, window, center})`: inverts `stft`. */
export const istft = /* @__PURE__ */ defineOp({ name: 'istft', module: 'math' }, function istft(
  x: ComplexPair,
  sequenceLength: number,
  sequenceStride: number,
  fftLength: number,
  options: IstftOptions = {},
): tf.Tensor {
  if (!Number.isInteger(sequenceStride) || sequenceStride <= 0) throw new RangeError(`istft: sequenceStride must be a positive integer; received ${sequenceStride}.`);
  return tf.tidy(() => {
    const [real, imag] = partsOf('istft', x, 2);
    const center = options.center ?? true;
    const hasWindow = options.window !== null;
    const window = padWindow(windowOf('istft', options.window, sequenceLength), fftLength);
    const framed = inverseReal(real, imag, fftLength); // (..., frames, fftLength)
    const count = framed.shape[framed.rank - 2];
    const half = Math.floor(fftLength / 2);
    if (sequenceLength === fftLength && center && hasWindow) {
      // torch.istft: overlap-add the windowed frames, divide by the overlap-added squared window, drop the centering.
      const signal = overlapAdd(tf.mul(framed, window), sequenceStride);
      const envelope = overlapAdd(tf.tile(tf.reshape(tf.square(window), [1, fftLength]), [count, 1]), sequenceStride);
      const normalized = tf.div(signal, envelope);
      const total = normalized.shape[normalized.rank - 1];
      const end = options.length === undefined || options.length === null ? total - half : half + options.length;
      const kept = tf.slice(normalized, [...normalized.shape.slice(0, -1).map(() => 0), half], [...normalized.shape.slice(0, -1), Math.min(end, total) - half]);
      return end > total ? tf.pad(kept, [...kept.shape.slice(0, -1).map((): [number, number] => [0, 0]), [0, end - total]]) : kept;
    }
    // Keras's general path: each window divided by the sum of the squared windows that overlap it.
    let weighted = framed;
    if (hasWindow) {
      const overlaps = Math.ceil(fftLength / sequenceStride);
      const squares = tf.pad(tf.square(window), [[0, overlaps * sequenceStride - fftLength]]);
      const perPhase = tf.sum(tf.reshape(squares, [overlaps, sequenceStride]), 0, true);
      const denominator = tf.slice(tf.reshape(tf.tile(perPhase, [overlaps, 1]), [-1]), [0], [fftLength]);
      weighted = tf.mul(framed, tf.div(window, denominator));
    }
    const signal = overlapAdd(weighted, sequenceStride);
    const total = signal.shape[signal.rank - 1];
    const start = center ? half : 0;
    let end: number;
    if (options.length !== undefined && options.length !== null) end = start + options.length;
    else end = center ? total - half : fftLength + sequenceStride * (count - 1);
    return tf.slice(signal, [...signal.shape.slice(0, -1).map(() => 0), start], [...signal.shape.slice(0, -1), Math.max(0, Math.min(end, total) - start)]);
  });
});
