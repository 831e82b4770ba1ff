import { stft } from '@strata/ops';
import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

/** The HTK mel scale of Keras (and TensorFlow): mel(f) = 1127 ln(1 + f / 700). */
const MEL_BREAK_FREQUENCY_HERTZ = 700;
const MEL_HIGH_FREQUENCY_Q = 1127;
const hertzToMel = (hertz: number) => MEL_HIGH_FREQUENCY_Q * Math.log(1 + hertz / MEL_BREAK_FREQUENCY_HERTZ);

export type MelWindow = 'hann' | 'hamming' | number[] | null;

export interface MelSpectrogramArgs extends LayerArgs {
  /** The size of the Fourier transform. Default 2048. */
  fftLength?: number;
  /** Samples between frames. Default 512. */
  sequenceStride?: number;
  /** Samples per frame (the window's length), at most `fftLength`; null (the default) for `fftLength`. */
  sequenceLength?: number | null;
  /** `'hann'` (the default), `'hamming'`, the window's values, or null for none. */
  window?: MelWindow;
  /** Samples per second of the signal. Default 16000. */
  samplingRate?: number;
  /** The number of mel bands. Default 128. */
  numMelBins?: number;
  /** The lowest frequency of the bands, in hertz. Default 20. */
  minFreq?: number;
  /** The highest frequency of the bands, in hertz; null (the default) for half the sampling rate. */
  maxFreq?: number | null;
  /** Outputs decibels (`10 log10(power / refPower)`, floored `topDb` below the maximum) rather than power. Default true. */
  powerToDb?: boolean;
  /** How far below the maximum the decibels are floored. Default 80. */
  topDb?: number;
  /** The exponent of the magnitude: 2 (the default) for power, 1 for magnitude. */
  magExp?: number;
  /** The floor of the power before the logarithm. Default 1e-10. */
  minPower?: number;
  /** The power of 0 dB. Default 1. */
  refPower?: number;
}

/**
 * Keras's `MelSpectrogram`: the mel-scaled spectrogram of audio signals
 * `(batch, time)` or `(time,)`, as `(batch, numMelBins, frames)`: a centred
 * STFT (`ops.stft`), its magnitude to the power `magExp`, the HTK mel
 * filterbank of TensorFlow's `linear_to_mel_weight_matrix`, then decibels.
 */
export class MelSpectrogram extends Layer {
  static override className = 'MelSpectrogram';
  readonly fftLength: number;
  readonly sequenceStride: number;
  readonly sequenceLength: number;
  readonly window: MelWindow;
  readonly samplingRate: number;
  readonly numMelBins: number;
  readonly minFreq: number;
  readonly maxFreq: number;
  readonly powerToDb: boolean;
  readonly topDb: number;
  readonly magExp: number;
  readonly minPower: number;
  readonly refPower: number;

  constructor(args: MelSpectrogramArgs = {}) {
    super(args);
    this.fftLength = args.fftLength ?? 2048;
    this.sequenceStride = args.sequenceStride ?? 512;
    this.sequenceLength = args.sequenceLength ?? this.fftLength;
    if (this.fftLength < this.sequenceLength) {
      throw new RangeError(`MelSpectrogram "${this.name}" received sequence_length=${this.sequenceLength} and fft_length=${this.fftLength}; expected fft_length >= sequence_length.`);
    }
    this.window = args.window === undefined ? 'hann' : args.window;
    this.samplingRate = args.samplingRate ?? 16000;
    this.numMelBins = args.numMelBins ?? 128;
    this.minFreq = args.minFreq ?? 20;
    this.maxFreq = args.maxFreq ?? Math.trunc(this.samplingRate / 2);
    this.powerToDb = args.powerToDb ?? true;
    this.topDb = args.topDb ?? 80;
    this.magExp = args.magExp ?? 2;
    this.minPower = args.minPower ?? 1e-10;
    this.refPower = args.refPower ?? 1;
    this.hasBuildConfig = false;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    return tf.tidy(() => {
      const [real, imag] = stft(tf.cast(x, 'float32'), this.sequenceLength, this.sequenceStride, this.fftLength, { window: this.window, center: true });
      const spectrum = tf.pow(tf.sqrt(tf.add(tf.square(real), tf.square(imag))), this.magExp);
      const bins = spectrum.shape[spectrum.rank - 1];
      const flat = tf.reshape(spectrum, [-1, bins]);
      let mel = tf.reshape(tf.matMul(flat, this.melWeights(bins)), [...spectrum.shape.slice(0, -1), this.numMelBins]);
      if (this.powerToDb) mel = this.decibels(mel);
      // (..., frames, bands) -> (..., bands, frames).
      const leading = Array.from({ length: mel.rank - 2 }, (_, axis) => axis);
      return tf.transpose(mel, [...leading, mel.rank - 1, mel.rank - 2]);
    });
  }

