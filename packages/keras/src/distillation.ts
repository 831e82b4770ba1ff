// Keras's keras.distillation: the Distiller model and its losses (they live in @strata/models).
// Type aliases rather than `export type { ... } from`: the declaration bundler turns re-exported types of a
// namespace module into values in index.d.ts (`typeof X`), which fails a consumer's strict type-check.
export { Distiller, DistillationLoss, FeatureDistillation, LogitsDistillation } from '@strata/models';
import type {
  DistillerArgs as BaseDistillerArgs,
  FeatureDistillationOptions as BaseFeatureDistillationOptions,
  LogitsDistillationOptions as BaseLogitsDistillationOptions,
} from '@strata/models';
export type DistillerArgs = BaseDistillerArgs;
export type FeatureDistillationOptions = BaseFeatureDistillationOptions;
export type LogitsDistillationOptions = BaseLogitsDistillationOptions;
