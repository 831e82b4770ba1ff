import * as tf from '@tensorflow/tfjs-core';
import { Initializer, assertShape } from './initializer';

export type STFTWindow = 'hann' | 'hamming' | 'blackman' | 'boxcar';
const WINDOWS: readonly string[] = ['hann', 'hamming', 'blackman', 'boxcar'];

export interface STFTArgs {
  /** The real (cosine) or imaginary (sine) part of the Fourier kernel. Default `'real'`. */
  side?: 'real' | 'imag';
  /** A window by name (as SciPy's `get_window`), its values (one per frame sample), or null for none. Default `'hann'`. */
  window?: STFTWindow | number[] | null;
  /** Divides by sqrt(sum(window²)) (`'density'`), by sum(|window|) (`'spectrum'`), or not at all (null). Default `'density'`. */
  scaling?: 'density' | 'spectrum' | null;
  /** The periodic window (for spectral analysis) rather than the symmetric one. Default `false`. */
  periodic?: boolean;
}

/** SciPy's `get_window(name, n, fftbins=periodic)` for the cosine-sum windows: a periodic window is the symmetric one of n + 1 points, less its last. */
function windowValues(name: STFTWindow, n: number, periodic: boolean): number[] {
  if (name === 'boxcar') return Array.from({ length: n }, () => 1);
  const m = periodic ? n + 1 : n;
  if (m === 1) return [1];
  const coefficients = name === 'hann' ? [0.5, 0.5] : name === 'hamming' ? [0.54, 0.46] : [0.42, 0.5, 0.08];
  return Array.from({ length: n }, (_, i) => {
    const phase = (2 * Math.PI * i) / (m - 1);
    return coefficients.reduce((sum, a, k) => sum + (k % 2 === 0 ? a : -a) * Math.cos(k * phase), 0);
  });
}

/**
 * Keras's STFT initializer (also named `STFTInitializer`): the real or
 * imaginary part of the windowed discrete Fourier transform, as the kernel of
 * a convolution that computes a short-time Fourier transform. The shape is
 * `[frameLength, inputChannels, fftLength / 2 + 1]`, the same kernel for each
 * input channel (Keras 3.15.1 returns one channel whatever the shape asks).
 */
export class STFT extends Initializer {
  static override className = 'STFT';
  readonly side: 'real' | 'imag';
  readonly window: STFTWindow | number[] | null;
  readonly scaling: 'density' | 'spectrum' | null;
  readonly periodic: boolean;

  constructor(args: STFTArgs = {}) {
    super();
    this.side = args.side ?? 'real';
    if (this.side !== 'real' && this.side !== 'imag') throw new Error(`STFT initializer: side should be 'real' or 'imag'; received '${String(this.side)}'.`);
    this.window = args.window === undefined ? 'hann' : args.window;
    if (typeof this.window === 'string' && !WINDOWS.includes(this.window)) {
      throw new Error(`STFT initializer: unknown window '${this.window}'; expected one of ${WINDOWS.join(', ')}, an array of window values, or null.`);
    }
    this.scaling = args.scaling === undefined ? 'density' : args.scaling;
    if (this.scaling !== null && this.scaling !== 'density' && this.scaling !== 'spectrum') {
      throw new Error(`STFT initializer: scaling must be null, 'density' or 'spectrum'; received scaling=${String(this.scaling)}.`);
    }
    this.periodic = args.periodic ?? false;
  }

  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    assertShape(this, shape);
    if (shape.length !== 3) throw new Error(`STFT initializer expects a shape [frameLength, inputChannels, fftBins]; received ${JSON.stringify(shape)}.`);
    const [frameLength, channels, bins] = shape;
    const window = this.window === null ? null : typeof this.window === 'string' ? windowValues(this.window, frameLength, this.periodic) : this.window;
    if (window !== null && window.length !== frameLength) {
      throw new Error(`STFT initializer: the window has ${window.length} values, but the frame length is ${frameLength}.`);
    }
    let scale = 1;
    if (window !== null && this.scaling === 'density') scale = Math.sqrt(window.reduce((sum, w) => sum + w * w, 0));
    if (window !== null && this.scaling === 'spectrum') scale = window.reduce((sum, w) => sum + Math.abs(w), 0);
    const fftLength = (bins - 1) * 2;
    const values = new Float32Array(frameLength * channels * bins);
    for (let t = 0; t < frameLength; t++) {
      for (let c = 0; c < channels; c++) {
        for (let f = 0; f < bins; f++) {
          const angle = (-2 * t * f * Math.PI) / fftLength;
          const wave = this.side === 'real' ? Math.cos(angle) : Math.sin(angle);
          values[(t * channels + c) * bins + f] = window === null ? wave : (wave * window[t]) / scale;
        }
      }
    }
    return tf.tensor(values, shape, dtype);
  }

  override getConfig(): Record<string, unknown> {
    return { side: this.side, window: Array.isArray(this.window) ? [...this.window] : this.window, periodic: this.periodic, scaling: this.scaling };
  }
}
