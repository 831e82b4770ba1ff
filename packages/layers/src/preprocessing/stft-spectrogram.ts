import { conv } from '@strata/ops';
import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { STFT, type STFTWindow } from '../initializers/stft';
import { type DataFormat, standardizeDataFormat } from './image-utils';

export type SpectrogramMode = 'log' | 'magnitude' | 'psd' | 'real' | 'imag' | 'angle' | 'stft';
const MODES: readonly SpectrogramMode[] = ['log', 'magnitude', 'psd', 'real', 'imag', 'angle', 'stft'];
/** Keras's backend epsilon: the floor of the power and of the magnitude before the logarithm. */
const EPSILON = 1e-7;

export interface STFTSpectrogramArgs extends LayerArgs {
  /** `'log'` (the default), `'magnitude'`, `'psd'`, `'real'`, `'imag'`, `'angle'` or `'stft'` (real then imaginary parts). */
  mode?: SpectrogramMode;
  /** Samples per frame. Default 256. */
  frameLength?: number;
  /** Samples between frames, at most `frameLength`; null (the default) for half a frame. */
  frameStep?: number | null;
  /** The size of the Fourier transform, at least `frameLength`; null (the default) for the next power of two. */
  fftLength?: number | null;
  /** `'hann'` (the default), `'hamming'`, `'blackman'`, `'boxcar'`, the window's values, or null for none. */
  window?: STFTWindow | number[] | null;
  /** The periodic window rather than the symmetric one. Default false. */
  periodic?: boolean;
  /** `'density'` (the default), `'spectrum'` or null: how the window scales the kernel. */
  scaling?: 'density' | 'spectrum' | null;
  /** `'valid'` (the default) or `'same'` framing of the signal. */
  padding?: 'valid' | 'same';
  /** Keeps channels and frequencies apart (a rank-4 output) instead of flattening them together. Default false. */
  expandDims?: boolean;
  /** `'channels_last'` (the default: `(batch, time, channels)`) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
}

/**
 * Keras's `STFTSpectrogram`: the short-time Fourier transform of a signal
 * `(batch, time, channels)` as a 1-D convolution with the windowed Fourier
 * kernels of the STFT initializer (trainable, as in Keras), reported as the
 * log or linear magnitude, the power spectral density, the real or imaginary
 * part, the phase, or both parts.
 */
export class STFTSpectrogram extends Layer {
  static override className = 'STFTSpectrogram';
  readonly mode: SpectrogramMode;
  readonly frameLength: number;
  readonly frameStep: number | null;
  readonly fftLength: number | null;
  readonly window: STFTWindow | number[] | null;
  readonly periodic: boolean;
  readonly scaling: 'density' | 'spectrum' | null;
  readonly padding: 'valid' | 'same';
  readonly expandDims: boolean;
  readonly dataFormat: DataFormat;
  realKernel: LayerVariable | null = null;
  imagKernel: LayerVariable | null = null;

  constructor(args: STFTSpectrogramArgs = {}) {
    super(args);
    const { mode = 'log', frameLength = 256, frameStep = null, fftLength = null, scaling = 'density', padding = 'valid' } = args;
    const where = `STFTSpectrogram "${this.name}"`;
    if (frameStep !== null && (frameStep > frameLength || frameStep < 1)) {
      throw new RangeError(`${where} received frame_step=${frameStep}; expected a positive integer not greater than frame_length=${frameLength}.`);
    }
    if (fftLength !== null && fftLength < frameLength) {
      throw new RangeError(`${where} received fft_length=${fftLength}; expected at least frame_length=${frameLength}.`);
    }
    if (!MODES.includes(mode)) throw new RangeError(`${where} received mode=${JSON.stringify(mode)}; expected one of ${MODES.join(', ')}.`);
    if (scaling !== null && scaling !== 'density' && scaling !== 'spectrum') {
      throw new RangeError(`${where} received scaling=${JSON.stringify(scaling)}; expected null, 'density' or 'spectrum'.`);
    }
    if (padding !== 'valid' && padding !== 'same') throw new RangeError(`${where} received padding=${JSON.stringify(padding)}; expected 'valid' or 'same'.`);
    this.mode = mode;
    this.frameLength = frameLength;
    this.frameStep = frameStep;
    this.fftLength = fftLength;
    this.window = args.window === undefined ? 'hann' : args.window;
    this.periodic = args.periodic ?? false;
    this.scaling = scaling;
    this.padding = padding;
    this.expandDims = args.expandDims ?? false;
    this.dataFormat = standardizeDataFormat('STFTSpectrogram', args.dataFormat);
    // The STFT initializer checks the window's name now rather than at build time, as Keras asks SciPy at construction.
    new STFT({ window: this.window, scaling, periodic: this.periodic });
  }

  private get step(): number {
    return this.frameStep ?? Math.floor(this.frameLength / 2);
  }

  private get transformLength(): number {
    return this.fftLength ?? 2 ** Math.ceil(Math.log2(this.frameLength));
  }

