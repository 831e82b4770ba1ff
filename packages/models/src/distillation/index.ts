/** Keras's `keras.distillation`: a Distiller model that trains a student against a frozen teacher, and its losses. */
export { Distiller } from './distiller';
export type { DistillerArgs } from './distiller';
export { DistillationLoss, FeatureDistillation, LogitsDistillation } from './distillation-loss';
export type { DistillationModel, FeatureDistillationOptions, LogitsDistillationOptions } from './distillation-loss';
export type { LossItem, LossStructure } from './loss-items';
