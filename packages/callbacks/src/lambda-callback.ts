import { checkOptionKeys } from '@strata/ops/options';
import { Callback, type HookResult, type Logs } from './callback';

/** The hooks a `LambdaCallback` accepts; each is optional. */
export interface LambdaCallbackHooks {
  /** Called once when `fit` starts, with the logs. */
  onTrainBegin?: (logs?: Logs) => HookResult;
  /** Called once when `fit` ends, with the last epoch's logs. */
  onTrainEnd?: (logs?: Logs) => HookResult;
  /** Called at the start of each epoch, with its 0-based index. */
  onEpochBegin?: (epoch: number, logs?: Logs) => HookResult;
  /** Called at the end of each epoch, with its index and logs (`loss`, metrics, `val_` values). */
  onEpochEnd?: (epoch: number, logs?: Logs) => HookResult;
  /** Called before each training batch, with its index within the epoch. */
  onTrainBatchBegin?: (batch: number, logs?: Logs) => HookResult;
  /** Called after each training batch, with its index and running logs. */
  onTrainBatchEnd?: (batch: number, logs?: Logs) => HookResult;
  /** Called when `evaluate` (or validation in `fit`) starts. */
  onTestBegin?: (logs?: Logs) => HookResult;
  /** Called when `evaluate` (or validation in `fit`) ends, with its logs. */
  onTestEnd?: (logs?: Logs) => HookResult;
  /** Called before each evaluation batch, with its index. */
  onTestBatchBegin?: (batch: number, logs?: Logs) => HookResult;
  /** Called after each evaluation batch, with its index and running logs. */
  onTestBatchEnd?: (batch: number, logs?: Logs) => HookResult;
  /** Called when `predict` starts. */
  onPredictBegin?: (logs?: Logs) => HookResult;
  /** Called when `predict` ends. */
  onPredictEnd?: (logs?: Logs) => HookResult;
  /** Called before each prediction batch, with its index. */
  onPredictBatchBegin?: (batch: number, logs?: Logs) => HookResult;
  /** Called after each prediction batch, with its index and logs (`outputs`). */
  onPredictBatchEnd?: (batch: number, logs?: Logs) => HookResult;
}

const LAMBDA_HOOKS = [
  'onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onTrainBatchBegin', 'onTrainBatchEnd', 'onTestBegin', 'onTestEnd',
  'onTestBatchBegin', 'onTestBatchEnd', 'onPredictBegin', 'onPredictEnd', 'onPredictBatchBegin', 'onPredictBatchEnd',
];

/** Keras's `LambdaCallback`: a callback made of plain functions. */
export class LambdaCallback extends Callback {
  constructor(private readonly hooks: LambdaCallbackHooks = {}) {
    super();
    checkOptionKeys('LambdaCallback', hooks, LAMBDA_HOOKS);
  }

  override onTrainBegin(logs?: Logs): HookResult {
    return this.hooks.onTrainBegin?.(logs);
  }
  override onTrainEnd(logs?: Logs): HookResult {
    return this.hooks.onTrainEnd?.(logs);
  }
  override onEpochBegin(epoch: number, logs?: Logs): HookResult {
    return this.hooks.onEpochBegin?.(epoch, logs);
  }
  override onEpochEnd(epoch: number, logs?: Logs): HookResult {
    return this.hooks.onEpochEnd?.(epoch, logs);
  }
  override onTrainBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.hooks.onTrainBatchBegin?.(batch, logs);
  }
  override onTrainBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.hooks.onTrainBatchEnd?.(batch, logs);
  }
  override onTestBegin(logs?: Logs): HookResult {
    return this.hooks.onTestBegin?.(logs);
  }
  override onTestEnd(logs?: Logs): HookResult {
    return this.hooks.onTestEnd?.(logs);
  }
  override onTestBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.hooks.onTestBatchBegin?.(batch, logs);
  }
  override onTestBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.hooks.onTestBatchEnd?.(batch, logs);
  }
  override onPredictBegin(logs?: Logs): HookResult {
    return this.hooks.onPredictBegin?.(logs);
  }
  override onPredictEnd(logs?: Logs): HookResult {
    return this.hooks.onPredictEnd?.(logs);
  }
  override onPredictBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.hooks.onPredictBatchBegin?.(batch, logs);
  }
  override onPredictBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.hooks.onPredictBatchEnd?.(batch, logs);
  }
}
