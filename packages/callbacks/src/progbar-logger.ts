import { checkOptionKeys } from '@strata/ops/options';
import { Callback, type CallbackParams, type Logs } from './callback';
import type { TextOutput } from './output';
import { printMessage } from './output';
import { Progbar } from './progbar';

export interface ProgbarLoggerOptions {
  /** Where to draw; defaults to stdout (console in a browser). */
  output?: TextOutput;
  /** Clock in seconds, for tests. */
  now?: () => number;
}

/**
 * Keras 3's `ProgbarLogger`: `Epoch 1/10` and a progress bar per epoch during
 * fit (validation inside fit stays silent), a bar for evaluate and predict.
 * `CallbackList` adds one when asked (`addProgbar`).
 */
export class ProgbarLogger extends Callback {
  private progbar: Progbar | undefined;
  private seen = 0;
  private target: number | null = null;
  private verbose: 0 | 1 | 2 = 1;
  private epochs = 1;
  private calledInFit = false;
  private readonly output: TextOutput | undefined;
  private readonly now: (() => number) | undefined;

  constructor(options: ProgbarLoggerOptions = {}) {
    super();
    checkOptionKeys('ProgbarLogger', options, ['output', 'now']);
    this.output = options.output;
    this.now = options.now;
  }

  override setParams(params: CallbackParams): void {
    super.setParams(params);
    this.verbose = params.verbose;
    this.epochs = params.epochs;
    this.target = params.steps;
  }

  override onTrainBegin(): void {
    this.calledInFit = true;
  }

  override onTestBegin(): void {
    if (!this.calledInFit) {
      this.resetProgbar();
      this.ensureProgbar();
    }
  }

  override onPredictBegin(): void {
    this.resetProgbar();
    this.ensureProgbar();
  }

  override onEpochBegin(epoch: number): void {
    // The bar starts its clock here, so the first step's time includes the epoch's start-up, as in Keras.
    this.resetProgbar();
    this.ensureProgbar();
    if (this.verbose && this.epochs > 1) printMessage(`Epoch ${epoch + 1}/${this.epochs}`, this.output);
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    this.updateProgbar(batch, logs);
  }

  override onTestBatchEnd(batch: number, logs?: Logs): void {
    if (!this.calledInFit) this.updateProgbar(batch, logs);
  }

  override onPredictBatchEnd(batch: number): void {
    // Keras does not show prediction outputs.
    this.updateProgbar(batch, undefined);
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    this.finalizeProgbar(logs);
  }

  override onTestEnd(logs?: Logs): void {
    if (!this.calledInFit) this.finalizeProgbar(logs);
  }

  override onPredictEnd(logs?: Logs): void {
    this.finalizeProgbar(logs);
  }

  private resetProgbar(): void {
    this.seen = 0;
    this.progbar = undefined;
  }

  private ensureProgbar(): Progbar {
    this.progbar ??= new Progbar({ target: this.target, verbose: this.verbose, output: this.output, now: this.now });
    return this.progbar;
  }

  private updateProgbar(batch: number, logs?: Logs): void {
    const progbar = this.ensureProgbar();
    this.seen = batch + 1;
    // Only verbose 1 draws during the epoch; verbose 2 waits for the epoch's end.
    if (this.verbose === 1) progbar.update(this.seen, logs ?? {}, false);
  }

  private finalizeProgbar(logs?: Logs): void {
    const progbar = this.ensureProgbar();
    // With unknown steps, the first epoch teaches the bar its length (Keras does the same).
    if (this.target === null) {
      this.target = this.seen;
      progbar.target = this.target;
    }
    progbar.update(this.target, logs ?? {}, true);
  }
}