  override build(inputShape: Shape): void {
    if (inputShape.length !== 3) throw new RangeError(`STFTSpectrogram "${this.name}" expects inputs of rank 3; received shape [${inputShape}].`);
    const shape = [this.frameLength, 1, Math.floor(this.transformLength / 2) + 1];
    const kernel = (side: 'real' | 'imag') => new STFT({ side, window: this.window, scaling: this.scaling, periodic: this.periodic });
    if (this.mode !== 'imag') this.realKernel = this.addWeight('real_kernel', { shape, initializer: kernel('real') });
    if (this.mode !== 'real') this.imagKernel = this.addWeight('imag_kernel', { shape, initializer: kernel('imag') });
    super.build(inputShape);
  }

  /** Each channel of each signal convolved alone: [batch, channels, frequencies, frames]. */
  private applyConv(inputs: tf.Tensor, kernel: LayerVariable): tf.Tensor {
    const [batch, a, b] = inputs.shape;
    const [time, channels] = this.dataFormat === 'channels_last' ? [a, b] : [b, a];
    const signals = this.dataFormat === 'channels_last' ? tf.transpose(inputs, [0, 2, 1]) : inputs;
    const frames = conv(tf.reshape(signals, [batch * channels, time, 1]), kernel.read(), { padding: this.padding, strides: this.step });
    const [, frameCount, frequencies] = frames.shape;
    return tf.reshape(tf.transpose(frames, [0, 2, 1]), [batch, channels, frequencies, frameCount]);
  }

  private adjustShapes(outputs: tf.Tensor): tf.Tensor {
    const [batch, channels, frequencies, frames] = outputs.shape;
    if (this.expandDims) return tf.transpose(outputs, this.dataFormat === 'channels_last' ? [0, 3, 2, 1] : [0, 1, 3, 2]);
    const flat = tf.reshape(outputs, [batch, channels * frequencies, frames]);
    return this.dataFormat === 'channels_last' ? tf.transpose(flat, [0, 2, 1]) : flat;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    if (x.dtype !== 'float32') throw new TypeError(`STFTSpectrogram "${this.name}" expects float inputs; received a ${x.dtype} tensor.`);
    return tf.tidy(() => {
      const real = this.realKernel ? this.applyConv(x, this.realKernel) : null;
      const imag = this.imagKernel ? this.applyConv(x, this.imagKernel) : null;
      if (this.mode === 'real') return this.adjustShapes(real as tf.Tensor);
      if (this.mode === 'imag') return this.adjustShapes(imag as tf.Tensor);
      if (this.mode === 'angle') return this.adjustShapes(tf.atan2(imag as tf.Tensor, real as tf.Tensor));
      if (this.mode === 'stft') return this.adjustShapes(tf.concat([real as tf.Tensor, imag as tf.Tensor], 2));
      const power = tf.add(tf.square(real as tf.Tensor), tf.square(imag as tf.Tensor));
      if (this.mode === 'psd') {
        // One-sided density: every frequency but the first and the last counts twice.
        const bins = power.shape[2] as number;
        const inner = tf.slice(power, [0, 0, 1, 0], [-1, -1, bins - 2, -1]);
        return this.adjustShapes(tf.add(power, tf.pad(inner, [[0, 0], [0, 0], [1, 1], [0, 0]])));
      }
      const linear = this.adjustShapes(tf.sqrt(tf.maximum(power, EPSILON)));
      return this.mode === 'magnitude' ? linear : tf.log(tf.maximum(linear, EPSILON));
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const [batch, a, b] = inputShape;
    const [time, channels] = this.dataFormat === 'channels_last' ? [a, b] : [b, a];
    const frequencies = (Math.floor(this.transformLength / 2) + 1) * (this.mode === 'stft' ? 2 : 1);
    const frames = time === null ? null : this.padding === 'same' ? Math.ceil(time / this.step) : Math.floor((time - this.frameLength) / this.step) + 1;
    if (this.expandDims) return this.dataFormat === 'channels_last' ? [batch, frames, frequencies, channels] : [batch, channels, frames, frequencies];
    const flat = channels === null ? null : channels * frequencies;
    return this.dataFormat === 'channels_last' ? [batch, frames, flat] : [batch, flat, frames];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      mode: this.mode,
      frame_length: this.frameLength,
      frame_step: this.frameStep,
      fft_length: this.fftLength,
      window: Array.isArray(this.window) ? [...this.window] : this.window,
      periodic: this.periodic,
      scaling: this.scaling,
      padding: this.padding,
      data_format: this.dataFormat,
      expand_dims: this.expandDims,
    };
  }

  static fromConfig(config: Record<string, unknown>): STFTSpectrogram {
    return new STFTSpectrogram({
      ...layerArgsFromConfig(config),
      mode: config.mode as SpectrogramMode | undefined,
      frameLength: config.frame_length as number | undefined,
      frameStep: (config.frame_step as number | null | undefined) ?? null,
      fftLength: (config.fft_length as number | null | undefined) ?? null,
      window: config.window as STFTWindow | number[] | null | undefined,
      periodic: config.periodic as boolean | undefined,
      scaling: config.scaling === undefined ? undefined : (config.scaling as 'density' | 'spectrum' | null),
      padding: config.padding as 'valid' | 'same' | undefined,
      expandDims: config.expand_dims as boolean | undefined,
      dataFormat: (config.data_format as DataFormat | null | undefined) ?? null,
    });
  }
}