  /** 10 log10(power / refPower), floored `topDb` below the largest value of the whole batch, as Keras's `_dbscale`. */
  private decibels(power: tf.Tensor): tf.Tensor {
    const log10 = (x: tf.Tensor) => tf.div(tf.log(x), Math.LN10);
    const reference = 10 * Math.log10(Math.max(Math.abs(this.refPower), this.minPower));
    const db = tf.sub(tf.mul(log10(tf.maximum(power, this.minPower)), 10), reference);
    return tf.maximum(db, tf.sub(tf.max(db), this.topDb));
  }

  /**
   * TensorFlow's `linear_to_mel_weight_matrix` (bins x mel bands): triangles
   * peaking at 1 between mel-spaced edges from `minFreq` to `maxFreq`, the
   * DC bin left out.
   */
  melWeights(bins: number): tf.Tensor2D {
    const nyquist = this.samplingRate / 2;
    const lowMel = hertzToMel(this.minFreq);
    const highMel = hertzToMel(this.maxFreq);
    const edges = Array.from({ length: this.numMelBins + 2 }, (_, i) => lowMel + ((highMel - lowMel) * i) / (this.numMelBins + 1));
    const weights = new Float32Array(bins * this.numMelBins);
    for (let bin = 1; bin < bins; bin++) {
      const mel = hertzToMel((nyquist * bin) / (bins - 1));
      for (let band = 0; band < this.numMelBins; band++) {
        const [lower, center, upper] = [edges[band], edges[band + 1], edges[band + 2]];
        const rising = (mel - lower) / (center - lower);
        const falling = (upper - mel) / (upper - center);
        weights[bin * this.numMelBins + band] = Math.max(0, Math.min(rising, falling));
      }
    }
    return tf.tensor2d(weights, [bins, this.numMelBins]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const frames = (time: number | null) => (time === null ? null : Math.floor((time + this.sequenceStride + 1) / this.sequenceStride));
    if (inputShape.length === 1) return [this.numMelBins, frames(inputShape[0])];
    return [inputShape[0], this.numMelBins, frames(inputShape[1])];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      fft_length: this.fftLength,
      sequence_stride: this.sequenceStride,
      sequence_length: this.sequenceLength,
      window: Array.isArray(this.window) ? [...this.window] : this.window,
      sampling_rate: this.samplingRate,
      num_mel_bins: this.numMelBins,
      min_freq: this.minFreq,
      max_freq: this.maxFreq,
      power_to_db: this.powerToDb,
      top_db: this.topDb,
      mag_exp: this.magExp,
      min_power: this.minPower,
      ref_power: this.refPower,
    };
  }

  static fromConfig(config: Record<string, unknown>): MelSpectrogram {
    const value = <T>(key: string) => (config[key] ?? undefined) as T | undefined;
    return new MelSpectrogram({
      ...layerArgsFromConfig(config),
      fftLength: value<number>('fft_length'),
      sequenceStride: value<number>('sequence_stride'),
      sequenceLength: value<number>('sequence_length'),
      window: config.window === undefined ? undefined : (config.window as MelWindow),
      samplingRate: value<number>('sampling_rate'),
      numMelBins: value<number>('num_mel_bins'),
      minFreq: value<number>('min_freq'),
      maxFreq: value<number>('max_freq'),
      powerToDb: value<boolean>('power_to_db'),
      topDb: value<number>('top_db'),
      magExp: value<number>('mag_exp'),
      minPower: value<number>('min_power'),
      refPower: value<number>('ref_power'),
    });
  }
}
