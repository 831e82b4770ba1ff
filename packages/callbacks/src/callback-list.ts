import type { Callback, CallbackModel, CallbackParams, HookResult, Logs, RestoresTraining } from './callback';
import { History } from './history';
import type { TextOutput } from './output';
import { ProgbarLogger } from './progbar-logger';

export interface CallbackListOptions {
  /** Appends a `History` unless the list holds one (fit does; evaluate/predict do not). */
  addHistory?: boolean;
  /** Appends a `ProgbarLogger` unless the list holds one. */
  addProgbar?: boolean;
  /** The model the callbacks are attached to (`setModel` is called on each). Default: none. */
  model?: CallbackModel;
  /** The verbosity passed to the added progress bar: 0 silent, 1 a bar, 2 one line per epoch. Default `1`. */
  verbose?: 0 | 1 | 2;
  /** The number of epochs, passed to the callbacks in `params`. Default: unset. */
  epochs?: number;
  /** Steps per epoch, passed to the callbacks in `params`; `null` when unknown. Default: unset. */
  steps?: number | null;
  /** Where the added progress bar writes; defaults to stdout (console in a browser). */
  output?: TextOutput;
}

/**
 * The fit loop's single entry point to every callback, as Keras's
 * `CallbackList`: each hook runs the callbacks in order, awaiting each one, so
 * a callback that writes a file finishes before the next one starts.
 *
 * Batch logs are passed through untouched (never copied), so lazy getters on
 * them are only read by the callbacks that need a value.
 */
export class CallbackList {
  readonly callbacks: Callback[];
  readonly history: History;
  model?: CallbackModel;
  params: CallbackParams;

  constructor(callbacks: Callback[] = [], options: CallbackListOptions = {}) {
    this.callbacks = [...callbacks];
    // Keras appends the default callbacks after the user's, History first.
    let history = this.callbacks.find((callback) => callback instanceof History) as History | undefined;
    if (!history) {
      history = new History();
      if (options.addHistory) this.callbacks.push(history);
    }
    this.history = history;
    const hasProgbar = this.callbacks.some((callback) => callback instanceof ProgbarLogger);
    if (options.addProgbar && !hasProgbar) this.callbacks.push(new ProgbarLogger({ output: options.output }));
    this.params = { verbose: options.verbose ?? 1, epochs: options.epochs ?? 1, steps: options.steps ?? null };
    this.setParams(this.params);
    if (options.model) this.setModel(options.model);
  }

  append(callback: Callback): void {
    this.callbacks.push(callback);
    callback.setParams(this.params);
    if (this.model) callback.setModel(this.model);
  }

  setModel(model: CallbackModel): void {
    this.model = model;
    for (const callback of this.callbacks) callback.setModel(model);
  }

  setParams(params: CallbackParams): void {
    this.params = params;
    for (const callback of this.callbacks) callback.setParams(params);
  }

  /**
   * Before `onTrainBegin`: lets every callback that can resume training
   * (`BackupAndRestore`) restore the model's weights and optimizer state, and
   * returns the epoch to start from (undefined when nothing was restored).
   * The model and its optimizer must be built first, so the shapes exist.
   */
  async restore(): Promise<number | undefined> {
    if (!this.model) throw new Error('CallbackList.restore needs a model: pass `model` to the constructor or call setModel.');
    let epoch: number | undefined;
    for (const callback of this.callbacks) {
      const restorer = callback as Partial<RestoresTraining>;
      if (typeof restorer.restore !== 'function') continue;
      const restored = await restorer.restore(this.model);
      if (restored !== undefined) epoch = Math.max(epoch ?? 0, restored);
    }
    return epoch;
  }

  /** Runs `hook` on each callback in order; awaits only hooks that return a promise. */
  private async run(hook: (callback: Callback) => HookResult): Promise<void> {
    for (const callback of this.callbacks) {
      const result = hook(callback);
      if (result) await result;
    }
  }

  onTrainBegin(logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onTrainBegin(logs));
  }
  onTrainEnd(logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onTrainEnd(logs));
  }
  onEpochBegin(epoch: number, logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onEpochBegin(epoch, logs));
  }
  /** `logs` is one object shared by all callbacks: one may add a key (`learning_rate`) that the next records. */
  onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    return this.run((callback) => callback.onEpochEnd(epoch, logs));
  }
  onTrainBatchBegin(batch: number, logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onTrainBatchBegin(batch, logs));
  }
  onTrainBatchEnd(batch: number, logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onTrainBatchEnd(batch, logs));
  }
  onTestBegin(logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onTestBegin(logs));
  }
  onTestEnd(logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onTestEnd(logs));
  }
  onTestBatchBegin(batch: number, logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onTestBatchBegin(batch, logs));
  }
  onTestBatchEnd(batch: number, logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onTestBatchEnd(batch, logs));
  }
  onPredictBegin(logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onPredictBegin(logs));
  }
  onPredictEnd(logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onPredictEnd(logs));
  }
  onPredictBatchBegin(batch: number, logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onPredictBatchBegin(batch, logs));
  }
  onPredictBatchEnd(batch: number, logs?: Logs): Promise<void> {
    return this.run((callback) => callback.onPredictBatchEnd(batch, logs));
  }
}
