import { checkOptionKeys } from '@strata/ops/options';
import type * as tf from '@tensorflow/tfjs-core';
import { Callback, type Logs } from './callback';
import { type MonitorMode, checkMode, readMonitor, resolveMode } from './monitor';
import { printMessage, type TextOutput } from './output';

export interface EarlyStoppingOptions {
  /** Default 'val_loss'. */
  monitor?: string;
  /** Smallest change that counts as an improvement (absolute value taken). Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** 1 prints a message when training stops. Default `0`. */
  verbose?: 0 | 1;
  /** `'min'` stops when the monitored value stops falling, `'max'` when it stops rising, `'auto'` infers it from the name (accuracy-like names are maximised). Default `'auto'`. */
  mode?: MonitorMode;
  /** Training stops unless the monitored value beats this. */
  baseline?: number;
  /** Restore the weights of the best epoch when training ends. */
  restoreBestWeights?: boolean;
  /** Epochs of warm-up before monitoring starts. */
  startFromEpoch?: number;
  /** Where messages are written. Default: stdout in Node, the console in a browser. */
  output?: TextOutput;
}

/** Keras's `EarlyStopping`: stops training once the monitored value stops improving. */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly patience: number;
  readonly verbose: 0 | 1;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  readonly mode: MonitorMode;
  wait = 0;
  stoppedEpoch = 0;
  bestEpoch = 0;
  best = Number.POSITIVE_INFINITY;
  private minDelta: number;
  private direction: 'min' | 'max' | undefined;
  private bestWeights: tf.Tensor[] | undefined;
  private readonly output: TextOutput | undefined;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    checkOptionKeys('EarlyStopping', options, ['monitor', 'minDelta', 'patience', 'verbose', 'mode', 'baseline', 'restoreBestWeights', 'startFromEpoch', 'output']);
    this.monitor = options.monitor ?? 'val_loss';
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.patience = options.patience ?? 0;
    this.verbose = options.verbose ?? 0;
    this.baseline = options.baseline;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = options.startFromEpoch ?? 0;
    this.mode = checkMode(options.mode, 'EarlyStopping');
    this.output = options.output;
  }

  override onTrainBegin(): void {
    // Instances may be reused across fit calls, as in Keras.
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestEpoch = 0;
    this.disposeBestWeights();
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    if (this.direction === undefined) {
      // Keras resolves the direction lazily, once metrics exist; `best` starts at the worst value.
      this.direction = resolveMode(this.monitor, this.mode, 'EarlyStopping');
      if (this.direction === 'min') this.minDelta = -this.minDelta;
      this.best = this.direction === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    }
    const current = readMonitor(logs, this.monitor, 'Early stopping');
    if (current === undefined || epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === undefined) {
      // If no epoch has improved yet, the current weights are the best.
      this.bestWeights = this.model.getWeights();
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) {
        this.disposeBestWeights();
        this.bestWeights = this.model.getWeights();
      }
      // Only restart the wait when both the baseline and the previous best are beaten.
      if (this.baseline === undefined || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) {
      printMessage(`Epoch ${this.stoppedEpoch + 1}: early stopping`, this.output);
    }
    if (this.restoreBestWeights && this.bestWeights !== undefined) {
      if (this.verbose > 0) {
        printMessage(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`, this.output);
      }
      this.model.setWeights(this.bestWeights);
      this.disposeBestWeights();
    }
  }

  private isImprovement(value: number, reference: number): boolean {
    const shifted = value - this.minDelta;
    return this.direction === 'min' ? shifted < reference : shifted > reference;
  }

  private disposeBestWeights(): void {
    if (this.bestWeights) for (const weight of this.bestWeights) weight.dispose();
    this.bestWeights = undefined;
  }
}
