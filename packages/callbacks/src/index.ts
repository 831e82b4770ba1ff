/**
 * The `Callback` base class and Keras's standard callbacks (EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, TensorBoard...).
 *
 * @module @strata/callbacks
 */
export { Callback } from './callback';
export type { CallbackModel, CallbackOptimizer, CallbackParams, HookResult, Logs, RestoresTraining } from './callback';
export { CallbackList } from './callback-list';
export type { CallbackListOptions } from './callback-list';
export { History } from './history';
export { Progbar } from './progbar';
export type { ProgbarOptions } from './progbar';
export { ProgbarLogger } from './progbar-logger';
export type { ProgbarLoggerOptions } from './progbar-logger';
export { defaultOutput } from './output';
export { disableInteractiveLogging, enableInteractiveLogging, isInteractiveLoggingEnabled } from './interactive-logging';
export type { TextOutput } from './output';
export type { MonitorMode } from './monitor';
export { EarlyStopping } from './early-stopping';
export type { EarlyStoppingOptions } from './early-stopping';
export { ReduceLROnPlateau } from './reduce-lr-on-plateau';
export type { ReduceLROnPlateauOptions } from './reduce-lr-on-plateau';
export { LearningRateScheduler } from './learning-rate-scheduler';
export type { LearningRateSchedule } from './learning-rate-scheduler';
export { TerminateOnNaN } from './terminate-on-nan';
export { SwapEMAWeights } from './swap-ema-weights';
export type { SwapEMAWeightsOptions } from './swap-ema-weights';
export { LambdaCallback } from './lambda-callback';
export type { LambdaCallbackHooks } from './lambda-callback';
export { ModelCheckpoint } from './model-checkpoint';
export type { ModelCheckpointOptions } from './model-checkpoint';
export { CSVLogger } from './csv-logger';
export { RemoteMonitor } from './remote-monitor';
export type { RemoteMonitorOptions } from './remote-monitor';
export type { CSVLoggerOptions } from './csv-logger';
export { BackupAndRestore } from './backup-and-restore';
export type { BackupAndRestoreOptions } from './backup-and-restore';
export { TensorBoard } from './tensorboard/tensorboard';
export type { TensorBoardOptions } from './tensorboard/tensorboard';
export { formatTemplate } from './python-format';
