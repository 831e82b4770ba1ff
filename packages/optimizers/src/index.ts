/**
 * Keras's optimizers with Keras's defaults, learning-rate schedules, gradient clipping and weight decay.
 *
 * @module @strata/optimizers
 */
export { Optimizer } from './optimizer';
export type { OptimizerOptions, OptimizerVariable } from './optimizer';
export { SGD } from './sgd';
export type { SGDOptions } from './sgd';
export { RMSprop } from './rmsprop';
export type { RMSpropOptions } from './rmsprop';
export { Adam } from './adam';
export type { AdamOptions } from './adam';
export { AdamW } from './adamw';
export { Adagrad } from './adagrad';
export type { AdagradOptions } from './adagrad';
export { Adadelta } from './adadelta';
export type { AdadeltaOptions } from './adadelta';
export { Adamax } from './adamax';
export type { AdamaxOptions } from './adamax';
export { Nadam } from './nadam';
export type { NadamOptions } from './nadam';
export { Lion } from './lion';
export type { LionOptions } from './lion';
export { Ftrl } from './ftrl';
export type { FtrlOptions } from './ftrl';
export { Lamb } from './lamb';
export type { LambOptions } from './lamb';
export { Adafactor } from './adafactor';
export type { AdafactorOptions } from './adafactor';
export { Muon } from './muon';
export type { MuonOptions } from './muon';
export { ScheduleFreeAdamW } from './schedule-free-adamw';
export type { ScheduleFreeAdamWOptions } from './schedule-free-adamw';
export { MultiOptimizer, serializeOptimizerMap } from './multi-optimizer';
export type { MultiOptimizerOptions, OptimizerSelector, SelectedVariable } from './multi-optimizer';
export { OptimizerMap } from './optimizer-map';
export { LossScaleOptimizer } from './loss-scale-optimizer';
export type { LossScaleOptimizerOptions } from './loss-scale-optimizer';
export { clipByGlobalNorm, clipByNorm, clipGradients } from './clipping';
export { isFloatConfigField, markFloatFields } from './float-fields';
export { builtInOptimizers, deserializeOptimizer, deserializeOptimizerMap, getOptimizer, serializeOptimizer } from './serialization';
export type { OptimizerFactory, OptimizerRegistryOptions } from './serialization';
export * as schedules from './schedules';
export {
  CosineDecay,
  CosineDecayRestarts,
  ExponentialDecay,
  InverseTimeDecay,
  LearningRateSchedule,
  PiecewiseConstantDecay,
  PolynomialDecay,
  deserializeLearningRateSchedule,
  serializeLearningRateSchedule,
} from './schedules';
export type { ScheduleFromConfig } from './schedules';
