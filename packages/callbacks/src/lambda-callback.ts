import { checkOptionKeys } from '@strata/ops/options';
import { Callback, type HookResult, type Logs } from './callback';

/** The hooks a `LambdaCallback` accepts; each is optional. */
export interface LambdaCallbackHooks {
  onTrainBegin?: (logs?: Logs) => HookResult;
  onTrainEnd?: (logs?: Logs) => HookResult;
  onEpochBegin?: (epoch: number, logs?: Logs) => HookResult;
  onEpochEnd?: (epoch: number, logs?: Logs) => HookResult;
  onTrainBatchBegin?: (batch: number, logs?: Logs) => HookResult;
  onTrainBatchEnd?: (batch: number, logs?: Logs) => HookResult;
  onTestBegin?: (logs?: Logs) => HookResult;
  onTestEnd?: (logs?: Logs) => HookResult;
  onTestBatchBegin?: (batch: number, logs?: Logs) => HookResult;
  onTestBatchEnd?: (batch: number, logs?: Logs) => HookResult;
  onPredictBegin?: (logs?: Logs) => HookResult;
  onPredictEnd?: (logs?: Logs) => HookResult;
  onPredictBatchBegin?: (batch: number, logs?: Logs) => HookResult;
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
