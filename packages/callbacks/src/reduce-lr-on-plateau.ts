import { checkOptionKeys } from '@strata/ops/options';
import { Callback, type Logs } from './callback';
import { type MonitorMode, checkMode, readMonitor } from './monitor';
import { printMessage, type TextOutput } from './output';
import { formatFloatRepr } from './python-format';

export interface ReduceLROnPlateauOptions {
  /** Default 'val_loss'. */
  monitor?: string;
  /** `newRate = rate * factor`; must be below 1. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** 1 prints a message each time the rate is reduced. Default `0`. */
  verbose?: 0 | 1;
  /** `'min'` reduces when the monitored value stops falling, `'max'` when it stops rising, `'auto'` infers it from the name. Default `'auto'`. */
  mode?: MonitorMode;
  /** Threshold for measuring a new optimum. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Lower bound on the learning rate. Default 0. */
  minLr?: number;
  /** Where messages are written. Default: stdout in Node, the console in a browser. */
  output?: TextOutput;
}

/** Keras's `ReduceLROnPlateau`: lowers the learning rate when the monitored value stops improving. */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: 0 | 1;
  readonly mode: MonitorMode;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  wait = 0;
  cooldownCounter = 0;
  best = Number.POSITIVE_INFINITY;
  private improves: (value: number, best: number) => boolean = () => false;
  private readonly output: TextOutput | undefined;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    checkOptionKeys('ReduceLROnPlateau', options, ['monitor', 'factor', 'patience', 'verbose', 'mode', 'minDelta', 'cooldown', 'minLr', 'output']);
    this.factor = options.factor ?? 0.1;
    if (this.factor >= 1) {
      throw new Error(`ReduceLROnPlateau does not support a factor >= 1.0. Received factor=${this.factor}`);
    }
    this.monitor = options.monitor ?? 'val_loss';
    this.patience = options.patience ?? 10;
    this.verbose = options.verbose ?? 0;
    this.mode = checkMode(options.mode, 'Learning rate reduction');
    this.minDelta = options.minDelta ?? 1e-4;
    this.cooldown = options.cooldown ?? 0;
    this.minLr = options.minLr ?? 0;
    this.output = options.output;
    this.reset();
  }

  private reset(): void {
    // Keras's ReduceLROnPlateau keeps its own older auto rule: 'acc' anywhere in the name means maximise.
    if (this.mode === 'min' || (this.mode === 'auto' && !this.monitor.includes('acc'))) {
      this.improves = (value, best) => value < best - this.minDelta;
      this.best = Number.POSITIVE_INFINITY;
    } else {
      this.improves = (value, best) => value > best + this.minDelta;
      this.best = Number.NEGATIVE_INFINITY;
    }
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  override onTrainBegin(): void {
    this.reset();
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const optimizer = this.model.optimizer;
    if (!optimizer) throw new Error('ReduceLROnPlateau needs a compiled model: model.optimizer is undefined.');
    logs.learning_rate = optimizer.learningRate;
    const current = readMonitor(logs, this.monitor, 'Learning rate reduction');
    if (current === undefined) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.improves(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter <= 0) {
      this.wait += 1;
      if (this.wait >= this.patience) {
        const oldRate = optimizer.learningRate;
        // Keras compares with the float32 minimum: a float32 rate never quite equals a float64 bound.
        if (oldRate > Math.fround(this.minLr)) {
          const newRate = Math.max(oldRate * this.factor, this.minLr);
          optimizer.learningRate = newRate;
          if (this.verbose > 0) {
            printMessage(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${formatFloatRepr(newRate)}.`, this.output);
          }
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}
